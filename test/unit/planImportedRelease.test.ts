import type { ReleaseSnapshot } from '../../src/types.js'

import {
  GENESIS_HASH,
  hashRelease,
  planImportedRelease,
  verifyChain,
} from '../../src/releases/index.js'

const snapshot = (text: string): ReleaseSnapshot => ({
  da: {
    html: `<p>${text}</p>`,
    sections: [
      {
        blocks: [{ html: text, text, type: 'paragraph' }],
        heading: 'Modtagere',
        key: 'recipients',
        kind: 'recipients',
      },
    ],
    title: 'Privatlivspolitik',
  },
})

const material = { proposal: 'material' as const, reasons: [] }
const minor = { proposal: 'minor' as const, reasons: [] }

describe('planImportedRelease', () => {
  const first = planImportedRelease({
    changeNote: { da: 'Første udgave' },
    documentKey: 'privacy',
    previous: null,
    proposal: material,
    publishedAt: '2019-03-01T00:00:00.000Z',
    snapshot: snapshot('Fragtfirma.'),
  })!

  it('numbers like a publish, starts the chain at genesis and notifies nobody', () => {
    expect(first).toMatchObject({
      effectiveAt: '2019-03-01T00:00:00.000Z',
      notify: false,
      previousHash: GENESIS_HASH,
      version: '1.0',
    })
    const second = planImportedRelease({
      changeNote: { da: '' },
      documentKey: 'privacy',
      previous: first,
      proposal: minor,
      publishedAt: '2020-03-01T00:00:00.000Z',
      snapshot: snapshot('Fragtfirmaet.'),
    })!
    expect(second).toMatchObject({
      kind: 'minor',
      notify: false,
      previousHash: first.hash,
      version: '1.1',
    })
  })

  it('takes the recorded kind over the proposal and keeps the proposal for the record', () => {
    const recorded = planImportedRelease({
      changeNote: { da: '' },
      documentKey: 'privacy',
      kind: 'material',
      previous: first,
      proposal: minor,
      publishedAt: '2020-03-01T00:00:00.000Z',
      snapshot: snapshot('Fragtfirmaet.'),
    })!
    expect(recorded.version).toBe('2.0')
    expect(recorded.decision).toMatchObject({
      kind: 'material',
      overridden: true,
      proposal: 'minor',
    })
  })

  it('plans nothing for a version with the text of the one before', () => {
    expect(
      planImportedRelease({
        changeNote: { da: '' },
        documentKey: 'privacy',
        previous: first,
        proposal: minor,
        publishedAt: '2020-03-01T00:00:00.000Z',
        snapshot: snapshot('Fragtfirma.'),
      }),
    ).toBeNull()
  })

  it('hashes the import mark, so a chain verifies only with it', () => {
    const input = {
      changeNote: first.changeNote,
      contentHash: first.contentHash,
      documentKey: 'privacy',
      effectiveAt: first.effectiveAt,
      kind: first.kind,
      previousHash: first.previousHash,
      publishedAt: first.publishedAt,
      version: first.version,
    }
    expect(hashRelease({ ...input, imported: true })).toBe(first.hash)
    expect(hashRelease(input)).not.toBe(first.hash)
    // Releases published here keep the hash they always had: `imported: false` hashes as absent.
    expect(hashRelease({ ...input, imported: false })).toBe(hashRelease(input))
    const archived = { ...input, hash: first.hash, snapshot: snapshot('Fragtfirma.') }
    expect(verifyChain([{ ...archived, imported: true }]).intact).toBe(true)
    expect(verifyChain([archived]).intact).toBe(false)
  })
})
