import type { ElementId } from '../../src/completeness/index.js'
import type { SectionKind, SectionSnapshot } from '../../src/types.js'

import { seedStatement } from '../../seed/data/privacy.js'
import {
  checkCompleteness,
  compilePhrase,
  ELEMENT_IDS,
  normalizeForMatch,
} from '../../src/completeness/index.js'
import { item, list, p } from '../fixtures/diff/statement.js'

function section(kind: SectionKind, heading: string, ...texts: string[]): SectionSnapshot {
  return { blocks: texts.map((text) => p(text)), heading, key: `${kind}-${heading.length}`, kind }
}

/** A neutral section that satisfies nothing. */
const filler = (locale: 'da' | 'en'): SectionSnapshot =>
  locale === 'da'
    ? section('general', 'Om os', 'Vi er en virksomhed i Aarhus, der sælger isolering.')
    : section('general', 'About us', 'We are a company in Aarhus that sells insulation.')

/**
 * For every element, in Danish and English: a sentence in the style of real statements that
 * gives the information, and the kind of section it would stand in.
 */
const CASES: Array<[ElementId, SectionKind, string, string]> = [
  [
    'controller',
    'controller',
    'Jackon Danmark A/S, CVR-nr. 12345678, er dataansvarlig. Du kan kontakte os på privacy@jackon.dk.',
    'Jackon Danmark A/S is the data controller. You can reach us at privacy@jackon.dk.',
  ],
  [
    'dpo',
    'controller',
    'Vores databeskyttelsesrådgiver kan kontaktes på dpo@jackon.dk.',
    'Our data protection officer can be reached at dpo@jackon.dk.',
  ],
  [
    'purposes',
    'general',
    'Vi bruger dine oplysninger til at sende dig nyhedsbreve.',
    'We use your information to send you newsletters.',
  ],
  [
    'legal-basis',
    'general',
    'Retsgrundlaget for behandlingen er databeskyttelsesforordningens artikel 6, stk. 1, litra b.',
    'The legal basis for the processing is Article 6(1)(b) GDPR.',
  ],
  [
    'legitimate-interests',
    'general',
    'Vi behandler oplysningerne på grundlag af vores legitime interesse i at forebygge misbrug.',
    'We process the data on the basis of our legitimate interest in preventing misuse.',
  ],
  [
    'recipients',
    'general',
    'Vi deler dine oplysninger med vores hostingudbyder.',
    'We share your information with our hosting provider.',
  ],
  [
    'transfers',
    'general',
    'Oplysningerne overføres til USA på grundlag af EU-Kommissionens standardkontraktbestemmelser.',
    'Data is transferred to the United States under the European Commission’s standard contractual clauses.',
  ],
  [
    'retention',
    'general',
    'Vi opbevarer dine oplysninger i 5 år efter kundeforholdets ophør.',
    'We keep your personal data for 5 years after the end of the customer relationship.',
  ],
  [
    'right-access',
    'rights',
    'Du har ret til indsigt i de oplysninger, vi behandler om dig.',
    'You have the right of access to the personal data we hold about you.',
  ],
  [
    'right-rectification',
    'rights',
    'Du har ret til at få urigtige oplysninger om dig selv berigtiget.',
    'You have the right to rectification of inaccurate personal data.',
  ],
  [
    'right-erasure',
    'rights',
    'Du har ret til at få slettet oplysninger om dig.',
    'You have the right to erasure of your personal data.',
  ],
  [
    'right-restriction',
    'rights',
    'Du har ret til at få begrænsning af behandlingen af dine personoplysninger.',
    'You have the right to restriction of processing of your personal data.',
  ],
  [
    'right-objection',
    'rights',
    'Du har ret til at gøre indsigelse mod behandlingen.',
    'You have the right to object to the processing.',
  ],
  [
    'right-portability',
    'rights',
    'Du har ret til at modtage dine oplysninger i et struktureret, almindeligt anvendt og maskinlæsbart format (dataportabilitet).',
    'You have the right to data portability.',
  ],
  [
    'withdraw-consent',
    'rights',
    'Du kan til enhver tid trække dit samtykke tilbage.',
    'You may withdraw your consent at any time.',
  ],
  [
    'complaint',
    'rights',
    'Du kan klage til Datatilsynet.',
    'You can lodge a complaint with a supervisory authority.',
  ],
  [
    'statutory-requirement',
    'general',
    'Det er frivilligt at give os oplysningerne.',
    'Providing the data is voluntary, but if you do not provide it we cannot answer you.',
  ],
  [
    'automated-decisions',
    'general',
    'Vi træffer ikke automatiske afgørelser, herunder profilering.',
    'We do not use automated decision-making, including profiling.',
  ],
  [
    'source',
    'general',
    'Vi modtager oplysninger om dig fra offentlige registre, f.eks. CVR.',
    'We obtain information about you from public registers.',
  ],
]

