/**
 * Compiles the phrases of a pattern file (`patterns/README.md`) into matchers, and splits a
 * section into the sentences they are matched against.
 */
import type { Block, ListItem, SectionSnapshot } from '../types.js'

/** Up to this many words may stand where a phrase says `...`. */
const GAP_WORDS = 8

/** Lower case, punctuation as spaces, single spaces: what phrases are matched against. */
export function normalizeForMatch(text: string): string {
  return ` ${text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** A compiled phrase: tests one sentence. */
export type PhraseMatcher = (sentence: { normalized: string; lower: string }) => boolean

const cache = new Map<string, PhraseMatcher>()

/** Compiles one phrase. Throws with the phrase quoted when a `re:` expression is invalid. */
export function compilePhrase(phrase: string): PhraseMatcher {
  const cached = cache.get(phrase)
  if (cached) return cached
  let matcher: PhraseMatcher
  if (phrase.startsWith('re:')) {
    let re: RegExp
    try {
      re = new RegExp(phrase.slice(3), 'iu')
    } catch (error) {
      throw new Error(
        `completeness phrase "${phrase}" is not a valid regular expression: ${(error as Error).message}`,
        { cause: error },
      )
    }
    matcher = (sentence) => re.test(sentence.lower)
  } else {
    const pieces: string[] = []
    for (const token of phrase.trim().split(/\s+/)) {
      if (token === '...' || token === '…') {
        pieces.push(`(?:\\S+ ){0,${GAP_WORDS}}`)
        continue
      }
      const wildcard = token.endsWith('*')
      const words = normalizeForMatch(wildcard ? token.slice(0, -1) : token)
        .trim()
        .split(' ')
        .filter(Boolean)
      words.forEach((word, index) => {
        const last = index === words.length - 1
        pieces.push(`${escape(word)}${last && wildcard ? '[\\p{L}\\p{N}]*' : ''} `)
      })
    }
    if (pieces.length === 0) throw new Error(`completeness phrase "${phrase}" has no words`)
    const re = new RegExp(` ${pieces.join('')}`, 'u')
    matcher = (sentence) => re.test(sentence.normalized)
  }
  cache.set(phrase, matcher)
  return matcher
}

/** One sentence (or bullet) of a section, ready for matching. */
export type Sentence = {
  lower: string
  normalized: string
  text: string
}

function splitSentences(text: string): string[] {
  // A full stop followed by a capital (or an opening quote/bracket) ends a sentence; "f.eks. for" does not.
  return text
    .split(/(?<=[.!?])\s+(?=[\p{Lu}«“"(])/u)
    .map((s) => s.trim())
    .filter(Boolean)
}

function itemSentences(items: ListItem[], out: string[]): void {
  for (const item of items) {
    out.push(...splitSentences(item.text))
    itemSentences(item.children, out)
  }
}

/** The sentences of a section: its heading, then each paragraph's sentences and each bullet's. */
export function sectionSentences(section: Pick<SectionSnapshot, 'blocks' | 'heading'>): Sentence[] {
  const texts: string[] = []
  if (section.heading.trim()) texts.push(section.heading.trim())
  for (const block of section.blocks as Block[]) {
    if (block.type === 'paragraph') texts.push(...splitSentences(block.text))
    else if (block.type === 'table')
      for (const row of block.rows) texts.push(row.cells.map((cell) => cell.text).join(' | '))
    else itemSentences(block.items, texts)
  }
  return texts.map((text) => ({
    lower: text.toLowerCase(),
    normalized: normalizeForMatch(text),
    text,
  }))
}
