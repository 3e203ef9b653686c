import type { ReleaseSnapshot } from '../../src/types.js'

import {
  compareVersions,
  formatVersion,
  GENESIS_HASH,
  hashCanonical,
  hashRelease,
  hashSnapshot,
  nextEffectiveChange,
  nextVersion,
  parseVersion,
  planRelease,
  releaseInForce,
  ReleaseRefused,
  validateSnapshot,
  verifyChain,
} from '../../src/releases/index.js'

const snapshot = (heading: string): ReleaseSnapshot => ({
  da: {
    html: '',
    sections: [
      {
        blocks: [{ html: 'Vi behandler «data».', text: 'Vi behandler «data».', type: 'paragraph' }],
        heading,
        key: 'purposes',
        kind: 'purposes',
      },
    ],
    title: 'Persondataerklæring',
  },
})

describe('version numbering', () => {
  it('starts at 1.0, bumps major on material and minor on minor changes', () => {
    expect(formatVersion(nextVersion(null, 'minor'))).toBe('1.0')
    expect(formatVersion(nextVersion({ major: 1, minor: 0 }, 'minor'))).toBe('1.1')
    expect(formatVersion(nextVersion({ major: 1, minor: 1 }, 'material'))).toBe('2.0')
    expect(formatVersion(nextVersion({ major: 2, minor: 9 }, 'minor'))).toBe('2.10')
  })

  it('parses only strict major.minor strings', () => {
    expect(parseVersion('2.10')).toEqual({ major: 2, minor: 10 })
    for (const bad of [
      '2',
      '2.0.0',
      '02.0',
      '1.-1',
      ' 1.0',
      '1.0 ',
      'a.b',
      '',
      '1e3.0',
      7,
      null,
      undefined,
      {},
    ]) {
      expect(parseVersion(bad)).toBeUndefined()
    }
  })

  it('orders versions numerically, not as text', () => {
    expect(compareVersions(parseVersion('1.10')!, parseVersion('1.9')!)).toBeGreaterThan(0)
    expect(compareVersions(parseVersion('2.0')!, parseVersion('10.0')!)).toBeLessThan(0)
  })
})

describe('hashing', () => {
  it('gives equal hashes for equal content whatever the key order', () => {
    expect(hashCanonical({ a: 1, b: 'æøå' })).toBe(hashCanonical({ b: 'æøå', a: 1 }))
    expect(hashCanonical({ a: 1 })).toMatch(/^[0-9a-f]{64}$/)
  })

  it('changes the snapshot hash when a single character changes', () => {
    expect(hashSnapshot(snapshot('Formål'))).toBe(hashSnapshot(snapshot('Formål')))
    expect(hashSnapshot(snapshot('Formål'))).not.toBe(hashSnapshot(snapshot('Formal')))
  })

  it('chains releases: changing an earlier link changes every later hash', () => {
    const base = {
      changeNote: { da: 'Første udgave' },
      documentKey: 'privacy',
      effectiveAt: '2025-01-01T00:00:00.000Z',
      kind: 'material' as const,
      publishedAt: '2024-12-01T00:00:00.000Z',
    }
    const first = hashRelease({
      ...base,
      contentHash: hashSnapshot(snapshot('A')),
      previousHash: GENESIS_HASH,
      version: '1.0',
    })
    const forged = hashRelease({
      ...base,
      contentHash: hashSnapshot(snapshot('B')),
      previousHash: GENESIS_HASH,
      version: '1.0',
    })
    const second = hashRelease({
      ...base,
      contentHash: hashSnapshot(snapshot('C')),
      previousHash: first,
      version: '1.1',
    })
    const secondOnForged = hashRelease({
      ...base,
      contentHash: hashSnapshot(snapshot('C')),
      previousHash: forged,
      version: '1.1',
    })
    expect(first).not.toBe(forged)
    expect(second).not.toBe(secondOnForged)
  })
})

describe('releaseInForce', () => {
  const releases = [
    { effectiveAt: '2025-01-01T00:00:00.000Z', version: '1.0' },
    { effectiveAt: '2025-06-01T00:00:00.000Z', version: '1.1' },
    { effectiveAt: '2025-06-01T00:00:00.000Z', version: '1.2' },
    { effectiveAt: '2026-03-01T00:00:00.000Z', version: '2.0' },
  ]

  it('picks the latest effective release at a date, the higher version on ties', () => {
    expect(releaseInForce(releases, new Date('2024-12-31T23:59:59Z'))).toBeUndefined()
    expect(releaseInForce(releases, new Date('2025-01-01T00:00:00Z'))?.version).toBe('1.0')
    expect(releaseInForce(releases, new Date('2025-07-01'))?.version).toBe('1.2')
    expect(releaseInForce(releases, new Date('2030-01-01'))?.version).toBe('2.0')
  })

  it('knows when the answer next changes', () => {
    expect(nextEffectiveChange(releases, new Date('2025-07-01'))?.toISOString()).toBe(
      '2026-03-01T00:00:00.000Z',
    )
    expect(nextEffectiveChange(releases, new Date('2030-01-01'))).toBeUndefined()
  })
})

