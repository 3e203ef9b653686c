import { readFileSync } from 'node:fs'

import type { Block, ListItem } from '../../src/types.js'

import { INTRODUCTION_HEADING, parsePrivacyStatement } from '../../seed/parsePrivacyStatement.js'
import { escapeHtml } from '../../src/i18n/index.js'
import { inlineTexts } from '../helpers/blocks.js'

const source = readFileSync(
  new URL('../../seed/data/privacy-statement.da.txt', import.meta.url),
  'utf8',
)
const parsed = parsePrivacyStatement(source)

function section(heading: string): Block[] {
  const found = parsed.sections.find((candidate) => candidate.heading === heading)
  if (!found) {
    throw new Error(`no section ${heading}`)
  }
  return found.blocks
}

function onlyList(blocks: Block[]): ListItem[] {
  const lists = blocks.filter((block) => block.type === 'list')
  expect(lists).toHaveLength(1)
  const list = lists[0]
  if (list?.type !== 'list') {
    throw new Error('no list')
  }
  return list.items
}

function countItems(items: readonly ListItem[]): number {
  return items.reduce((sum, item) => sum + 1 + countItems(item.children), 0)
}

describe('parsePrivacyStatement on the real Danish statement', () => {
  it('reads the first line as the title', () => {
    expect(parsed.title).toBe('Persondataerklæring; netbaseret behandling af personoplysninger')
  })

  it('finds the nine sections, the introduction first under a derived heading', () => {
    expect(parsed.sections.map((candidate) => candidate.heading)).toEqual([
      INTRODUCTION_HEADING,
      'Vigtige begreber',
      'Hvilke personoplysninger behandler vi?',
      'Hvordan indhentes informationen?',
      'Formålet med den indhentede information',
      'Hvordan beskytter vi dine oplysninger?',
      'Rettigheder',
      'Hvordan rettes eller slettes oplysningerne?',
      'Udlevering af information til tredjepart?',
    ])
    expect(INTRODUCTION_HEADING).toBe('Indledning')
  })

  it('gives every section the expected sequence of blocks', () => {
    expect(
      parsed.sections.map((candidate) => candidate.blocks.map((block) => block.type).join(',')),
    ).toEqual([
      'paragraph,paragraph,paragraph',
      'list',
      'paragraph,paragraph,list',
      'paragraph,list',
      'paragraph,list',
      'paragraph',
      'paragraph,list',
      'paragraph',
      'paragraph,paragraph',
    ])
  })

  it('keeps the three intro paragraphs, including the one naming the data controller', () => {
    const intro = section(INTRODUCTION_HEADING)
    expect(
      intro.map((block) => (block.type === 'paragraph' ? block.text.slice(0, 40) : block.type)),
    ).toEqual([
      'Jackon er optaget af at beskytte dine pe',
      'Jackon Danmark A/S er dataansvarlig for ',
      'Vi vil føre en ansvarlig og bæredygtig f',
    ])
    const controller = intro[1]
    expect(
      controller?.type === 'paragraph' &&
        controller.text.endsWith('eller advarsler på vores digitale kanaler.'),
    ).toBe(true)
  })

  it('treats the sentence without a closing period as a paragraph, not as a heading', () => {
    const [first, second] = section('Hvilke personoplysninger behandler vi?')
    expect(first).toEqual({
      type: 'paragraph',
      html: 'Jackon behandler ikke nogen form for sensitive personoplysninger',
      text: 'Jackon behandler ikke nogen form for sensitive personoplysninger',
    })
    expect(second?.type === 'paragraph' && second.text).toBe(
      'Eksempler på information, som kan behandles:',
    )
  })

  it('counts the bullets of every list', () => {
    expect(onlyList(section('Vigtige begreber'))).toHaveLength(4)
    expect(onlyList(section('Hvilke personoplysninger behandler vi?'))).toHaveLength(7)
    expect(onlyList(section('Hvordan indhentes informationen?'))).toHaveLength(2)
    expect(onlyList(section('Formålet med den indhentede information'))).toHaveLength(6)
    expect(onlyList(section('Rettigheder'))).toHaveLength(3)
    // Every bullet of the file ends up as exactly one list item somewhere.
    const bulletLines = source.split('\n').filter((line) => line.trimStart().startsWith('•')).length
    const items = parsed.sections.reduce(
      (sum, candidate) =>
        sum +
        candidate.blocks.reduce(
          (inner, block) => inner + (block.type === 'list' ? countItems(block.items) : 0),
          0,
        ),
      0,
    )
    expect(bulletLines).toBe(25)
    expect(items).toBe(bulletLines)
  })

  it('nests the «Eksempler:» bullets two levels deep under the second collection item', () => {
    const items = onlyList(section('Hvordan indhentes informationen?'))
    expect(items[0]?.children).toEqual([])
    expect(items[1]?.text.startsWith('Du selv opgiver til os via skemaer')).toBe(true)
    expect(items[1]?.children.map((child) => child.text)).toEqual(['Eksempler:'])
    expect(items[1]?.children[0]?.children.map((child) => child.text)).toEqual([
      'Kontakt- eller henvendelsesskema',
      'Skema, du udfylder, når du downloader en e-guide fra vores websider.',
    ])
    expect(items[1]?.children[0]?.children.every((child) => child.children.length === 0)).toBe(true)
  })

  it('keeps «» quotes and æøå exactly as written', () => {
    const [definition] = onlyList(section('Vigtige begreber'))
    expect(definition?.text).toContain(
      'Se afsnittet «Hvilke personoplysninger behandler vi?» for information',
    )
    const [cookies] = onlyList(section('Hvordan indhentes informationen?'))
    expect(cookies?.html).toContain('Vi bruger «cookies» (små tekstfiler)')
    expect(cookies?.text.endsWith('Læs mere om cookies')).toBe(true)

    // Every non-blank line of the file, bullets stripped, is exactly one title, heading or text.
    const expected = source
      .split(/\r?\n/)
      .map((line) => line.replace(/^\s*•/, '').replace(/\s+/g, ' ').trim())
      .filter((line) => line !== '')
    const actual = [
      parsed.title,
      ...parsed.sections.flatMap((candidate) => [
        ...(candidate.heading === INTRODUCTION_HEADING ? [] : [candidate.heading]),
        ...inlineTexts(candidate.blocks).map((inline) => inline.text),
      ]),
    ]
    expect(actual).toEqual(expected)
    const letters = (value: string): number => (value.match(/[æøåÆØÅ«»]/g) ?? []).length
    expect(letters(actual.join('\n'))).toBe(letters(source))
    expect(letters(source)).toBeGreaterThan(50)
  })

  it('sets html to the escaped text and normalizes whitespace', () => {
    for (const candidate of parsed.sections) {
      for (const inline of inlineTexts(candidate.blocks)) {
        expect(inline.html).toBe(escapeHtml(inline.text))
        expect(inline.text).toBe(inline.text.replace(/\s+/g, ' ').trim())
        expect(inline.text).not.toBe('')
      }
    }
  })
})

