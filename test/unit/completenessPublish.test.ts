/**
 * Issue 12: `publication.completeness` in the publish rules. With 'block', a missing GDPR
 * Art. 13/14 element refuses the publish (server and panel alike, one `checkPublish`); with
 * 'warn' it does not, and the release records what was missing either way.
 */
import type { Block, ReleaseSnapshot } from '../../src/types.js'

import { getPublicRoutes } from '../../plugin/read/publicRoutes.js'
import {
  checkPublish,
  planRelease,
  type PlanReleaseInput,
  publishFactsOf,
  publishSettingsOf,
  ReleaseRefused,
  renderPublishProblem,
} from '../../src/releases/index.js'

const paragraph = (text: string): Block => ({ html: text, text, type: 'paragraph' })
const snapshot: ReleaseSnapshot = {
  da: {
    html: '',
    sections: [
      {
        blocks: [paragraph('Vi bruger dine data til levering.')],
        heading: 'Formål',
        key: 'purposes',
        kind: 'purposes',
      },
    ],
    title: 'Persondataerklæring',
  },
  en: {
    html: '',
    sections: [
      {
        blocks: [paragraph('We use your data for delivery.')],
        heading: 'Purposes',
        key: 'purposes',
        kind: 'purposes',
      },
    ],
    title: 'Privacy statement',
  },
}

const input = (mode: 'block' | 'warn'): PlanReleaseInput => ({
  changeNote: { da: 'Første udgave', en: 'First edition' },
  choice: 'proposed',
  documentKey: 'privacy',
  gdpr: {
    missing: { da: ['retention'], en: [] },
    mode,
    notApplicable: { dpo: 'No DPO appointed.' },
  },
  locales: ['da', 'en'],
  previous: null,
  proposal: { proposal: 'material', reasons: [] },
  publishedAt: '2026-01-01T00:00:00.000Z',
  snapshot,
})

describe('publication.completeness', () => {
  it("refuses with 'block', naming the locale and the element in the editor's language", () => {
    let problems: unknown[] = []
    try {
      planRelease(input('block'))
    } catch (error) {
      if (!(error instanceof ReleaseRefused)) throw error
      problems = error.problems
    }
    expect(problems).toEqual([
      { code: 'gdpr-incomplete', params: { elements: ['retention'], locale: 'da' } },
    ])
    expect(renderPublishProblem(problems[0] as never, { language: 'da', timeZone: 'UTC' })).toMatch(
      /^Erklæringen på dansk mangler oplysninger, som databeskyttelsesforordningens art\. 13\/14 kræver: Opbevaringsperiode eller kriterierne for den\./,
    )
    // The panel runs the same rule on the facts the preview sends as JSON.
    const facts = JSON.parse(JSON.stringify(publishFactsOf(input('block'))))
    expect(
      checkPublish(
        publishSettingsOf(input('block')),
        facts,
        '2026-01-01T00:00:00.000Z',
      ).problems.map((p) => p.code),
    ).toEqual(['gdpr-incomplete'])
  })

  it("publishes with 'warn' and records what was missing and the declarations", () => {
    const plan = planRelease(input('warn'))!
    expect(plan.version).toBe('1.0')
    expect(plan.decision.gdpr).toEqual({
      missing: { da: ['retention'], en: [] },
      mode: 'warn',
      notApplicable: { dpo: 'No DPO appointed.' },
    })
  })

  it('serves the public checklist only when the host opts in', () => {
    const paths = (pub: boolean) =>
      getPublicRoutes({ completeness: { patterns: {}, public: pub } } as never).map(
        (route) => route.path,
      )
    expect(paths(false)).not.toContain('/:key/completeness')
    expect(paths(true)).toContain('/:key/completeness')
  })
})
