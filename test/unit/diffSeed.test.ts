/**
 * The diff engine and the classifier on the demo seed: the real bilingual statement and its
 * release history, whose kinds were decided by hand when the history was written.
 */
import { diffWords } from 'diff'

import type { SeedStatement } from '../../seed/types.js'
import type { ReleaseSnapshot } from '../../src/types.js'

import { wholeText } from '../../bench/diffData.js'
import { seedReleases } from '../../seed/data/history.js'
import { seedStatement } from '../../seed/data/privacy.js'
import { diffSnapshots, renderDiffHtml, summarizeDiff } from '../../src/diff/index.js'
import { classify } from '../../src/materiality/index.js'
import { allTexts } from '../fixtures/diff/helpers.js'

function toSnapshot(statement: SeedStatement): ReleaseSnapshot {
  const locales = ['da', 'en'] as const
  return Object.fromEntries(
    locales.map((locale) => [
      locale,
      {
        html: '',
        sections: statement.sections.map((s) => ({
          blocks: s.blocks[locale],
          heading: s.heading[locale],
          key: s.key,
          kind: s.kind,
        })),
        title: statement.title[locale],
      },
    ]),
  )
}

const pairs = seedReleases.slice(1).map((release, i) => [seedReleases[i]!, release] as const)

describe('diff and materiality on the seed history', () => {
  it.each(pairs.map(([prev, next]) => [prev.version, next.version, prev, next] as const))(
    '%s → %s: proposes the kind the history records',
    (_from, _to, prev, next) => {
      const diff = diffSnapshots(toSnapshot(prev.statement), toSnapshot(next.statement))
      expect(Object.keys(diff.locales).sort()).toEqual(['da', 'en'])
      expect(classify(diff).proposal).toBe(next.kind)
      for (const locale of ['da', 'en'] as const)
        expect(classify(diff.locales[locale]!).proposal).toBe(next.kind)
    },
  )

  it('1.0 → 1.1: editorial fixes only, reported as punctuation plus one rewording per locale', () => {
    const [prev, next] = pairs[0]!
    const diff = diffSnapshots(toSnapshot(prev.statement), toSnapshot(next.statement))
    const da = diff.locales.da!
    expect(da.sections.filter((s) => s.type !== 'unchanged').map((s) => s.key)).toEqual([
      'personal-data',
      'purposes',
      'correction-erasure',
    ])
    expect(
      allTexts(da)
        .filter((t) => t.flavour !== null)
        .map((t) => t.flavour),
    ).toEqual(['punctuation', 'punctuation', 'words'])
    expect(summarizeDiff(da)).toContain(
      '- »Formålet med den indhentede information«: kun tegnsætning er ændret',
    )
    expect(summarizeDiff(diff.locales.en!)).toContain(
      '- “Purpose of the information collected”: only punctuation changed',
    )
  })

  it('1.1 → 2.0: location data is a new data category and a new purpose, in both languages', () => {
    const [prev, next] = pairs[1]!
    const diff = diffSnapshots(toSnapshot(prev.statement), toSnapshot(next.statement))
    const reasons = classify(diff, { locale: 'en' }).reasons
    expect(
      reasons.filter((r) => r.material).map((r) => `${r.locale}:${r.code}:${r.section}`),
    ).toEqual([
      'da:list-item-added:personal-data',
      'da:list-item-added:purposes',
      'en:list-item-added:personal-data',
      'en:list-item-added:purposes',
    ])
    expect(reasons[0]!.message).toBe(
      'New data category in “Hvilke personoplysninger behandler vi?”: Lokationsdata (omtrentlig placering baseret på IP-adresse)',
    )
    expect(summarizeDiff(diff.locales.da!)).toContain(
      'nyt punkt: »Lokationsdata (omtrentlig placering baseret på IP-adresse)«',
    )
    expect(
      renderDiffHtml(diff.locales.da!).replace(/<span class="pd-sr"[^>]*>[^<]*<\/span>/g, ''),
    ).toContain('<ins>Lokationsdata (omtrentlig placering baseret på IP-adresse)</ins>')
  })

  it('reports the same added and removed words as whole-text diffWords for every seed release', () => {
    const words = (values: string[]): string[] =>
      values.flatMap((v) => v.match(/[\p{L}\p{N}]+/gu) ?? []).sort()
    for (const [prev, next] of pairs) {
      const before = toSnapshot(prev.statement)
      const after = toSnapshot(next.statement)
      const diff = diffSnapshots(before, after)
      for (const locale of ['da', 'en'] as const) {
        const parts = allTexts(diff.locales[locale]!).flatMap((t) => t.parts)
        const whole = diffWords(wholeText(before[locale]!), wholeText(after[locale]!))
        expect(words(parts.filter((x) => x.type === 'insert').map((x) => x.text))).toEqual(
          words(whole.filter((c) => c.added).map((c) => c.value)),
        )
        expect(words(parts.filter((x) => x.type === 'delete').map((x) => x.text))).toEqual(
          words(whole.filter((c) => c.removed).map((c) => c.value)),
        )
      }
    }
  })

  it('treats the first release as every section new', () => {
    const diff = diffSnapshots(null, toSnapshot(seedStatement))
    expect(diff.locales.da!.stats.sectionsAdded).toBe(seedStatement.sections.length)
    expect(classify(diff).proposal).toBe('material')
  })
})