describe('parsePrivacyStatement on edge cases', () => {
  it('handles CRLF, a BOM, blank lines inside a list and a dedent from depth 3 to depth 1', () => {
    const text = [
      '\uFEFFTitel',
      '',
      'Indledende   tekst.',
      '',
      'Overskrift',
      '',
      ' • en',
      '  • to',
      '   • tre',
      '',
      ' • fire',
      'Afsluttende tekst.',
    ].join('\r\n')
    const result = parsePrivacyStatement(text)
    expect(result.title).toBe('Titel')
    expect(result.sections.map((candidate) => candidate.heading)).toEqual([
      'Indledning',
      'Overskrift',
    ])
    expect(result.sections[0]?.blocks).toEqual([
      { type: 'paragraph', html: 'Indledende tekst.', text: 'Indledende tekst.' },
    ])
    const blocks = result.sections[1]?.blocks ?? []
    expect(blocks.map((block) => block.type)).toEqual(['list', 'paragraph'])
    const list = blocks[0]
    if (list?.type !== 'list') {
      throw new Error('expected a list')
    }
    expect(list.ordered).toBe(false)
    expect(list.items.map((item) => item.text)).toEqual(['en', 'fire'])
    expect(list.items[0]?.children[0]?.text).toBe('to')
    expect(list.items[0]?.children[0]?.children[0]?.text).toBe('tre')
  })

  it('escapes markup in the source text into html', () => {
    const result = parsePrivacyStatement('T\n\nSe <script>alert("x")</script> & mere.')
    expect(result.sections[0]?.blocks[0]).toEqual({
      type: 'paragraph',
      html: 'Se &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; mere.',
      text: 'Se <script>alert("x")</script> & mere.',
    })
  })

  it('does not take a sentence ending in a period or colon for a heading', () => {
    const result = parsePrivacyStatement(
      'T\n\nIntro.\n\nEn sætning.\n\nEn indledning:\n\nRigtig overskrift\n\nTekst.',
    )
    expect(result.sections.map((candidate) => candidate.heading)).toEqual([
      'Indledning',
      'Rigtig overskrift',
    ])
    expect(result.sections[0]?.blocks).toHaveLength(3)
  })

  it('refuses text without a title', () => {
    expect(() => parsePrivacyStatement('\n\n  \n')).toThrow(/title/)
  })
})
