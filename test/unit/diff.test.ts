import type { LocaleSnapshot } from '../../src/types.js'

import { diffLocale, diffSnapshots } from '../../src/diff/index.js'
import { allTexts, changeOf, itemsOf, side, squash, touched } from '../fixtures/diff/helpers.js'
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

/** Locale-specific wording for the same realistic edits. */
const COPY = {
  da: {
    newCategory: 'Lokationsdata',
    purposeOld: 'For at forbedre og videreudvikle vores tjenester og digitale kanaler',
    purposeNew: 'For at forbedre, teste og videreudvikle vores tjenester, apps og digitale kanaler',
    purposeInserted: ['teste', 'apps'],
    typoWord: ['persondataerklæring', 'persondataerklærng'],
    heading: ['Rettigheder', 'Dine rettigheder'],
    replacedItem: ['Postnummer', 'Lokationsdata'],
    subItem: 'Tilmelding til nyhedsbrev',
    newParagraph: 'Vi gemmer ikke oplysninger længere end nødvendigt.',
  },
  en: {
    newCategory: 'Location data',
    purposeOld: 'To improve and further develop our services and digital channels',
    purposeNew: 'To improve, test and further develop our services, apps and digital channels',
    purposeInserted: ['test', 'apps'],
    typoWord: ['statement', 'statment'],
    heading: ['Rights', 'Your rights'],
    replacedItem: ['Postcode', 'Location data'],
    subItem: 'Newsletter sign-up',
    newParagraph: 'We do not keep information for longer than necessary.',
  },
} as const