describe('validateSnapshot', () => {
  it('names the locale and section that lack content', () => {
    const snap: ReleaseSnapshot = {
      ...snapshot('Formål'),
      en: {
        html: '',
        sections: [{ blocks: [], heading: '', key: 'purposes', kind: 'purposes' }],
        title: 'Privacy',
      },
    }
    expect(validateSnapshot(snap, ['da', 'en', 'de'])).toEqual([
      { field: 'heading', locale: 'en', sectionKey: 'purposes' },
      { field: 'body', locale: 'en', sectionKey: 'purposes' },
      { field: 'title', locale: 'de' },
    ])
  })
})

describe('planRelease', () => {
  const base = {
    changeNote: { da: 'Ny kategori', en: 'New category' },
    choice: 'proposed' as const,
    documentKey: 'privacy',
    previous: null,
    proposal: { proposal: 'material' as const, reasons: [] },
    publishedAt: '2026-01-01T00:00:00.000Z',
    snapshot: snapshot('Formål'),
  }

  it('plans 1.0 first, effective at publication when no date is given', () => {
    expect(planRelease(base)).toMatchObject({
      effectiveAt: base.publishedAt,
      previousHash: GENESIS_HASH,
      version: '1.0',
    })
  })

  it('returns null when the content did not change', () => {
    const first = planRelease(base)!
    expect(planRelease({ ...base, previous: { ...first, version: first.version } })).toBeNull()
  })

  it('requires a justification to override the proposal and records it', () => {
    expect(() => planRelease({ ...base, choice: 'minor' })).toThrow(ReleaseRefused)
    expect(
      planRelease({ ...base, choice: 'minor', justification: ' Typo only ' })!.decision,
    ).toMatchObject({
      justification: 'Typo only',
      kind: 'minor',
      overridden: true,
      proposal: 'material',
    })
  })

  it('refuses back-dated releases and releases that take effect before their predecessor', () => {
    expect(() => planRelease({ ...base, effectiveAt: '2025-12-01T00:00:00.000Z' })).toThrow(
      /is in the past/,
    )
    const first = planRelease({ ...base, effectiveAt: '2026-06-01T00:00:00.000Z' })!
    expect(() =>
      planRelease({
        ...base,
        effectiveAt: '2026-03-01T00:00:00.000Z',
        previous: first,
        snapshot: snapshot('Formålet'),
      }),
    ).toThrow(/Releases take effect in order/)
  })

  it('does not reuse publish settings left on the draft by the previous publish', () => {
    const first = planRelease({
      ...base,
      choice: 'minor',
      effectiveAt: '2026-02-01T00:00:00.000Z',
      justification: 'Reviewed',
    })!
    const later = {
      ...base,
      publishedAt: '2026-05-01T00:00:00.000Z',
      snapshot: snapshot('Formålet'),
    }
    // The same note, date and justification are still on the draft: they are leftovers.
    const second = planRelease({
      ...later,
      choice: 'minor',
      effectiveAt: '2026-02-01T00:00:00.000Z',
      justification: 'Wording only',
      previous: first,
    })!
    expect(second.changeNote).toEqual({ da: '' })
    expect(second.effectiveAt).toBe(later.publishedAt)
    expect(() =>
      planRelease({ ...later, choice: 'minor', justification: 'Reviewed', previous: first }),
    ).toThrow(/Justification/)
    // New values are decisions.
    const third = planRelease({
      ...later,
      changeNote: { da: 'Andet', en: 'Other' },
      effectiveAt: '2026-06-01T00:00:00.000Z',
      previous: first,
    })!
    expect(third).toMatchObject({
      changeNote: { da: 'Andet' },
      effectiveAt: '2026-06-01T00:00:00.000Z',
    })
  })
})

