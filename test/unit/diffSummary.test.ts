import { diffLocale, summarizeDiff } from '../../src/diff/index.js'
import {
  edited,
  type FixtureLocale,
  item,
  listOf,
  paragraphOf,
  sectionOf,
  setText,
  statement,
} from '../fixtures/diff/statement.js'

describe('summarizeDiff', () => {
  const da = statement('da')
  const en = statement('en')

  it('lists each change on a "- " line in Danish, then the unchanged count', () => {
    const next = edited(da, (s) => {
      listOf(s, 'personal-data').items.splice(4, 0, item('Lokationsdata'))
      sectionOf(s, 'rights').heading = 'Dine rettigheder'
      setText(
        paragraphOf(s, 'correction-erasure', 0),
        'Information rettes eller slettes på anmodning ved at kontakte vores kundeservice.',
      )
      s.sections.push(s.sections.shift()!)
    })
    expect(summarizeDiff(diffLocale(da, next, { locale: 'da' }))).toBe(
      [
        '- »Hvilke personoplysninger behandler vi?«: nyt punkt: »Lokationsdata«',
        '- Overskriften »Rettigheder« hedder nu »Dine rettigheder«',
        '- »Hvordan rettes eller slettes oplysningerne?«: 1 tekststykke omformuleret (2 ord ændret)',
        '- »Indledning« er flyttet',
        '',
        '4 afsnit er uændrede.',
      ].join('\n'),
    )
  })

  it('says an appended sentence is added text, not a reworded passage (issue 15)', () => {
    const paragraph = paragraphOf(da, 'correction-erasure', 0)
    const next = edited(da, (s) => {
      setText(
        paragraphOf(s, 'correction-erasure', 0),
        `${paragraph.text} Vi svarer inden for 30 dage.`,
      )
    })
    const summary = summarizeDiff(diffLocale(da, next, { locale: 'da' }))
    expect(summary).toContain('tekst tilføjet: »Vi svarer inden for 30 dage.«')
    expect(summary).not.toContain('omformuleret')
  })

  it('writes the same changes in English for an English statement', () => {
    const next = edited(en, (s) => {
      listOf(s, 'personal-data').items.splice(4, 0, item('Location data'), item('IP address'))
      listOf(s, 'rights').items.pop()
      setText(
        paragraphOf(s, 'personal-data', 0),
        'Jackon does not process any form of sensitive personal data.',
      )
    })
    expect(summarizeDiff(diffLocale(en, next, { locale: 'en' }))).toBe(
      [
        '- “What personal data do we process?”: 2 new list items: “Location data” and “IP address”',
        '- “Rights”: list item removed: “withdraw or limit any consent you have given us to the processing of personal…”',
        '',
        '6 sections are unchanged.',
      ].join('\n'),
    )
  })

  it.each([
    ['da', 'kun tegnsætning og store/små bogstaver er ændret'],
    ['en', 'only punctuation and capitalization changed'],
  ] as Array<[FixtureLocale, string]>)(
    'names editorial-only changes as such (%s)',
    (locale, expected) => {
      const base = statement(locale)
      const next = edited(base, (s) => {
        const first = listOf(s, 'rights').items[0]!
        setText(first, `${first.text.charAt(0).toUpperCase()}${first.text.slice(1, -1)};`)
      })
      expect(summarizeDiff(diffLocale(base, next, { locale }))).toContain(`: ${expected}\n`)
    },
  )

  it('writes in the reader’s language, not the content’s, and says when nothing changed', () => {
    const next = edited(da, (s) => listOf(s, 'purposes').items.reverse())
    const diff = diffLocale(da, next, { locale: 'da' })
    expect(summarizeDiff(diff, 'en')).toContain(
      '- “Formålet med den indhentede information”: order changed',
    )
    expect(summarizeDiff(diffLocale(da, statement('da'), { locale: 'da' }))).toBe(
      'Ingen ændringer.',
    )
    expect(summarizeDiff(diffLocale(en, statement('en'), { locale: 'en' }))).toBe('No changes.')
  })

  it('is plain text: headings with markup characters are quoted, not escaped', () => {
    const next = edited(
      da,
      (s) => (sectionOf(s, 'rights').heading = 'Rettigheder <og> «pligter» & "ansvar"'),
    )
    expect(summarizeDiff(diffLocale(da, next, { locale: 'da' }))).toContain(
      '»Rettigheder <og> «pligter» & "ansvar"«',
    )
  })

  it('says when a passage could not be compared in time', () => {
    const next = edited(da, (s) =>
      setText(paragraphOf(s, 'correction-erasure', 0), 'Information rettes på anmodning.'),
    )
    const text = summarizeDiff(diffLocale(da, next, { locale: 'da', timeoutMs: 0 }))
    expect(text).toContain('1 tekststykke omskrevet')
    expect(text).toContain('Nogle tekststykker var for forskellige')
  })
})
