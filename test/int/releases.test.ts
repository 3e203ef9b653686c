import type { Payload } from 'payload'

import type { Block } from '../../src/types.js'

import { blocksToLexical } from '../../src/lexical/index.js'
import { bootPayload, type TestPayload } from '../helpers/bootPayload.js'

const paragraph = (text: string): Block => ({ html: text, text, type: 'paragraph' })
const body = (...texts: string[]) => blocksToLexical(texts.map(paragraph))

let t: TestPayload
let payload: Payload
let documentId: number | string

const releases = async () =>
  (
    await payload.find({
      collection: 'policy-releases',
      depth: 0,
      pagination: false,
      sort: 'createdAt',
    })
  ).docs as any[]

/** Writes the English change note on the draft (a material release needs one in every language). */
async function englishNote(note: string) {
  await payload.update({
    id: documentId,
    collection: 'policy-documents',
    data: { release: { changeNote: note } },
    draft: true,
    locale: 'en',
  })
}

/** Replaces the English body of the section at `index` in the draft (the translation of a Danish edit). */
async function englishBody(index: number, text: string) {
  const en = await payload.findByID({
    id: documentId,
    collection: 'policy-documents',
    draft: true,
    locale: 'en',
  })
  const sections = en.sections!.map((row: any, i: number) =>
    i === index ? { ...row, body: body(text) } : row,
  )
  await payload.update({
    id: documentId,
    collection: 'policy-documents',
    data: { sections },
    draft: true,
    locale: 'en',
  })
}

const inDays = (days: number) => new Date(Date.now() + days * 24 * 3600 * 1000).toISOString()

async function publish(locale: 'da' | 'en', data: Record<string, unknown>) {
  return payload.update({
    id: documentId,
    collection: 'policy-documents',
    data: { ...data, _status: 'published' },
    locale,
  })
}

beforeAll(async () => {
  t = await bootPayload()
  payload = t.payload
  const doc = await payload.create({
    collection: 'policy-documents',
    data: {
      key: 'privacy',
      sections: [
        {
          body: body('Jackon er optaget af at beskytte dine personoplysninger.'),
          heading: 'Indledning',
          key: 'introduction',
          kind: 'controller',
        },
        {
          body: body('Vi bruger «cookies» på vores digitale kanaler.'),
          heading: 'Formål',
          key: 'purposes',
          kind: 'purposes',
        },
      ],
      title: 'Persondataerklæring',
      _status: 'draft',
    },
    draft: true,
    locale: 'da',
  })
  documentId = doc.id
  const daDoc = await payload.findByID({
    id: documentId,
    collection: 'policy-documents',
    draft: true,
    locale: 'da',
  })
  await payload.update({
    id: documentId,
    collection: 'policy-documents',
    data: {
      sections: daDoc.sections!.map((row: any, index: number) => ({
        ...row,
        body: body(
          index === 0
            ? 'Jackon cares about protecting your personal data.'
            : 'We use «cookies» on our digital channels.',
        ),
        heading: index === 0 ? 'Introduction' : 'Purposes',
      })),
      title: 'Privacy statement',
    },
    draft: true,
    locale: 'en',
  })
}, 60_000)

afterAll(async () => {
  await t?.destroy()
})

