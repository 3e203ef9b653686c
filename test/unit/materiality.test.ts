import type { Classification, ClassifyOptions } from '../../src/materiality/index.js'
import type { LocaleSnapshot } from '../../src/types.js'

import { diffLocale, diffSnapshots } from '../../src/diff/index.js'
import {
  classify,
  decideRelease,
  DEFAULT_MATERIALITY_THRESHOLDS,
  renderReason,
} from '../../src/materiality/index.js'
import {
  edited,
  type FixtureLocale,
  item,
  listOf,
  p,
  paragraphOf,
  sectionOf,
  setText,
  statement,
} from '../fixtures/diff/statement.js'

function run(
  locale: FixtureLocale,
  edit: (s: LocaleSnapshot) => void,
  options: ClassifyOptions = {},
  prev = statement(locale),
): Classification {
  return classify(diffLocale(prev, edited(prev, edit), { locale }), options)
}

const codes = (c: Classification): string[] =>
  c.reasons.map((r) => `${r.code}${r.material ? '!' : ''}`)

describe('classify: realistic edits', () => {
  it('proposes material for a new data category, with the reason in the reader’s words', () => {
    const da = run('da', (s) =>
      listOf(s, 'personal-data').items.splice(4, 0, item('Lokationsdata')),
    )
    expect(da.proposal).toBe('material')
    expect(da.reasons.map((r) => r.message)).toEqual([
      'Ny kategori af personoplysninger i »Hvilke personoplysninger behandler vi?«: Lokationsdata',
    ])
    expect(da.reasons[0]).toMatchObject({
      code: 'list-item-added',
      locale: 'da',
      material: true,
      section: 'personal-data',
    })

    const inEnglish = run(
      'da',
      (s) => listOf(s, 'personal-data').items.splice(4, 0, item('Lokationsdata')),
      { locale: 'en' },
    )
    expect(inEnglish.reasons[0]!.message).toBe(
      'New data category in “Hvilke personoplysninger behandler vi?”: Lokationsdata',
    )

    const en = run('en', (s) => listOf(s, 'personal-data').items.push(item('Location data')))
    expect(en.reasons.map((r) => r.message)).toEqual([
      'New data category in “What personal data do we process?”: Location data',
    ])
  })

  it('proposes material for a reworded purpose that adds a term', () => {
    const da = run('da', (s) =>
      setText(
        listOf(s, 'purposes').items[0]!,
        'For at forbedre, teste og videreudvikle vores tjenester og digitale kanaler',
      ),
    )
    expect(da.proposal).toBe('material')
    expect(da.reasons[0]!.message).toBe(
      'Afsnittet »Formålet med den indhentede information« er ændret: 1 ord (1 indholdsord tilføjet eller fjernet)',
    )
    const en = run('en', (s) =>
      setText(
        listOf(s, 'purposes').items[0]!,
        'To improve, test and further develop our services and digital channels',
      ),
    )
    expect(en.proposal).toBe('material')
    expect(en.reasons[0]!.message).toBe(
      'Section “Purpose of the information collected” changed: 1 word (1 content word added or removed)',
    )
  })

  it('counts the words of a change to the recipients section', () => {
    const result = run(
      'da',
      (s) => {
        const para = paragraphOf(s, 'third-parties', 1)
        setText(
          para,
          `${para.text} Vi deler også oplysninger med vores annoncepartnere, herunder Google og Meta, til målrettet markedsføring.`,
        )
      },
      { locale: 'en' },
    )
    expect(result.proposal).toBe('material')
    expect(result.reasons[0]!.message).toBe(
      'Section “Udlevering af information til tredjepart?” changed: 14 words (8 content words added or removed)',
    )
  })

  it.each(['da', 'en'] as FixtureLocale[])(
    'proposes minor for a reordered section, a new heading and a reordered list (%s)',
    (locale) => {
      const result = run(locale, (s) => {
        s.sections.push(s.sections.shift()!)
        sectionOf(s, 'rights').heading = locale === 'da' ? 'Dine rettigheder' : 'Your rights'
        listOf(s, 'purposes').items.reverse()
      })
      expect(result.proposal).toBe('minor')
      expect(codes(result).sort()).toEqual(['order-changed', 'section-moved', 'section-renamed'])
      expect(result.reasons.find((r) => r.code === 'section-renamed')!.message).toBe(
        locale === 'da'
          ? 'Overskriften »Rettigheder« er ændret til »Dine rettigheder«'
          : 'Heading “Rights” changed to “Your rights”',
      )
    },
  )

  it.each([
    ['da', 'Kun tegnsætning og store/små bogstaver er ændret i »Rettigheder«'],
    ['en', 'Only punctuation and capitalization changed in “Rights”'],
  ] as Array<[FixtureLocale, string]>)(
    'proposes minor when only punctuation and capitalization changed (%s)',
    (locale, message) => {
      const result = run(locale, (s) => {
        for (const entry of listOf(s, 'rights').items)
          setText(
            entry,
            `${entry.text.charAt(0).toUpperCase()}${entry.text.slice(1).replace(/,$/, ';')}`,
          )
      })
      expect(result).toEqual({
        proposal: 'minor',
        reasons: [expect.objectContaining({ code: 'editorial-only', message })],
      })
    },
  )

  it('proposes minor for typo, whitespace, formatting and link fixes, naming each', () => {
    const base = statement('da')
    const withTypo = edited(base, (s) => {
      const para = paragraphOf(s, 'third-parties', 0)
      setText(para, para.text.replace('underleverandører til', 'underleverandøer til'))
    })
    const fixed = edited(base, (s) => {
      const intro = paragraphOf(s, 'introduction', 0)
      intro.text = intro.text.replace('. ', '.\n')
      paragraphOf(s, 'introduction', 1).html = `<em>${paragraphOf(s, 'introduction', 1).html}</em>`
      const cookies = listOf(s, 'collection').items[0]!
      cookies.html = cookies.html.replace('/cookies', '/privatliv#cookies')
    })
    const result = classify(diffLocale(withTypo, fixed, { locale: 'da' }))
    expect(result.proposal).toBe('minor')
    expect(result.reasons.map((r) => r.message)).toEqual([
      'Kun mellemrum og formatering er ændret i »Indledning«',
      'Kun links er ændret i »Hvordan indhentes informationen?«',
      'Kun stavning er ændret i »Udlevering af information til tredjepart?«',
    ])
  })

  it('proposes material for a new or a removed section', () => {
    const added = run('en', (s) =>
      s.sections.push({
        blocks: [p('We keep personal data for 12 months.')],
        heading: 'Retention',
        key: 'retention',
        kind: 'retention',
      }),
    )
    expect(added.proposal).toBe('material')
    expect(added.reasons.map((r) => r.message)).toEqual(['New section “Retention”'])
    const removed = run('en', (s) => s.sections.splice(1, 1))
    expect(removed.reasons.map((r) => r.message)).toEqual(['Section “Key concepts” removed'])
    expect(removed.proposal).toBe('material')
  })

  it('proposes material for a changed retention period and a dropped negation', () => {
    const prev = edited(statement('da'), (s) =>
      s.sections.push({
        blocks: [p('Vi opbevarer dine oplysninger i 12 måneder.')],
        heading: 'Opbevaring',
        key: 'retention',
        kind: 'retention',
      }),
    )
    const result = run(
      'da',
      (s) => {
        setText(paragraphOf(s, 'retention', 0), 'Vi opbevarer dine oplysninger i 36 måneder.')
        const para = paragraphOf(s, 'third-parties', 0)
        setText(para, para.text.replace('deles ikke med', 'deles med'))
      },
      {},
      prev,
    )
    expect(result.proposal).toBe('material')
    // Dropping "ikke" is also a changed content word in a recipients section; 12 → 36 alone is below retention's two
    // content words, but a changed period is material in itself (issue 12: key facts, deliberately added).
    expect(codes(result)).toEqual([
      'section-changed!',
      'negation-removed!',
      'number-changed!',
      'key-term-changed!',
      'section-changed',
    ])
    expect(result.reasons.map((r) => r.message)).toContain(
      'Periode eller alder ændret i »Opbevaring«: 12 måneder → 36 måneder',
    )
    expect(result.reasons.map((r) => r.message)).toContain(
      'Opbevaringsperioden er ændret i »Opbevaring«: 12 → 36',
    )
    expect(result.reasons.map((r) => r.message)).toContain(
      '»ikke« er fjernet fra »Udlevering af information til tredjepart?«',
    )
  })

  it('judges a rewording by its content words, not by how many words moved', () => {
    const reword = (s: LocaleSnapshot): void =>
      setText(
        paragraphOf(s, 'correction-erasure', 0),
        'Information will be corrected or erased on request if you contact our customer service.',
      )
    const result = run('en', reword)
    expect(result.proposal).toBe('minor')
    // Issue 12: "will" is a tense auxiliary, no longer a content word (the one word that used to count here).
    expect(result.reasons[0]!.message).toBe(
      'Section “How is the information corrected or erased?” changed: 8 words (reworded, no content words added or removed)',
    )
    const withTerm = (s: LocaleSnapshot): void =>
      setText(
        paragraphOf(s, 'correction-erasure', 0),
        'Information will be corrected or erased on written request if you contact our customer service.',
      )
    expect(run('en', withTerm).proposal).toBe('minor')
    expect(run('en', withTerm, { thresholds: { minChangedTerms: 1 } }).proposal).toBe('material')
  })

  it('reports a new right as a list item and as a material change to the rights section', () => {
    const result = run('da', (s) =>
      listOf(s, 'rights').items.push(item('gøre indsigelse mod behandlingen.')),
    )
    expect(result.proposal).toBe('material')
    // Issue 12: a right named or dropped is material in itself (key facts), besides the rights section's change.
    expect(codes(result)).toEqual(['section-changed!', 'key-term-changed!', 'list-item-added'])
    expect(result.reasons[1]!.message).toBe('Rettigheder ændret i »Rettigheder«: – → indsigelse')
  })

  it('proposes material when a text could not be compared in time', () => {
    const prev = statement('da')
    const next = edited(prev, (s) =>
      setText(paragraphOf(s, 'introduction', 0), 'Jackon beskytter dine data.'),
    )
    const result = classify(diffLocale(prev, next, { locale: 'da', timeoutMs: 0 }))
    expect(codes(result)).toEqual(['not-compared!'])
    expect(result.reasons[0]!.message).toBe(
      '»Indledning« var for forskellig til at blive sammenlignet i tide: læs hele teksten',
    )
  })
})

