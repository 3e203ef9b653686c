import { diffArrays, diffWords } from 'diff'

/**
 * Issue 13: the diff's fast paths (`src/diff/segmenter.ts` for Latin-script text, the Latin word
 * pattern and whitespace comparison in `text.ts`, the hashed word bags in `bags.ts`, tokens as
 * numbers in `wordNumbers.ts`) must give exactly what the plain paths give: `Intl.Segmenter`,
 * jsdiff's `diffWords` and `diffArrays` (whose Myers steps `diffSequences` in `myers.ts` repeats),
 * the Unicode word pattern, `normalizeWhitespace` and string-keyed bags. Checked exhaustively on short strings and on randomized text, including text the fast paths
 * must hand back to the plain ones.
 */
import type { LocaleSnapshot } from '../../src/types.js'

import { generateStatement, scatterEdits } from '../../bench/diffData.js'
import { dice, wordBag, wordHash, WordIds } from '../../src/diff/bags.js'
import { createContext, resolveOptions, startBudget } from '../../src/diff/context.js'
import { diffSequences } from '../../src/diff/myers.js'
import { diffLocaleIn } from '../../src/diff/sections.js'
import {
  fastWordSegmenter,
  isLatinSegmentable,
  LATIN_SEGMENT,
  latinSegments,
} from '../../src/diff/segmenter.js'
import {
  countWords,
  isLatinText,
  normalizeWhitespace,
  sameApartFromWhitespace,
  words,
} from '../../src/diff/text.js'
import { diffWordsAsNumbers } from '../../src/diff/wordNumbers.js'

const intl = new Intl.Segmenter('da', { granularity: 'word' })

/** jsdiff's view of a segmentation: adjacent segments containing whitespace are merged. */
function merged(segments: Iterable<{ segment: string }>): string[] {
  const parts: string[] = []
  for (const { segment } of segments) {
    if (parts.length > 0 && /\s/.test(parts[parts.length - 1]!) && /\s/.test(segment))
      parts[parts.length - 1] += segment
    else parts.push(segment)
  }
  return parts
}

/** Every character the Latin fast paths accept. */
const LATIN_CHARS: string[] = []
for (let c = 0x09; c <= 0x0d; c++) LATIN_CHARS.push(String.fromCharCode(c))
for (let c = 0x20; c <= 0x7e; c++) LATIN_CHARS.push(String.fromCharCode(c))
for (let c = 0xa0; c <= 0xff; c++) if (c !== 0xad) LATIN_CHARS.push(String.fromCharCode(c))
for (let c = 0x2010; c <= 0x2027; c++) LATIN_CHARS.push(String.fromCharCode(c))
LATIN_CHARS.push('€')

/** One of each character class that matters at a word boundary. */
const CONTEXT = [
  'a',
  'Z',
  'æ',
  '1',
  '_',
  '.',
  ',',
  ';',
  ':',
  "'",
  '’',
  '·',
  '-',
  ' ',
  '\n',
  '\u00a0',
  '¸',
  '«',
]

/** Characters the fast paths must refuse: outside Latin-1, combining, format, emoji. */
const FOREIGN = ['ž', 'Ω', 'ш', '\u0301', '\u00ad', '\u200b', '\u2028', '😀', '中文', 'ﬁ', 'İ']

/** mulberry32, so failures reproduce. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const WORDS = [
  'og',
  'at',
  'vi',
  'de',
  'persondata',
  'Behandling',
  'e-mail',
  'f.eks',
  '1.000',
  '2,5',
  'GDPR’s',
  "it's",
  'kl.',
  '10:30',
  'a.b.c',
  'ÆØÅ',
  'søg',
  'x_y',
  'nr',
  '§',
  '«citat»',
  '–',
  '…',
  '(se',
  'her)',
  '3.',
  'www.eksempel.dk',
  'µg',
  '½',
]
const SPACES = [' ', ' ', ' ', ' ', '  ', '\n', '\t', '\u00a0', ' \n ']

/** Random text: words and punctuation from `WORDS`, random characters, odd whitespace, sometimes a foreign character. */
function randomText(random: () => number, length: number, foreign: boolean): string {
  let out = ''
  for (let k = 0; k < length; k++) {
    const x = random()
    if (x < 0.7) out += WORDS[Math.floor(random() * WORDS.length)]
    else if (x < 0.97) out += LATIN_CHARS[Math.floor(random() * LATIN_CHARS.length)]
    else if (foreign) out += FOREIGN[Math.floor(random() * FOREIGN.length)]
    out += SPACES[Math.floor(random() * SPACES.length)]
  }
  return out
}

