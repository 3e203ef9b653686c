/**
 * The publish rules (src/releases/publishRules.ts) from both sides: the server's `planRelease`
 * on a document, and the admin panel's `checkPublish` on the preview's facts (as JSON) with the
 * live form values. One function, so both must name the same problems.
 */
import type { Block, ReleaseSnapshot } from '../../src/types.js'

import { diffSnapshots } from '../../src/diff/index.js'
import {
  checkPublish,
  contentChangesOf,
  hashRelease,
  planRelease,
  type PlanReleaseInput,
  publishFactsOf,
  type PublishProblem,
  publishSettingsOf,
  ReleaseRefused,
  renderPublishProblem,
  renderRefusal,
  verifyChain,
} from '../../src/releases/index.js'

const paragraph = (text: string, html = text): Block => ({ html, text, type: 'paragraph' })

/** A two-locale statement; `purposes` and `intro` per locale can be replaced. */
function statement(
  texts: {
    da?: Partial<Record<'intro' | 'purposes', Block>>
    en?: Partial<Record<'intro' | 'purposes', Block>>
  } = {},
): ReleaseSnapshot {
  const locale = (
    code: 'da' | 'en',
    title: string,
    headings: [string, string],
    defaults: [string, string],
  ) => ({
    html: '',
    sections: [
      {
        blocks: [texts[code]?.intro ?? paragraph(defaults[0])],
        heading: headings[0],
        key: 'intro',
        kind: 'general' as const,
      },
      {
        blocks: [texts[code]?.purposes ?? paragraph(defaults[1])],
        heading: headings[1],
        key: 'purposes',
        kind: 'purposes' as const,
      },
    ],
    title,
  })
  return {
    da: locale(
      'da',
      'Persondataerklæring',
      ['Indledning', 'Formål'],
      ['Vi passer på dine data.', 'Vi bruger dine data til levering.'],
    ),
    en: locale(
      'en',
      'Privacy statement',
      ['Introduction', 'Purposes'],
      ['We look after your data.', 'We use your data for delivery.'],
    ),
  }
}

const v1 = statement()
const first = planRelease({
  changeNote: { da: 'Første udgave', en: 'First edition' },
  choice: 'proposed',
  documentKey: 'privacy',
  locales: ['da', 'en'],
  previous: null,
  proposal: { proposal: 'material', reasons: [] },
  publishedAt: '2026-01-01T00:00:00.000Z',
  snapshot: v1,
})!

/** The server's input for a change from v1 to `next`. */
function serverInput(
  next: ReleaseSnapshot,
  settings: Partial<PlanReleaseInput> = {},
): PlanReleaseInput {
  const diff = diffSnapshots(v1, next, { locales: ['da', 'en'] })
  return {
    changeNote: { da: 'Nyt formål', en: 'New purpose' },
    choice: 'proposed',
    contentChanges: Object.fromEntries(
      Object.entries(diff.locales).map(([locale, localeDiff]) => [
        locale,
        contentChangesOf(localeDiff),
      ]),
    ),
    documentKey: 'privacy',
    effectiveAt: '2026-03-15T00:00:00.000Z',
    locales: ['da', 'en'],
    missing: [],
    previous: first,
    proposal: { proposal: 'material', reasons: [] },
    publishedAt: '2026-02-01T00:00:00.000Z',
    snapshot: next,
    ...settings,
  }
}

/** What the server refuses, as codes. */
function serverProblems(input: PlanReleaseInput): PublishProblem[] {
  try {
    planRelease(input)
    return []
  } catch (error) {
    if (error instanceof ReleaseRefused) return error.problems
    throw error
  }
}

/** What the panel shows: the preview's facts travel as JSON, the settings come from the form. */
function panelProblems(input: PlanReleaseInput): PublishProblem[] {
  const facts = JSON.parse(JSON.stringify(publishFactsOf(input)))
  const formSettings = JSON.parse(JSON.stringify(publishSettingsOf(input)))
  return checkPublish(formSettings, facts, input.publishedAt).problems
}

