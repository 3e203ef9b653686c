/**
 * Small text helpers shared by the diff engine and the materiality rules: word counting,
 * normalization for "only whitespace/punctuation/case changed", link extraction and similarity.
 */

/**
 * A word: letters or digits, with inner hyphens, apostrophes, dots or commas kept together so
 * `e-mail`, `f.eks`, `1.000` and `GDPR's` count once. `\p{L}` covers æ, ø and å.
 */
const WORD = /[\p{L}\p{N}]+(?:[-'’.,][\p{L}\p{N}]+)*/gu

/**
 * `WORD` for text made only of Latin-1 characters, typographic punctuation (U+2010–U+2027) and
 * the euro sign: within that set `\p{L}` and `\p{N}` are exactly the classes below, so the matches
 * are the same, at a third of the cost of the Unicode property lookups.
 */
const LATIN_TEXT = /^[\u0000-\u00FF\u2010-\u2027\u20AC]*$/u
const LATIN_WORD =
  /[A-Za-z0-9\u00AA\u00B2\u00B3\u00B5\u00B9\u00BA\u00BC-\u00BE\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u00FF]+(?:[-'’.,][A-Za-z0-9\u00AA\u00B2\u00B3\u00B5\u00B9\u00BA\u00BC-\u00BE\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u00FF]+)*/gu

/** True when `text` has only the characters the Latin fast paths are exact for (see `LATIN_WORD`). */
export function isLatinText(text: string): boolean {
  return LATIN_TEXT.test(text)
}

function wordPattern(text: string): RegExp {
  return LATIN_TEXT.test(text) ? LATIN_WORD : WORD
}

/** Splits text into words (see `WORD`). */
export function words(text: string): string[] {
  return text.match(wordPattern(text)) ?? []
}

/** Counts words (see `WORD`). */
export function countWords(text: string): number {
  const pattern = wordPattern(text)
  let n = 0
  pattern.lastIndex = 0
  // `test` moves `lastIndex` like `exec` but builds no match object: counting a long text allocates nothing.
  while (pattern.test(text)) n++
  return n
}

/** Collapses every run of whitespace (NBSP included) to one space and trims. */
export function normalizeWhitespace(text: string): string {
  return text.replace(/\s+/gu, ' ').trim()
}

/** Whether a UTF-16 code unit is whitespace for `\s` (and `trim`): one of these, all in the BMP. */
export function isSpaceCode(c: number): boolean {
  if (c <= 0xff) return (c >= 9 && c <= 13) || c === 32 || c === 0xa0
  return (
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  )
}

/**
 * `normalizeWhitespace(a) === normalizeWhitespace(b)` without building either string: the same
 * words (runs of non-whitespace) in the same order, whatever whitespace is between them.
 */
export function sameApartFromWhitespace(a: string, b: string): boolean {
  let i = 0
  let j = 0
  for (;;) {
    while (i < a.length && isSpaceCode(a.charCodeAt(i))) i++
    while (j < b.length && isSpaceCode(b.charCodeAt(j))) j++
    if (i === a.length || j === b.length) return i === a.length && j === b.length
    // Compare one run of non-whitespace on each side; both must end together.
    while (i < a.length && j < b.length && !isSpaceCode(a.charCodeAt(i))) {
      if (a.charCodeAt(i) !== b.charCodeAt(j)) return false
      i++
      j++
    }
    const aEnded = i === a.length || isSpaceCode(a.charCodeAt(i))
    const bEnded = j === b.length || isSpaceCode(b.charCodeAt(j))
    if (!aEnded || !bEnded) return false
  }
}

/** The text with punctuation and symbols removed and whitespace collapsed: what is left when only words count. */
export function stripPunctuation(text: string): string {
  return normalizeWhitespace(text.replace(/[\p{P}\p{S}]+/gu, ' '))
}

/** `href` values in an html string, decoded from the usual entities, in order. */
export function linkTargets(html: string): string[] {
  const targets: string[] = []
  for (const match of html.matchAll(/\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/giu)) {
    targets.push(decodeEntities(match[1] ?? match[2] ?? match[3] ?? ''))
  }
  return targets
}

function decodeEntities(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

/** Multiset difference of two lists of strings: what `a` has that `b` lacks, and the reverse. */
export function multisetDifference(a: string[], b: string[]): { onlyA: string[]; onlyB: string[] } {
  const counts = new Map<string, number>()
  for (const x of a) counts.set(x, (counts.get(x) ?? 0) + 1)
  const onlyB: string[] = []
  for (const x of b) {
    const n = counts.get(x) ?? 0
    if (n > 0) counts.set(x, n - 1)
    else onlyB.push(x)
  }
  const onlyA: string[] = []
  for (const x of a) {
    const n = counts.get(x) ?? 0
    if (n > 0) {
      onlyA.push(x)
      counts.set(x, n - 1)
    }
  }
  return { onlyA, onlyB }
}

/**
 * Share of two texts covered by their common prefix and suffix, 0–1. A cheap lower bound on how
 * alike they are: a paragraph with one edited word scores close to 1 without being tokenized.
 */
export function edgeOverlap(a: string, b: string): number {
  if (a.length + b.length === 0) return 1
  const max = Math.min(a.length, b.length)
  let prefix = 0
  while (prefix < max && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++
  let suffix = 0
  while (
    suffix < max - prefix &&
    a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)
  )
    suffix++
  return (2 * (prefix + suffix)) / (a.length + b.length)
}

/** Above this `edgeOverlap`, two texts are similar enough that computing word overlap is not worth it. */
export const CLEARLY_SIMILAR = 0.8

/**
 * Damerau–Levenshtein distance (optimal string alignment), capped: returns `max + 1` as soon as the
 * distance is known to exceed `max`, so checking a long word pair stays cheap.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  const m = a.length
  const n = b.length
  // Rows have n + 1 cells and every index below stays within 0..n, hence the `!`s.
  let prevPrev = new Array<number>(n + 1).fill(0)
  let prev = Array.from({ length: n + 1 }, (_, j) => j)
  for (let i = 1; i <= m; i++) {
    const row = new Array<number>(n + 1).fill(0)
    row[0] = i
    let rowMin = i
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let value = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, prevPrev[j - 2]! + 1)
      }
      row[j] = value
      if (value < rowMin) rowMin = value
    }
    if (rowMin > max) return max + 1
    prevPrev = prev
    prev = row
  }
  return prev[n]!
}