describe('classify: thresholds and kinds', () => {
  const newCategory = (s: LocaleSnapshot): void => {
    listOf(s, 'personal-data').items.push(item('Lokationsdata'))
  }

  it('documents its defaults', () => {
    expect(DEFAULT_MATERIALITY_THRESHOLDS.newListItemMaterialKinds).toEqual([
      'data-categories',
      'purposes',
      'recipients',
    ])
    expect(DEFAULT_MATERIALITY_THRESHOLDS.materialKinds).not.toContain('general')
  })

  it('follows configured thresholds', () => {
    expect(run('da', newCategory, { thresholds: { newListItemMaterialKinds: [] } }).proposal).toBe(
      'material',
    )
    const relaxed = run('da', newCategory, {
      thresholds: { materialKinds: [], minChangedTermsAnyKind: null, newListItemMaterialKinds: [] },
    })
    expect(relaxed.proposal).toBe('minor')
    expect(codes(relaxed)).toEqual(['list-item-added', 'section-changed'])
    const strictRemoval = run('da', (s) => listOf(s, 'personal-data').items.pop(), {
      thresholds: { removedListItemMaterialKinds: ['data-categories'] },
    })
    expect(codes(strictRemoval)).toEqual(['list-item-removed!'])
    expect(
      run('da', (s) => s.sections.pop(), { thresholds: { removedSectionIsMaterial: false } })
        .proposal,
    ).toBe('minor')
  })

  it('lets callers override section kinds, and judges a re-tagged section by both kinds', () => {
    expect(run('da', newCategory, { kinds: { 'personal-data': 'general' } }).proposal).toBe('minor')
    const retagged = run('da', (s) => {
      newCategory(s)
      sectionOf(s, 'personal-data').kind = 'general'
    })
    expect(retagged.proposal).toBe('material')
    expect(retagged.reasons.at(-1)!.message).toBe(
      '»Hvilke personoplysninger behandler vi?« er nu markeret som generelt (før: kategorier af personoplysninger)',
    )
  })

  it('classifies a whole release across locales and says when nothing changed', () => {
    const prev = { da: statement('da'), en: statement('en') }
    const next = { da: edited(prev.da, newCategory), en: statement('en') }
    const result = classify(diffSnapshots(prev, next))
    expect(result.proposal).toBe('material')
    expect(result.reasons.map((r) => r.locale)).toEqual(['da'])
    const none = classify(diffSnapshots(prev, { da: statement('da'), en: statement('en') }), {
      locale: 'en',
    })
    expect(none).toEqual({
      proposal: 'minor',
      reasons: [expect.objectContaining({ code: 'no-changes', message: 'No changes' })],
    })
  })

  it('re-renders a reason in another language', () => {
    const reason = run('da', newCategory).reasons[0]!
    expect(renderReason(reason, 'en')).toBe(
      'New data category in “Hvilke personoplysninger behandler vi?”: Lokationsdata',
    )
  })
})