const danishOnly = statement({
  da: { purposes: paragraph('Vi bruger dine data til levering og til markedsføring.') },
})
const bothChanged = statement({
  da: { purposes: paragraph('Vi bruger dine data til levering og til markedsføring.') },
  en: { purposes: paragraph('We use your data for delivery and for marketing.') },
})

describe('checkPublish', () => {
  it('lists every failing rule at once, not one per attempt', () => {
    const input = serverInput(danishOnly, {
      changeNote: { da: 'Nyt formål', en: '' },
      choice: 'minor',
      effectiveAt: '2026-02-05T00:00:00.000Z',
      proposal: { proposal: 'material', reasons: [] },
    })
    // Minor was chosen: the material-only rules do not apply, the override does.
    expect(serverProblems(input).map((problem) => problem.code)).toEqual(['missing-justification'])
    const material = serverInput(danishOnly, {
      changeNote: { da: 'Nyt formål', en: '' },
      effectiveAt: '2026-02-05T00:00:00.000Z',
    })
    expect(serverProblems(material).map((problem) => problem.code)).toEqual([
      'missing-change-note',
      'short-notice',
      'translation-gap',
    ])
  })

  it('gives the panel (facts as JSON plus form values) exactly the problems the server refuses with', () => {
    const cases: PlanReleaseInput[] = [
      serverInput(danishOnly),
      serverInput(bothChanged),
      serverInput(bothChanged, { effectiveAt: null }),
      serverInput(bothChanged, { effectiveAt: '2025-12-01T00:00:00.000Z' }),
      serverInput(bothChanged, { changeNote: { da: '', en: 'New' } }),
      serverInput(bothChanged, { choice: 'minor' }),
      serverInput(danishOnly, { translationFollows: [{ locale: 'en', reason: '' }] }),
      serverInput(danishOnly, {
        translationFollows: [{ locale: 'en', reason: 'Translator booked for next week' }],
      }),
      serverInput(bothChanged, {
        missing: [{ field: 'body', locale: 'en', sectionKey: 'purposes' }],
      }),
    ]
    for (const input of cases) {
      expect(panelProblems(input)).toEqual(serverProblems(input))
    }
  })

  it('refuses a material change made in one language only, naming the locales and sections', () => {
    const problems = serverProblems(serverInput(danishOnly))
    expect(problems).toEqual([
      {
        code: 'translation-gap',
        params: {
          changedIn: ['da'],
          locale: 'en',
          sections: [{ heading: 'Formål', section: 'purposes' }],
        },
      },
    ])
    expect(
      renderPublishProblem(problems[0]!, { language: 'en', timeZone: 'Europe/Copenhagen' }),
    ).toMatch(
      /^The Danish text changed in “Formål”, but the English text did not.*declare under “Release” → “Translation follows”/,
    )
    expect(
      renderPublishProblem(problems[0]!, { language: 'da', timeZone: 'Europe/Copenhagen' }),
    ).toMatch(/^Teksten på dansk er ændret i “Formål”, men teksten på engelsk er ikke/)
    expect(serverProblems(serverInput(bothChanged))).toEqual([])
  })

  it('does not count a formatting-only change as a translation gap', () => {
    const formatted = statement({
      da: {
        purposes: paragraph(
          'Vi bruger dine data til levering.',
          'Vi bruger <strong>dine data</strong> til levering.',
        ),
      },
    })
    const diff = diffSnapshots(v1, formatted, { locales: ['da', 'en'] })
    expect(contentChangesOf(diff.locales.da!)).toEqual([])
    expect(
      serverProblems(serverInput(formatted, { choice: 'material', justification: 'Review' })),
    ).toEqual([])
  })

  it('publishes with a "translation follows" declaration and a reason, and the release hash covers it', () => {
    expect(
      serverProblems(
        serverInput(danishOnly, { translationFollows: [{ locale: 'en', reason: ' ' }] }),
      ).map((p) => p.code),
    ).toEqual(['translation-follows-reason'])
    const plan = planRelease(
      serverInput(danishOnly, {
        translationFollows: [{ locale: 'en', reason: 'Translator booked' }],
      }),
    )!
    expect(plan.translationFollows).toEqual([
      { changedIn: ['da'], locale: 'en', reason: 'Translator booked', sections: ['purposes'] },
    ])
    expect(plan.decision.translationFollows).toEqual(plan.translationFollows)
    const archived = (release: typeof plan, snapshot: ReleaseSnapshot) => ({
      ...release,
      documentKey: 'privacy',
      snapshot,
    })
    expect(verifyChain([archived(first, v1), archived(plan, danishOnly)]).intact).toBe(true)
    // Dropping the declaration from the archive breaks the release's hash.
    const stripped = { ...archived(plan, danishOnly), translationFollows: [] }
    expect(verifyChain([archived(first, v1), stripped]).releases[1]!.problems.join()).toMatch(
      /release hash/,
    )
    // Releases without a declaration keep the hash formula they always had.
    const { translationFollows: _ignored, ...withoutDeclaration } = {
      ...first,
      translationFollows: [],
    }
    expect(hashRelease({ ...withoutDeclaration, documentKey: 'privacy' })).toBe(first.hash)
  })

  it('ignores a declaration for a locale that is not behind', () => {
    const plan = planRelease(
      serverInput(bothChanged, { translationFollows: [{ locale: 'en', reason: 'Not needed' }] }),
    )!
    expect(plan.translationFollows).toEqual([])
  })

  it('names settings left over from the previous release and does not reuse them', () => {
    const input = serverInput(bothChanged, {
      changeNote: { da: 'Første udgave', en: 'New purpose' },
    })
    const check = checkPublish(publishSettingsOf(input), publishFactsOf(input), input.publishedAt)
    expect(check.leftovers).toEqual([{ field: 'changeNote', locale: 'da' }])
    expect(check.problems).toEqual([
      { code: 'missing-change-note', params: { leftoverFrom: '1.0', locale: 'da' } },
    ])
    expect(
      renderPublishProblem(check.problems[0]!, { language: 'da', timeZone: 'Europe/Copenhagen' }),
    ).toMatch(/^Ændringsnoten på dansk er stadig den fra version 1\.0 og bruges ikke igen/)
  })
})