describe.each(['da', 'en'] as FixtureLocale[])('diffLocale on realistic edits (%s)', (locale) => {
  const copy = COPY[locale]
  const base = statement(locale)
  const diff = (prev: LocaleSnapshot, next: LocaleSnapshot) => diffLocale(prev, next, { locale })

  it('reports nothing for identical releases', () => {
    const result = diff(base, statement(locale))
    expect(result.sections.map((s) => s.type)).toEqual(base.sections.map(() => 'unchanged'))
    expect(result.stats).toMatchObject({
      deletedWords: 0,
      insertedWords: 0,
      sectionsChanged: 0,
      sectionsUnchanged: base.sections.length,
    })
    expect(result.complete).toBe(true)
  })

  it('shows a new data category as one added list item, not a rewritten neighbour', () => {
    const next = edited(base, (s) =>
      listOf(s, 'personal-data').items.splice(4, 0, item(copy.newCategory)),
    )
    const result = diff(base, next)
    expect(touched(result)).toEqual(['personal-data'])
    const items = itemsOf(changeOf(result, 'personal-data'))
    expect(items.filter((i) => i.type !== 'unchanged')).toEqual([
      expect.objectContaining({ depth: 0, newIndex: 4, oldIndex: null, type: 'added' }),
    ])
    expect(items.find((i) => i.type === 'added')?.text.parts).toEqual([
      { text: copy.newCategory, type: 'insert' },
    ])
    expect(result.stats.insertedWords).toBe(copy.newCategory.split(' ').length)
    expect(result.stats.deletedWords).toBe(0)
  })

  it('shows a reworded purpose as one changed item with a word diff', () => {
    const next = edited(base, (s) => {
      const target = listOf(s, 'purposes').items[0]!
      expect(target.text).toBe(copy.purposeOld)
      setText(target, copy.purposeNew)
    })
    const items = itemsOf(changeOf(diff(base, next), 'purposes'))
    const changed = items.filter((i) => i.type !== 'unchanged')
    expect(changed).toHaveLength(1)
    expect(changed[0]).toMatchObject({ newIndex: 0, oldIndex: 0, type: 'changed' })
    expect(changed[0]!.text.flavour).toBe('words')
    const inserted = changed[0]!.text.parts
      .filter((part) => part.type === 'insert')
      .map((part) => part.text)
      .join(' ')
    for (const word of copy.purposeInserted) expect(inserted).toContain(word)
    expect(changed[0]!.text.parts.filter((part) => part.type === 'delete')).toEqual([])
    expect(side(changed[0]!.text, 'old')).toBe(copy.purposeOld)
    expect(side(changed[0]!.text, 'new')).toBe(copy.purposeNew)
  })

  it('reports a reordered section as moved, with its body unchanged', () => {
    const next = edited(base, (s) => {
      const moved = s.sections.pop()!
      s.sections.splice(1, 0, moved)
    })
    const result = diff(base, next)
    expect(touched(result)).toEqual(['third-parties'])
    const moved = changeOf(result, 'third-parties')
    expect(moved).toMatchObject({
      bodyChanged: false,
      moved: true,
      newIndex: 1,
      oldIndex: base.sections.length - 1,
      renamed: false,
      type: 'moved',
    })
    expect(moved.blocks.every((b) => b.type === 'unchanged')).toBe(true)
    expect(result.sections.map((s) => s.key)).toEqual(next.sections.map((s) => s.key))
    expect(result.stats).toMatchObject({ insertedWords: 0, sectionsMoved: 1 })
  })

  it('recognizes a typo fix', () => {
    const [right, wrong] = copy.typoWord
    const prev = edited(base, (s) => {
      const para = paragraphOf(s, 'introduction', 0)
      expect(para.text).toContain(right)
      setText(para, para.text.replace(right, wrong))
    })
    const text = paragraphOf(base, 'introduction', 0)
    const block = changeOf(diff(prev, base), 'introduction').blocks[0]!
    expect(block).toMatchObject({ blockType: 'paragraph', type: 'changed' })
    if (block.blockType !== 'paragraph') throw new Error('expected a paragraph')
    expect(block.text.flavour).toBe('typo')
    expect(block.text.parts).toEqual(
      expect.arrayContaining([
        { text: wrong, type: 'delete' },
        { text: right, type: 'insert' },
      ]),
    )
    expect(side(block.text, 'new')).toBe(text.text)
  })

  it('reports a changed heading as renamed, leaving the body alone', () => {
    const [oldHeading, newHeading] = copy.heading
    const next = edited(base, (s) => {
      expect(sectionOf(s, 'rights').heading).toBe(oldHeading)
      sectionOf(s, 'rights').heading = newHeading
    })
    const change = changeOf(diff(base, next), 'rights')
    expect(change).toMatchObject({
      bodyChanged: false,
      moved: false,
      renamed: true,
      type: 'renamed',
    })
    expect(change.heading).toMatchObject({
      flavour: 'words',
      newText: newHeading,
      oldText: oldHeading,
    })
  })

  it('reports a reordered list as one moved item', () => {
    const next = edited(base, (s) => {
      const items = listOf(s, 'purposes').items
      items.unshift(items.pop()!)
    })
    const items = itemsOf(changeOf(diff(base, next), 'purposes'))
    expect(items.map((i) => i.type)).toEqual(['moved', 'unchanged', 'unchanged', 'unchanged'])
    expect(items[0]).toMatchObject({ newIndex: 0, oldIndex: 3 })
    expect(items[0]!.text.flavour).toBeNull()
  })

  it('places added and removed sections where they are and were', () => {
    const next = edited(base, (s) => {
      s.sections = s.sections.filter((section) => section.key !== 'correction-erasure')
      s.sections.splice(2, 0, {
        blocks: [p(copy.newParagraph)],
        heading: 'Opbevaring',
        key: 'retention',
        kind: 'retention',
      })
    })
    const result = diff(base, next)
    const order = result.sections.map((s) => `${s.key}:${s.type}`)
    expect(order).toContain('retention:added')
    expect(order.indexOf('retention:added')).toBe(2)
    // Removed sections follow the kept section that preceded them.
    expect(order.indexOf('correction-erasure:removed')).toBe(order.indexOf('rights:unchanged') + 1)
    expect(changeOf(result, 'correction-erasure').blocks.every((b) => b.type === 'removed')).toBe(
      true,
    )
    expect(result.stats).toMatchObject({ sectionsAdded: 1, sectionsRemoved: 1 })
  })

  it('shows a replaced bullet with nothing in common as removed plus added', () => {
    const [before, after] = copy.replacedItem
    const next = edited(base, (s) => {
      const target = listOf(s, 'personal-data').items.find((i) => i.text === before)!
      setText(target, after)
    })
    const changed = itemsOf(changeOf(diff(base, next), 'personal-data')).filter(
      (i) => i.type !== 'unchanged',
    )
    expect(changed.map((i) => [i.type, i.text.oldText ?? i.text.newText])).toEqual([
      ['removed', before],
      ['added', after],
    ])
  })

  it('shows a new sub-bullet as one added item at its depth', () => {
    const next = edited(base, (s) => {
      const examples = listOf(s, 'collection').items[1]!.children[0]!
      examples.children.push(item(copy.subItem))
    })
    const changed = itemsOf(changeOf(diff(base, next), 'collection')).filter(
      (i) => i.type !== 'unchanged',
    )
    expect(changed).toEqual([expect.objectContaining({ depth: 2, type: 'added' })])
    expect(changed[0]!.text.newText).toBe(copy.subItem)
  })

  it('shows a new paragraph as one added block between unchanged ones', () => {
    const next = edited(base, (s) =>
      sectionOf(s, 'introduction').blocks.splice(1, 0, p(copy.newParagraph)),
    )
    const blocks = changeOf(diff(base, next), 'introduction').blocks
    expect(blocks.map((b) => b.type)).toEqual(['unchanged', 'added', 'unchanged', 'unchanged'])
  })

  it('recognizes whitespace-only, formatting-only and link-only changes', () => {
    const next = edited(base, (s) => {
      const intro = paragraphOf(s, 'introduction', 0)
      intro.text = intro.text.replace('. ', '.  ')
      intro.html = intro.text
      const second = paragraphOf(s, 'introduction', 1)
      second.html = `<strong>${second.html}</strong>`
      const cookies = listOf(s, 'collection').items[0]!
      cookies.html = cookies.html.replace('href="/cookies"', 'href="/privatliv/cookies"')
    })
    const result = diff(base, next)
    const intro = changeOf(result, 'introduction').blocks
    expect(intro.map((b) => (b.blockType === 'paragraph' ? b.text.flavour : null))).toEqual([
      'whitespace',
      'formatting',
      null,
    ])
    const cookie = itemsOf(changeOf(result, 'collection'))[0]!
    expect(cookie.type).toBe('changed')
    expect(cookie.text.flavour).toBe('link')
    expect(cookie.text.links).toEqual({ added: ['/privatliv/cookies'], removed: ['/cookies'] })
    expect(result.stats.insertedWords + result.stats.deletedWords).toBe(0)
  })

  it('tells punctuation, capitalization and both apart', () => {
    const next = edited(base, (s) => {
      const para = paragraphOf(s, 'personal-data', 0)
      setText(para, `${para.text}.`)
      const rights = listOf(s, 'rights').items
      setText(rights[0]!, rights[0]!.text.charAt(0).toUpperCase() + rights[0]!.text.slice(1))
      setText(
        rights[1]!,
        `${rights[1]!.text.charAt(0).toUpperCase()}${rights[1]!.text.slice(1, -1)};`,
      )
    })
    const result = diff(base, next)
    const para = changeOf(result, 'personal-data').blocks[0]!
    expect(para.blockType === 'paragraph' && para.text).toMatchObject({
      caseChanged: false,
      flavour: 'punctuation',
    })
    const items = itemsOf(changeOf(result, 'rights'))
    expect(items[0]!.text.flavour).toBe('case')
    expect(items[1]!.text).toMatchObject({ caseChanged: true, flavour: 'punctuation' })
    expect(items[2]!.type).toBe('unchanged')
  })

  it('keeps every text reconstructible from its parts', () => {
    const next = edited(base, (s) => {
      setText(listOf(s, 'purposes').items[0]!, copy.purposeNew)
      listOf(s, 'personal-data').items.splice(2, 1)
      sectionOf(s, 'rights').heading = copy.heading[1]
      setText(
        paragraphOf(s, 'third-parties', 1),
        paragraphOf(s, 'third-parties', 1).text.replace(/,/g, ';'),
      )
    })
    const result = diff(base, next)
    for (const text of allTexts(result)) {
      if (text.oldText !== null) expect(squash(side(text, 'old'))).toBe(squash(text.oldText))
      if (text.newText !== null) expect(squash(side(text, 'new'))).toBe(squash(text.newText))
    }
  })

  it('treats a first release as everything added', () => {
    const result = diffLocale(null, base, { locale })
    expect(result.sections.every((s) => s.type === 'added')).toBe(true)
    expect(result.title).toMatchObject({ newText: base.title, oldText: null })
    expect(result.stats.sectionsAdded).toBe(base.sections.length)
  })
})