describe('publication rules for material changes', () => {
  const first = planRelease({
    changeNote: { da: 'Første', en: 'First' },
    choice: 'proposed',
    documentKey: 'privacy',
    previous: null,
    proposal: { proposal: 'material', reasons: [] },
    publishedAt: '2026-01-01T00:00:00.000Z',
    snapshot: snapshot('Formål'),
  })!
  const next = {
    changeNote: { da: 'Nyt formål', en: 'New purpose' },
    choice: 'proposed' as const,
    documentKey: 'privacy',
    previous: first,
    proposal: { proposal: 'material' as const, reasons: [] },
    publishedAt: '2026-02-01T00:00:00.000Z',
    snapshot: snapshot('Formål og modtagere'),
  }

  it('needs 30 days of notice unless a reason for the short notice is given, and records it', () => {
    expect(() => planRelease(next)).toThrow(/at least 30 days/)
    expect(() => planRelease({ ...next, effectiveAt: '2026-03-02T00:00:00.000Z' })).toThrow(
      /gives 29/,
    )
    expect(
      planRelease({ ...next, effectiveAt: '2026-03-03T00:00:00.000Z' })!.decision.shortNotice,
    ).toBeUndefined()
    const urgent = planRelease({ ...next, shortNoticeJustification: 'Court order' })!
    expect(urgent.decision.shortNotice).toEqual({
      days: 0,
      justification: 'Court order',
      requiredDays: 30,
    })
    expect(planRelease({ ...next, minNoticeDays: 0 })!.version).toBe('2.0')
  })

  it('needs a change note in every language, and names the missing ones', () => {
    expect(() =>
      planRelease({
        ...next,
        changeNote: { da: 'Nyt formål', en: ' ' },
        locales: ['da', 'en'],
        minNoticeDays: 0,
        missing: [],
      }),
    ).toThrow(/change note in every language; the one in English is empty/)
  })

  it('does not apply to minor changes or the first release', () => {
    expect(
      planRelease({
        ...next,
        changeNote: { da: '', en: '' },
        choice: 'minor',
        justification: 'Typo',
      })!.version,
    ).toBe('1.1')
    expect(first.decision.shortNotice).toBeUndefined()
  })
})

describe('verifyChain', () => {
  const chain = () => {
    const common = {
      choice: 'proposed' as const,
      documentKey: 'privacy',
      proposal: { proposal: 'minor' as const, reasons: [] },
    }
    const a = planRelease({
      ...common,
      changeNote: { da: 'A' },
      previous: null,
      publishedAt: '2026-01-01T00:00:00.000Z',
      snapshot: snapshot('A'),
    })!
    const b = planRelease({
      ...common,
      changeNote: { da: 'B' },
      previous: a,
      publishedAt: '2026-02-01T00:00:00.000Z',
      snapshot: snapshot('B'),
    })!
    const c = planRelease({
      ...common,
      changeNote: { da: 'C' },
      previous: b,
      publishedAt: '2026-03-01T00:00:00.000Z',
      snapshot: snapshot('C'),
    })!
    return [
      { ...a, documentKey: 'privacy', snapshot: snapshot('A') },
      { ...b, documentKey: 'privacy', snapshot: snapshot('B') },
      { ...c, documentKey: 'privacy', snapshot: snapshot('C') },
    ]
  }

  it('accepts an untouched ledger in any order', () => {
    expect(verifyChain(chain().reverse())).toEqual({
      events: [],
      intact: true,
      releases: ['1.0', '1.1', '1.2'].map((version) => ({ problems: [], version })),
    })
  })

  it('detects a rewritten text, a rewritten date and a removed release', () => {
    const text = chain()
    text[1]!.snapshot = snapshot('B rewritten')
    expect(verifyChain(text).releases[1]!.problems.join()).toMatch(/content hash/)
    const date = chain()
    date[0]!.effectiveAt = '2025-01-01T00:00:00.000Z'
    expect(verifyChain(date).releases[0]!.problems.join()).toMatch(/release hash/)
    const removed = chain()
    removed.splice(1, 1)
    const report = verifyChain(removed)
    expect(report.intact).toBe(false)
    expect(report.releases[1]!.problems.join()).toMatch(/link to the previous release/)
  })
})

describe('notifying about a minor release', () => {
  const common = {
    choice: 'minor' as const,
    documentKey: 'privacy',
    justification: 'Typo',
    proposal: { proposal: 'minor' as const, reasons: [] },
  }
  const first = planRelease({
    ...common,
    changeNote: { da: 'A' },
    previous: null,
    publishedAt: '2026-01-01T00:00:00.000Z',
    snapshot: snapshot('A'),
  })!

  it('happens on request, and a request left on the draft is not renewed by the next publish', () => {
    const asked = planRelease({
      ...common,
      changeNote: { da: 'B' },
      justification: 'Typo 2',
      notifyMinor: true,
      previous: first,
      publishedAt: '2026-02-01T00:00:00.000Z',
      snapshot: snapshot('B'),
    })!
    expect(asked.notify).toBe(true)
    const leftover = planRelease({
      ...common,
      changeNote: { da: 'C' },
      justification: 'Typo 3',
      notifyMinor: true,
      previous: asked,
      publishedAt: '2026-03-01T00:00:00.000Z',
      snapshot: snapshot('C'),
    })!
    expect(leftover.notify).toBe(false)
    expect(
      planRelease({
        ...common,
        changeNote: { da: 'D' },
        justification: 'Typo 4',
        previous: leftover,
        publishedAt: '2026-04-01T00:00:00.000Z',
        snapshot: snapshot('D'),
      })!.notify,
    ).toBe(false)
  })
})