/** The text with a few words replaced, dropped or added, and sometimes its whitespace changed. */
function randomEdit(random: () => number, text: string, foreign: boolean): string {
  return text
    .split(' ')
    .map((word) => {
      const x = random()
      if (x < 0.06) return randomText(random, 1, foreign).trim()
      if (x < 0.1) return ''
      if (x < 0.14) return `${word} ${randomText(random, 2, foreign).trim()}`
      if (x < 0.16) return `${word}\n`
      return word
    })
    .join(' ')
}

describe('Latin segmentation equals Intl.Segmenter', () => {
  it('on every two-character string and every three-character string around each boundary class', () => {
    const mismatches: string[] = []
    const check = (text: string): void => {
      if (merged(latinSegments(text)).join('|') !== merged(intl.segment(text)).join('|'))
        mismatches.push(JSON.stringify(text))
    }
    for (const x of LATIN_CHARS) for (const y of LATIN_CHARS) check(x + y)
    for (const x of CONTEXT) for (const y of LATIN_CHARS) for (const z of CONTEXT) check(x + y + z)
    expect(mismatches.slice(0, 10)).toEqual([])
  })

  it('on randomized text', () => {
    const random = prng(13)
    for (let k = 0; k < 400; k++) {
      const text = randomText(random, 40, false)
      expect(isLatinSegmentable(text)).toBe(true)
      expect(merged(latinSegments(text))).toEqual(merged(intl.segment(text)))
    }
  })

  it('hands text with any other character to Intl.Segmenter', () => {
    const segmenter = fastWordSegmenter(intl)
    for (const foreign of FOREIGN) {
      const text = `Før ${foreign}ord og e${foreign} efter`
      expect(isLatinSegmentable(text)).toBe(false)
      expect(merged(segmenter.segment(text))).toEqual(merged(intl.segment(text)))
    }
  })
})

describe('diffWordsAsNumbers with Latin segments equals diffWords with Intl.Segmenter', () => {
  it('on randomized edits of randomized text', () => {
    const random = prng(1313)
    for (let k = 0; k < 300; k++) {
      const before = randomText(random, 5 + Math.floor(random() * 60), false)
      const after = randomEdit(random, before, false)
      expect(diffWordsAsNumbers(before, after, { parts: LATIN_SEGMENT, timeout: 60_000 })).toEqual(
        diffWords(before, after, { intlSegmenter: intl }),
      )
    }
  })

  it('on texts that start or end with whitespace, or are only whitespace', () => {
    const cases = [' a b', 'a b ', '  ', ' \n', '', 'a', ' a', '\u00a0x y\u00a0', '\ta  b\n']
    for (const before of cases) {
      for (const after of cases) {
        expect(
          diffWordsAsNumbers(before, after, { parts: LATIN_SEGMENT, timeout: 60_000 }),
        ).toEqual(diffWords(before, after, { intlSegmenter: intl }))
      }
    }
  })
})

describe('diffWordsAsNumbers equals diffWords without a segmenter', () => {
  it('on randomized edits of randomized text, foreign characters and odd whitespace included', () => {
    const random = prng(4242)
    for (let k = 0; k < 400; k++) {
      const before = randomText(random, Math.floor(random() * 50), true)
      const after =
        k % 10 === 0
          ? randomText(random, Math.floor(random() * 20), true)
          : randomEdit(random, before, true)
      expect(diffWordsAsNumbers(before, after, { timeout: 60_000 })).toEqual(
        diffWords(before, after, { timeout: 60_000 }),
      )
    }
  })

  it('on texts that start or end with whitespace, or are only whitespace', () => {
    const cases = [
      ' a b',
      'a b ',
      '  ',
      ' \n',
      '',
      'a',
      ' a',
      '\u00a0x y\u00a0',
      '\ta  b\n',
      '😀 ž',
    ]
    for (const before of cases) {
      for (const after of cases) {
        expect(diffWordsAsNumbers(before, after, { timeout: 60_000 })).toEqual(
          diffWords(before, after, { timeout: 60_000 }),
        )
      }
    }
  })

  it('gives up like diffWords when the timeout is reached', () => {
    const random = prng(99)
    const before = randomText(random, 6000, false)
    const after = randomText(random, 6000, false)
    expect(diffWordsAsNumbers(before, after, { timeout: 1 })).toBeUndefined()
  })
})