describe('diffLocale word level in Danish', () => {
  const ctx = { locale: 'da' }
  const one = (before: string, after: string) => {
    const prev = {
      html: '',
      sections: [{ blocks: [p(before)], heading: 'Cookies', key: 'c', kind: 'cookies' as const }],
      title: 'T',
    }
    const next = edited(prev, (s) => setText(paragraphOf(s, 'c', 0), after))
    const block = diffLocale(prev, next, ctx).sections[0]!.blocks[0]!
    if (block.blockType !== 'paragraph') throw new Error('expected a paragraph')
    return block.text
  }

  it('diffs whole Danish words with æ, ø, å and «» intact', () => {
    const text = one(
      'Vi bruger «cookies» til at forbedre vores tjenester på Jackons websteder.',
      'Vi bruger «cookies» og pixels til at forbedre og måle vores tjenester på Jackons websteder og i apps.',
    )
    expect(text.flavour).toBe('words')
    expect(text.parts.filter((x) => x.type === 'insert').map((x) => x.text.trim())).toEqual([
      'og pixels',
      'og måle',
      'og i apps',
    ])
    expect(text.parts[0]).toEqual({ text: 'Vi bruger «cookies» ', type: 'equal' })
    const changed = one(
      'Vi opbevarer oplysningerne i 12 måneder.',
      'Vi opbevarer oplysningerne i 24 måneder.',
    )
    expect(changed.parts).toEqual([
      { text: 'Vi opbevarer oplysningerne i ', type: 'equal' },
      { text: '12', type: 'delete' },
      { text: '24', type: 'insert' },
      { text: ' måneder.', type: 'equal' },
    ])
  })

  it('never splits a word with a Danish letter, and counts e-mail and f.eks. as one word each', () => {
    const text = one(
      'Kontakt os på e-mail, f.eks. om sletning af øvrige data.',
      'Kontakt os på e-mail, f.eks. om ændring af øvrige data.',
    )
    expect(text.parts.filter((x) => x.type !== 'equal')).toEqual([
      { text: 'sletning', type: 'delete' },
      { text: 'ændring', type: 'insert' },
    ])
    expect(text).toMatchObject({ deletedWords: 1, insertedWords: 1 })
    expect(one('Skriv en e-mail.', 'Skriv en e-mail eller f.eks. et brev.').insertedWords).toBe(4)
  })

  it('does not call a meaning change a typo', () => {
    expect(one('Vi kan dele data.', 'Vi kun dele data.').flavour).toBe('words')
    expect(one('Vi gemmer data i 30 dage.', 'Vi gemmer data i 90 dage.').flavour).toBe('words')
    expect(
      one(
        'Sikkerhedsarbejdet indebærer risikovurderinger.',
        'Sikkerhedsarbejdet indebærer risikovurdering.',
      ).flavour,
    ).toBe('typo')
  })
})