describe('checkCompleteness: each Art. 13/14 element', () => {
  describe.each(['da', 'en'] as const)('%s', (locale) => {
    it.each(CASES)('finds %s and quotes the sentence', (element, kind, daText, enText) => {
      const text = locale === 'da' ? daText : enText
      const with_ = checkCompleteness(
        { sections: [filler(locale), section(kind, locale === 'da' ? 'Afsnit' : 'Section', text)] },
        locale,
      )
      const result = with_.elements.find((e) => e.element === element)!
      expect(result.status).toBe('present')
      expect(result.evidence.flatMap((e) => e.sentences).join(' ')).toContain(
        text.split(/(?<=\.) /)[0]!.slice(0, 20),
      )
      const without = checkCompleteness({ sections: [filler(locale)] }, locale).elements.find(
        (e) => e.element === element,
      )!
      expect(without).toMatchObject({ evidence: [], status: 'missing' })
    })
  })

  it('cites the article and paragraph of every element', () => {
    const report = checkCompleteness({ sections: [] }, 'en')
    expect(report.elements.map((e) => e.element)).toEqual(ELEMENT_IDS)
    expect(report.elements.find((e) => e.element === 'controller')!.citation).toBe(
      'Art. 13(1)(a), Art. 14(1)(a)',
    )
    expect(report.elements.find((e) => e.element === 'source')!.citation).toBe('Art. 14(2)(f)')
    expect(report.elements.find((e) => e.element === 'statutory-requirement')!.citation).toBe(
      'Art. 13(2)(e)',
    )
    expect(report.elements.every((e) => /^Art\. 1[34]\(\d\)/.test(e.citation))).toBe(true)
  })

  it('needs every part: a transfer without a safeguard is missing its safeguard', () => {
    const report = checkCompleteness(
      {
        sections: [
          section('transfers', 'Overførsler', 'Vi overfører oplysninger til tredjelande.'),
        ],
      },
      'da',
    )
    expect(report.elements.find((e) => e.element === 'transfers')).toMatchObject({
      missingParts: ['safeguard'],
      status: 'missing',
    })
  })

  it('counts general words only in sections of the element’s kind', () => {
    const inRights = checkCompleteness(
      { sections: [section('rights', 'Rettigheder', 'Oplysningerne fjernes på opfordring.')] },
      'da',
    )
    expect(inRights.elements.find((e) => e.element === 'right-erasure')!.status).toBe('present')
    const inDefinitions = checkCompleteness(
      {
        sections: [
          {
            blocks: [list([item('Behandling omfatter indsamling, lagring og sletning.')])],
            heading: 'Begreber',
            key: 'k',
            kind: 'definitions',
          },
        ],
      },
      'da',
    )
    expect(inDefinitions.elements.find((e) => e.element === 'right-erasure')!.status).toBe(
      'missing',
    )
  })

  it('reports an element the editor declared not applicable with the reason, never as missing', () => {
    const report = checkCompleteness({ sections: [filler('en')] }, 'en', {
      notApplicable: { dpo: 'No DPO is required (Art. 37).', transfers: '  ' },
    })
    expect(report.elements.find((e) => e.element === 'dpo')).toMatchObject({
      reason: 'No DPO is required (Art. 37).',
      status: 'not-applicable',
    })
    // A blank reason is no declaration.
    expect(report.elements.find((e) => e.element === 'transfers')!.status).toBe('missing')
    expect(report.missing).not.toContain('dpo')
  })

  it('falls back to section kinds in a language without phrases, and says so', () => {
    const report = checkCompleteness(
      { sections: [section('retention', 'Speicherdauer', 'Wir speichern Ihre Daten drei Jahre.')] },
      'de',
    )
    expect(report.basis).toBe('kinds')
    expect(report.elements.find((e) => e.element === 'retention')).toMatchObject({
      evidence: [{ basis: 'kind', heading: 'Speicherdauer', sentences: [] }],
      status: 'present',
    })
    // A kind cannot prove a legal basis.
    expect(report.elements.find((e) => e.element === 'legal-basis')!.status).toBe('missing')
  })

  it('takes extra phrases from the caller and rejects a broken expression with the phrase named', () => {
    const sections = [section('general', 'Über uns', 'Rechtsgrundlage ist Art. 6 DSGVO.')]
    const report = checkCompleteness({ sections }, 'de', {
      patterns: {
        de: {
          elements: { 'legal-basis': { 'legal-basis': { anywhere: ['rechtsgrundlage*'] } } },
          language: 'de',
        },
      },
    })
    expect(report.basis).toBe('text')
    expect(report.elements.find((e) => e.element === 'legal-basis')!.status).toBe('present')
    expect(() => compilePhrase('re:(')).toThrow(
      'completeness phrase "re:(" is not a valid regular expression',
    )
  })

  it('matches phrases across punctuation and with wildcards and gaps', () => {
    const s = (text: string) => ({ lower: text.toLowerCase(), normalized: normalizeForMatch(text) })
    expect(compilePhrase('art 6 1 f')(s('jf. art. 6(1)(f) GDPR'))).toBe(true)
    expect(
      compilePhrase('klage* ... datatilsynet')(s('kan du klage til os eller til Datatilsynet')),
    ).toBe(true)
    expect(
      compilePhrase('klage* ... datatilsynet')(s('Datatilsynet fører tilsyn; du kan klage til os')),
    ).toBe(false)
    expect(compilePhrase('formål*')(s('Formålene er følgende'))).toBe(true)
    expect(compilePhrase('usa')(s('vi bruger ikke causal modeller'))).toBe(false)
  })
})