describe('sameApartFromWhitespace', () => {
  it('agrees with comparing normalizeWhitespace on every BMP character and on randomized strings', () => {
    const mismatches: number[] = []
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c)
      if (sameApartFromWhitespace(`a${ch}b`, 'a b') !== (normalizeWhitespace(`a${ch}b`) === 'a b'))
        mismatches.push(c)
    }
    expect(mismatches).toEqual([])
    const random = prng(5)
    const pool = ['a', 'b', ' ', '\n', '\u00a0', '\u2003', '\ufeff', '.', '😀']
    const text = (): string =>
      Array.from(
        { length: Math.floor(random() * 8) },
        () => pool[Math.floor(random() * pool.length)],
      ).join('')
    let same = 0
    const wrong: string[][] = []
    for (let k = 0; k < 20_000; k++) {
      const a = text()
      const b =
        random() < 0.5 ? text() : a.replace(/\s/gu, () => pool[1 + Math.floor(random() * 6)]!)
      const expected = normalizeWhitespace(a) === normalizeWhitespace(b)
      if (expected) same++
      if (sameApartFromWhitespace(a, b) !== expected) wrong.push([a, b])
    }
    expect(wrong).toEqual([])
    expect(same).toBeGreaterThan(5000)
  })
})

describe('Latin word pattern and word bags', () => {
  const unicodeWords = (text: string): string[] =>
    text.match(/[\p{L}\p{N}]+(?:[-'’.,][\p{L}\p{N}]+)*/gu) ?? []

  it('splits every Latin character as the Unicode pattern does', () => {
    for (const x of LATIN_CHARS) {
      for (const context of ['a', '1', '-', ' ']) {
        const text = `${context}${x}${context}${x}b`
        expect(isLatinText(text)).toBe(true)
        expect(words(text)).toEqual(unicodeWords(text))
        expect(countWords(text)).toBe(unicodeWords(text).length)
      }
    }
  })

  it('gives the same words, counts and similarities on randomized text, Latin or not', () => {
    const random = prng(7)
    const texts = Array.from({ length: 120 }, (_, k) =>
      randomText(random, 5 + Math.floor(random() * 40), k % 3 === 0),
    )
    const reference = (text: string): Map<string, number> => {
      const counts = new Map<string, number>()
      for (const word of unicodeWords(text.toLowerCase()))
        counts.set(word, (counts.get(word) ?? 0) + 1)
      return counts
    }
    const referenceDice = (a: Map<string, number>, b: Map<string, number>): number => {
      const size = (m: Map<string, number>): number => [...m.values()].reduce((x, y) => x + y, 0)
      if (size(a) + size(b) === 0) return 1
      let common = 0
      for (const [word, n] of a) common += Math.min(n, b.get(word) ?? 0)
      return (2 * common) / (size(a) + size(b))
    }
    const ids = new WordIds()
    const bags = texts.map((text) => wordBag(text, ids))
    const plainIds = new WordIds()
    const plainBags = texts.map((text) => wordBag(text, plainIds, false))
    texts.forEach((text, i) => {
      expect(words(text)).toEqual(unicodeWords(text))
      expect(bags[i]!.length).toBe(unicodeWords(text).length)
      for (let j = 0; j < texts.length; j += 7) {
        const expected = referenceDice(reference(text), reference(texts[j]!))
        expect(dice(bags[i]!, bags[j]!, ids)).toBe(expected)
        expect(dice(plainBags[i]!, plainBags[j]!, plainIds)).toBe(expected)
      }
    })
  })
})

describe('word numbers when two words share a hash', () => {
  it('keeps them apart, in Latin text and in other text', () => {
    // Birthday search for two different words with the same 30-bit hash: about 2^15 tries.
    const random = prng(2024)
    const seen = new Map<number, string>()
    let pair: [string, string] | undefined
    while (!pair) {
      const word = Array.from(
        { length: 7 },
        () => 'abcdefghijklmnopqrstuvwxyzæøå'[Math.floor(random() * 29)],
      ).join('')
      const other = seen.get(wordHash(word))
      if (other !== undefined && other !== word) pair = [other, word]
      else seen.set(wordHash(word), word)
    }
    const [a, b] = pair
    expect(wordHash(a)).toBe(wordHash(b))
    for (const suffix of ['', ' ž']) {
      const ids = new WordIds()
      const first = wordBag(`${a} ${a.toUpperCase()} og${suffix}`, ids)
      const second = wordBag(`${b} og${suffix}`, ids)
      const third = wordBag(`${a} og${suffix}`, ids)
      expect(new Set(first).size).toBe(suffix ? 3 : 2)
      // Only "og" (and "ž") in common with the colliding word; everything in common with the same word.
      expect(dice(first, second, ids)).toBe((2 * (suffix ? 2 : 1)) / (first.length + second.length))
      expect(dice(first, third, ids)).toBe((2 * third.length) / (first.length + third.length))
    }
  })
})

describe('the whole diff with and without the Latin fast paths', () => {
  const run = (prev: LocaleSnapshot, next: LocaleSnapshot, latinFastPath: boolean): string => {
    // A budget no test run reaches, so no text is cut short by the clock on one side only.
    const resolved = resolveOptions({ perBlockTimeoutMs: 60_000, timeoutMs: 600_000 })
    const diff = diffLocaleIn(
      prev,
      next,
      createContext('da', resolved, startBudget(resolved.timeoutMs), { latinFastPath }),
    )
    return JSON.stringify({ ...diff, elapsedMs: 0 })
  }

  /** The statement with some paragraphs and items replaced by randomized text, foreign characters included. */
  function roughen(statement: LocaleSnapshot, seed: number): LocaleSnapshot {
    const random = prng(seed)
    const rough = (text: string): string =>
      random() < 0.3 ? randomText(random, 10 + Math.floor(random() * 30), random() < 0.3) : text
    return {
      ...statement,
      sections: statement.sections.map((section) => ({
        ...section,
        blocks: section.blocks.map((block) => {
          if (block.type === 'paragraph') {
            const text = rough(block.text)
            return { ...block, html: text, text }
          }
          if (block.type === 'table') return block
          return {
            ...block,
            items: block.items.map((item) => ({ ...item, text: rough(item.text) })),
          }
        }),
      })),
    }
  }

  it.each([21, 22, 23])(
    'gives the same JSON for 2%% scattered edits on a 20,000-word statement (seed %i)',
    (seed) => {
      const prev = generateStatement(seed)
      const next = scatterEdits(prev, 0.02, seed + 100)
      expect(run(prev, next, true)).toBe(run(prev, next, false))
    },
  )

  it.each([31, 32, 33])(
    'gives the same JSON on randomized text with odd characters and whitespace (seed %i)',
    (seed) => {
      const prev = roughen(generateStatement(seed), seed)
      const random = prng(seed + 1)
      const next = {
        ...prev,
        sections: prev.sections.map((section) => ({
          ...section,
          blocks: section.blocks.map((block) => {
            if (block.type === 'paragraph') {
              const text = randomEdit(random, block.text, true)
              return { ...block, html: text, text }
            }
            if (block.type === 'table') return block
            return {
              ...block,
              items: block.items.map((item) => ({
                ...item,
                text: randomEdit(random, item.text, true),
              })),
            }
          }),
        })),
      }
      expect(run(prev, next, true)).toBe(run(prev, next, false))
    },
  )
})

describe('diffSequences equals jsdiff diffArrays', () => {
  const counts = (
    changes: Array<{ added: boolean; count: number; removed: boolean }> | undefined,
  ) => changes?.map(({ added, count, removed }) => ({ added, count, removed }))

  it('on thousands of random sequences over small alphabets, where ties between paths are common', () => {
    const random = prng(77)
    for (let k = 0; k < 5000; k++) {
      const alphabet = 1 + Math.floor(random() * 6)
      const pick = (): number => 1 + Math.floor(random() * alphabet)
      const before = Array.from({ length: Math.floor(random() * 40) }, pick)
      const after =
        random() < 0.5
          ? Array.from({ length: Math.floor(random() * 40) }, pick)
          : before.map((x) => (random() < 0.2 ? pick() : x)).filter(() => random() > 0.1)
      expect(counts(diffSequences(before, after, 60_000))).toEqual(
        counts(diffArrays(before, after, { timeout: 60_000 })),
      )
    }
  })

  it('on long sequences, where its pool of runs is compacted and grown', () => {
    const random = prng(78)
    for (const [length, alphabet] of [
      [1500, 40],
      [1200, 4],
    ] as const) {
      const pick = (): number => 1 + Math.floor(random() * alphabet)
      const before = Array.from({ length }, pick)
      const after = Array.from({ length }, pick)
      expect(counts(diffSequences(before, after, 60_000))).toEqual(
        counts(diffArrays(before, after, { timeout: 60_000 })),
      )
    }
  })
})