describe('publishing freezes releases', () => {
  it('creates nothing while the document is only a draft', async () => {
    expect(await releases()).toHaveLength(0)
  })

  it('freezes release 1.0 with every locale on the first publish', async () => {
    await publish('da', { release: { changeNote: 'Første udgave', changeKind: 'proposed' } })
    const [first, ...rest] = await releases()
    expect(rest).toHaveLength(0)
    expect(first.version).toBe('1.0')
    expect(first.kind).toBe('material')
    expect(first.previousHash).toBe('0'.repeat(64))
    expect(first.snapshot.da.sections.map((s: any) => s.key)).toEqual(['introduction', 'purposes'])
    expect(first.snapshot.en.sections[1].heading).toBe('Purposes')
    expect(first.snapshot.da.sections[1].blocks[0].text).toBe(
      'Vi bruger «cookies» på vores digitale kanaler.',
    )
    expect(first.snapshot.da.html).toContain('<h2>Formål</h2>')
    expect(first.changeNote).toEqual({ da: 'Første udgave', en: '' })
  })

  it('creates no release when a publish changes nothing', async () => {
    await publish('da', {})
    expect(await releases()).toHaveLength(1)
  })

  it('classifies a capitalization fix as minor, bumps the minor version and chains the hash', async () => {
    const current = await payload.findByID({
      id: documentId,
      collection: 'policy-documents',
      locale: 'da',
    })
    await publish('da', {
      release: { changeKind: 'proposed', changeNote: 'Sproglige rettelser' },
      sections: current.sections!.map((row: any, index: number) =>
        index === 1
          ? { ...row, body: body('Vi bruger «Cookies» på vores digitale kanaler.') }
          : row,
      ),
    })
    const all = await releases()
    expect(all.map((r) => r.version)).toEqual(['1.0', '1.1'])
    expect(all[1].previousHash).toBe(all[0].hash)
    expect(all[1].decision).toMatchObject({ kind: 'minor', overridden: false, proposal: 'minor' })
    expect(all[1].diff.locales.da.sections.find((s: any) => s.key === 'purposes').type).toBe(
      'changed',
    )
    expect(all[1].diff.summary.da).toMatch(/Formål/)
  })

  it('proposes material for a new purpose, with a reason the editor can read', async () => {
    const current = await payload.findByID({
      id: documentId,
      collection: 'policy-documents',
      locale: 'da',
    })
    const changed = current.sections!.map((row: any, index: number) =>
      index === 1
        ? {
            ...row,
            body: body(
              'Vi bruger «Cookies» og lokationsdata til markedsføring på vores digitale kanaler.',
            ),
          }
        : row,
    )
    await englishNote('New purpose')
    await englishBody(
      1,
      'We use «Cookies» and location data for marketing on our digital channels.',
    )
    await publish('da', {
      release: { changeKind: 'proposed', changeNote: 'Nyt formål', effectiveAt: inDays(31) },
      sections: changed,
    })
    const latest = (await releases()).at(-1)
    expect(latest.version).toBe('2.0')
    expect(latest.decision).toMatchObject({
      kind: 'material',
      overridden: false,
      proposal: 'material',
    })
    expect(
      latest.decision.reasons.some(
        (reason: any) =>
          reason.material && reason.section === 'purposes' && reason.message.includes('Formål'),
      ),
    ).toBe(true)
  })

  it('refuses to override the proposal without a justification, and records one when given', async () => {
    const current = await payload.findByID({
      id: documentId,
      collection: 'policy-documents',
      locale: 'da',
    })
    const changed = current.sections!.map((row: any, index: number) =>
      index === 0
        ? { ...row, body: body('Jackon er meget optaget af at beskytte dine personoplysninger.') }
        : row,
    )
    // Wording in the introduction: a small change the classifier proposes as minor.
    const proposal = 'minor'
    const override = 'material'
    await expect(
      publish('da', { release: { changeKind: override, justification: '' }, sections: changed }),
    ).rejects.toThrow(/Write a “Justification” under “Release”/)
    expect(await releases()).toHaveLength(3)
    await englishNote('Wording reviewed by legal')
    await englishBody(0, 'Jackon truly cares about protecting your personal data.')
    await publish('da', {
      release: {
        changeKind: override,
        changeNote: 'Ordlyd gennemgået',
        effectiveAt: inDays(32),
        justification: 'Legal reviewed this change.',
      },
      sections: changed,
    })
    const latest = (await releases()).at(-1)
    expect(latest.decision).toMatchObject({
      justification: 'Legal reviewed this change.',
      kind: override,
      overridden: true,
      proposal,
    })
    expect(latest.version).toBe('3.0')
  })

  it('refuses a publish with a section missing in a locale, naming both, and rolls the publish back', async () => {
    const before = await releases()
    const current = await payload.findByID({
      id: documentId,
      collection: 'policy-documents',
      locale: 'da',
    })
    await expect(
      publish('da', {
        release: { changeKind: 'proposed' },
        sections: [
          ...current.sections!,
          {
            body: body('Nyt afsnit.'),
            heading: 'Videregivelse',
            key: 'transfers',
            kind: 'transfers',
          },
        ],
      }),
    ).rejects.toThrow(
      /The English text is incomplete; missing: the heading of section “Videregivelse” and the text of section “Videregivelse”/,
    )
    expect(await releases()).toHaveLength(before.length)
    const published = await payload.findByID({
      id: documentId,
      collection: 'policy-documents',
      locale: 'da',
    })
    expect(published.sections!.map((s: any) => s.key)).not.toContain('transfers')
  })
})

describe('releases are immutable', () => {
  it('refuses updates and deletes through the Local API, even with overrideAccess', async () => {
    const [first] = await releases()
    const count = (await releases()).length
    await expect(
      payload.update({
        id: first.id,
        collection: 'policy-releases',
        data: { version: '9.9' },
        overrideAccess: true,
      }),
    ).rejects.toThrow(/immutable/)
    await expect(
      payload.delete({ id: first.id, collection: 'policy-releases', overrideAccess: true }),
    ).rejects.toThrow(/immutable/)
    await expect(
      payload.delete({ collection: 'policy-releases', where: { version: { exists: true } } }),
    ).resolves.toMatchObject({ docs: [] })
    await expect(
      payload.create({
        collection: 'policy-releases',
        data: { ...first, id: undefined, version: '7.0', hash: 'x' },
        overrideAccess: true,
      }),
    ).rejects.toThrow(/only by publishing/)
    expect(await releases()).toHaveLength(count)
    expect((await releases())[0]).toMatchObject({ hash: first.hash, version: '1.0' })
  })

  it('refuses REST edits and deletes, as an admin too', async () => {
    const [first] = await releases()
    await payload.create({
      collection: 'users',
      data: { email: 'admin@example.com', password: 'correct horse battery' },
    })
    const login = await t.api('/users/login', {
      body: JSON.stringify({ email: 'admin@example.com', password: 'correct horse battery' }),
      headers: { 'Content-Type': 'application/json' },
      method: 'POST',
    })
    const { token } = await login.json()
    const auth = { Authorization: `JWT ${token}`, 'Content-Type': 'application/json' }
    const patch = await t.api(`/policy-releases/${first.id}`, {
      body: JSON.stringify({ version: '9.9' }),
      headers: auth,
      method: 'PATCH',
    })
    expect(patch.status).toBe(403)
    const del = await t.api(`/policy-releases/${first.id}`, { headers: auth, method: 'DELETE' })
    expect(del.status).toBe(403)
    const post = await t.api('/policy-releases', {
      body: JSON.stringify({ version: '8.0' }),
      headers: auth,
      method: 'POST',
    })
    expect(post.status).toBe(403)
    expect((await releases())[0]).toMatchObject({ hash: first.hash, version: '1.0' })
  })
})