describe('diffSnapshots', () => {
  it('diffs every locale of a release, each with its own segmenter', () => {
    const prev = { da: statement('da'), en: statement('en') }
    const next = {
      da: edited(prev.da, (s) => listOf(s, 'personal-data').items.push(item('Lokationsdata'))),
      en: edited(prev.en, (s) => listOf(s, 'personal-data').items.push(item('Location data'))),
      sv: statement('en'),
    }
    const result = diffSnapshots(prev, next)
    expect(Object.keys(result.locales).sort()).toEqual(['da', 'en', 'sv'])
    expect(result.locales.da!.locale).toBe('da')
    expect(touched(result.locales.da!)).toEqual(['personal-data'])
    expect(touched(result.locales.en!)).toEqual(['personal-data'])
    expect(result.locales.sv!.sections.every((s) => s.type === 'added')).toBe(true)
    expect(Object.keys(diffSnapshots(prev, next, { locales: ['en'] }).locales)).toEqual(['en'])
  })

  it('survives JSON round trips unchanged', () => {
    const result = diffSnapshots(
      { da: statement('da') },
      { da: edited(statement('da'), (s) => s.sections.reverse()) },
    )
    expect(JSON.parse(JSON.stringify(result))).toEqual(result)
  })

  it('refuses snapshots without stable keys and invalid options, naming the problem', () => {
    const dup = edited(statement('da'), (s) => s.sections.push({ ...s.sections[0]! }))
    expect(() => diffLocale(statement('da'), dup, { locale: 'da' })).toThrow(
      'Duplicate section key "introduction" in the next snapshot',
    )
    const blank = edited(statement('da'), (s) => (s.sections[0]!.key = ''))
    expect(() => diffLocale(blank, statement('da'), { locale: 'da' })).toThrow(
      'Section 0 of the previous snapshot has no key',
    )
    expect(() =>
      diffLocale(statement('da'), statement('da'), { locale: 'da', timeoutMs: -1 }),
    ).toThrow('DiffOptions.timeoutMs')
    expect(() =>
      diffLocale(statement('da'), statement('da'), { locale: 'da', minPairSimilarity: 2 }),
    ).toThrow('minPairSimilarity')
    expect(() => diffLocale(statement('da'), statement('da'), { locale: 'not a locale!' })).toThrow(
      'Invalid locale',
    )
  })
})
