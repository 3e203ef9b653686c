import type { SectionKind } from '../../src/types.js'

import { seedStatement } from '../../seed/data/privacy.js'
import { suggestKind, suggestKinds } from '../../src/kinds/index.js'
import { item, list, p } from '../fixtures/diff/statement.js'

describe('suggestKind', () => {
  it.each(['da', 'en'] as const)(
    'gives every section of the seed statement the kind its editor chose (%s)',
    (locale) => {
      const suggested = suggestKinds(
        seedStatement.sections.map((s) => ({
          blocks: s.blocks[locale],
          heading: s.heading[locale],
          key: s.key,
        })),
        locale,
      )
      expect(
        Object.fromEntries(Object.entries(suggested).map(([key, s]) => [key, s.kind])),
      ).toEqual(Object.fromEntries(seedStatement.sections.map((s) => [s.key, s.kind])))
    },
  )

  // Headings as they appear in public Danish and English statements.
  it.each([
    ['da', 'Hvem er dataansvarlig?', 'controller'],
    ['da', 'Hvor længe opbevarer vi dine oplysninger?', 'retention'],
    ['da', 'Overførsel af personoplysninger til tredjelande', 'transfers'],
    ['da', 'Dine rettigheder', 'rights'],
    ['da', 'Brug af cookies', 'cookies'],
    ['da', 'Hvem deler vi dine oplysninger med?', 'recipients'],
    ['da', 'Hvorfor behandler vi dine personoplysninger?', 'purposes'],
    ['en', 'How long do we keep your data?', 'retention'],
    ['en', 'International transfers', 'transfers'],
    ['en', 'Your rights', 'rights'],
    ['en', 'Who we share your personal data with', 'recipients'],
    ['en', 'Sub-processors', 'recipients'],
    ['en', 'What personal data we collect', 'data-categories'],
    ['en', 'How to contact us', 'controller'],
    ['en', 'Security of your information', 'security'],
  ] as Array<['da' | 'en', string, SectionKind]>)(
    '%s: “%s” looks like %s',
    (locale, heading, kind) => {
      expect(suggestKind({ blocks: [], heading }, locale).kind).toBe(kind)
    },
  )

  it('reads the body when the heading says nothing, and names the phrases it matched', () => {
    const result = suggestKind(
      {
        blocks: [
          p('Vi opbevarer dine oplysninger i 3 år.'),
          list([item('Regnskabsmateriale opbevares i 5 år.')]),
        ],
        heading: 'Sådan gør vi',
      },
      'da',
    )
    expect(result).toMatchObject({ kind: 'retention', matched: ['opbevar*'], score: 2 })
  })

  it('names a close runner-up so the editor looks twice', () => {
    const result = suggestKind(
      {
        blocks: [
          p(
            'We transfer data to processors in the United States under standard contractual clauses.',
          ),
        ],
        heading: 'Our suppliers',
      },
      'en',
    )
    expect(result.kind).toBe('recipients')
    expect(result.alternative).toBe('transfers')
  })

  it('suggests general when nothing points anywhere, and in a language without phrases', () => {
    expect(suggestKind({ blocks: [p('Velkommen.')], heading: 'Velkommen' }, 'da')).toEqual({
      alternative: null,
      kind: 'general',
      matched: [],
      score: 0,
    })
    expect(
      suggestKind(
        { blocks: [p('Wir speichern Ihre Daten drei Jahre.')], heading: 'Speicherdauer' },
        'de',
      ).kind,
    ).toBe('general')
  })
})