describe('decideRelease', () => {
  const material: Classification = { proposal: 'material', reasons: [] }

  it('takes the proposal when the editor does not override it', () => {
    expect(decideRelease(material)).toEqual({
      justification: null,
      kind: 'material',
      overridden: false,
      proposal: 'material',
      reasons: [],
    })
    expect(decideRelease(material, { kind: 'material' })).toMatchObject({
      kind: 'material',
      overridden: false,
    })
  })

  it('requires a non-empty justification to override', () => {
    expect(() => decideRelease(material, { kind: 'minor' })).toThrow('needs a justification')
    expect(() => decideRelease(material, { justification: '   ', kind: 'minor' })).toThrow(
      'needs a justification',
    )
    expect(
      decideRelease(material, { justification: '  Kun sproglige rettelser. ', kind: 'minor' }),
    ).toEqual({
      justification: 'Kun sproglige rettelser.',
      kind: 'minor',
      overridden: true,
      proposal: 'material',
      reasons: [],
    })
  })

  it('refuses unknown kinds', () => {
    expect(() => decideRelease(material, { justification: 'x', kind: 'major' as never })).toThrow(
      'override.kind must be',
    )
  })
})

describe('classify: kinds suggested where the editor left none (issue 12)', () => {
  const untagged = (text: string): LocaleSnapshot => ({
    html: '',
    sections: [
      {
        blocks: [p(text)],
        heading: 'Who we share your personal data with',
        key: 'sharing',
        kind: 'general',
      },
    ],
    title: 'Privacy',
  })
  const prev = untagged('We share your personal data with our hosting provider.')
  const next = untagged('We share your personal data with our hosting provider and Salesforce.')

  it('judges a general section by its suggested kind and says so in the reasons', () => {
    const result = classify(diffLocale(prev, next, { locale: 'en' }))
    expect(result.proposal).toBe('material')
    expect(codes(result)).toEqual(['section-changed!', 'kind-suggested'])
    expect(result.reasons[1]!.message).toBe(
      '“Who we share your personal data with” has no kind; judged as recipients and third parties (suggested from its text)',
    )
  })

  it('does not suggest when asked not to, or when the editor chose a kind', () => {
    expect(
      classify(diffLocale(prev, next, { locale: 'en' }), { suggestKinds: false }).proposal,
    ).toBe('minor')
    const tagged = classify(diffLocale(prev, next, { locale: 'en' }), {
      kinds: { sharing: 'definitions' },
    })
    expect(codes(tagged)).toEqual(['section-changed'])
  })
})