describe('checkCompleteness: the seed statement (Jackon, a real statement), as it is', () => {
  const snapshot = (locale: 'da' | 'en') => ({
    sections: seedStatement.sections.map((s) => ({
      blocks: s.blocks[locale],
      heading: s.heading[locale],
      key: s.key,
      kind: s.kind,
    })),
  })

  it.each(['da', 'en'] as const)('finds 9 of 19 elements present and 10 missing (%s)', (locale) => {
    const report = checkCompleteness(snapshot(locale), locale)
    expect(report.complete).toBe(false)
    expect(report.missing).toEqual([
      'controller', // named (Jackon Danmark A/S) but no address, e-mail or phone
      'dpo',
      'legal-basis',
      'legitimate-interests',
      'transfers',
      'retention',
      'right-restriction', // "limit any consent" is not restriction of processing
      'right-objection',
      'right-portability',
      'automated-decisions',
    ])
    const present = Object.fromEntries(
      report.elements
        .filter((e) => e.status === 'present')
        .map((e) => [e.element, e.evidence.map((x) => x.section)]),
    )
    expect(present).toEqual({
      complaint: ['introduction'],
      purposes: locale === 'da' ? ['purposes', 'third-parties'] : ['purposes', 'third-parties'],
      recipients: locale === 'da' ? ['third-parties'] : ['purposes', 'third-parties'],
      'right-access': ['rights'],
      'right-erasure': ['rights', 'correction-erasure'],
      'right-rectification': ['rights', 'correction-erasure'],
      source: ['collection'],
      'statutory-requirement': ['collection'],
      'withdraw-consent': ['rights'],
    })
    expect(report.elements.find((e) => e.element === 'controller')).toMatchObject({
      evidence: [{ section: 'introduction' }],
      missingParts: ['contact'],
    })
    expect(
      report.elements.find((e) => e.element === 'complaint')!.evidence[0]!.sentences[0],
    ).toMatch(
      locale === 'da'
        ? /klage til os eller til Datatilsynet/
        : /complaint with us or with the Danish Data Protection Agency/,
    )
  })
})