describe('renderRefusal', () => {
  const options = { language: 'en', timeZone: 'Europe/Copenhagen' }

  it('speaks of what the editor typed, in the editor’s time zone, never raw ISO', () => {
    const later = planRelease({
      ...serverInput(bothChanged),
      effectiveAt: '2026-06-01T00:00:00.000Z',
    })!
    const input = { ...serverInput(statement()), previous: later, snapshot: bothChanged }
    // No effective date: "at once", which is before release 2.0 takes effect.
    const problems = serverProblems({
      ...input,
      effectiveAt: null,
      snapshot: statement({
        da: { intro: paragraph('Vi passer godt på dine data.') },
        en: { intro: paragraph('We take good care of your data.') },
      }),
    })
    const text = renderRefusal(problems, options)
    expect(text).toMatch(
      /You left the effective date empty, which means on publication, but release 2\.0 only takes effect on 1 June 2026 at 02:00 CEST/,
    )
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/)
    const danish = renderRefusal(problems, { language: 'da', timeZone: 'Europe/Copenhagen' })
    expect(danish).toMatch(/version 2\.0 træder først i kraft 1\. juni 2026 kl\. 02\.00 CEST/)
  })

  it('puts every problem in one text, numbered, in Danish or English', () => {
    const problems = serverProblems(
      serverInput(danishOnly, {
        changeNote: { da: 'Nyt formål', en: '' },
        effectiveAt: '2026-02-05T00:00:00.000Z',
      }),
    )
    const en = renderRefusal(problems, options)
    expect(en).toMatch(/^Publishing was refused\. 3 things to fix: \(1\) .* \(2\) .* \(3\) /)
    expect(en).toMatch(
      /Switch the locale \(top right\) to English and write its “Change note” under “Release”/,
    )
    expect(en).toMatch(/Set “Effective date” under “Release” to 3 March 2026 at 01:00 CET or later/)
    const da = renderRefusal(problems, { language: 'da', timeZone: 'Europe/Copenhagen' })
    expect(da).toMatch(/^Udgivelsen blev afvist\. 3 ting skal rettes:/)
    expect(da).toMatch(/Skift sprog \(øverst til højre\) til engelsk/)
  })
})
