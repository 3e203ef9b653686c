/**
 * Word segmentation and tokenization for the word diff, fast on Latin-script text and exact
 * everywhere.
 *
 * `Intl.Segmenter` is right for every language but costs about half a microsecond per character
 * (one ICU call and one object per segment), and jsdiff runs it over each text it compares and
 * again over the unchanged runs next to every change. On a 20,000-word statement with scattered
 * edits that was most of the diff's time.
 *
 * For text made only of the characters in `LATIN` (ASCII, Latin-1 and common typographic
 * punctuation), ICU's word boundaries (Unicode UAX #29 with its root tailoring) reduce to a few
 * character classes, so one regular expression gives the same segments. Any other text, and any
 * text where a character falls outside that set, goes to the real `Intl.Segmenter`, so the result
 * never depends on which path ran. `test/unit/diffLatin.test.ts` checks the two against each
 * other, exhaustively on short strings and on randomized text.
 *
 * `latinWordDiff` goes one step further for such text: it is jsdiff's own word diff with the
 * tokenizer and token comparison replaced (jsdiff's documented way to customize a diff), giving
 * the same change objects as `diffWords` with an `Intl.Segmenter` without segment objects,
 * re-segmenting or a trimmed copy of both tokens on every comparison.
 */
import { wordDiff } from 'diff'

/** What jsdiff's `diffWords` uses of an `Intl.Segmenter`: its granularity and each segment's text. */
export type WordSegmenter = {
  resolvedOptions: () => { granularity: string }
  segment: (text: string) => Iterable<{ segment: string }>
}

// Word_Break classes of the characters in `LATIN`, as ICU assigns them (measured, and checked by
// the test): ALetter, Numeric and ExtendNumLet (`_`) always join; MidLetter joins two letters,
// MidNum two digits, MidNumLet and the single quote either.
const ALETTER = 'A-Za-z\u00AA\u00B5\u00B8\u00BA\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u00FF'
const WORD_CHAR = `${ALETTER}0-9_`
const MID_LETTER = ':\u00B7\u2027'
const MID_NUM = ',;'
const MID_NUM_LET = "'.\u2018\u2019\u2024"

/**
 * The characters the regular expression is exact for: tab to carriage return, printable ASCII,
 * Latin-1 without its controls and the soft hyphen (a format character that attaches to its
 * neighbour), the dashes, quotes, bullets and ellipsis of U+2010–U+2027, and the euro sign.
 */
const LATIN = /^[\t-\r -~\u00A0-\u00AC\u00AE-\u00FF\u2010-\u2027\u20AC]*$/u

/** True when `text` has only characters the Latin fast paths are exact for (see `LATIN`). */
export function isLatinSegmentable(text: string): boolean {
  return LATIN.test(text)
}

/**
 * One segment per match: a word (word characters joined across single mid characters as UAX #29
 * WB6/7 and WB11/12 allow), a run of whitespace (ICU splits some runs, jsdiff merges them back),
 * or any other single character.
 */
const SEGMENT = new RegExp(
  `[${WORD_CHAR}]+(?:(?:(?<=[${ALETTER}])[${MID_LETTER}${MID_NUM_LET}](?=[${ALETTER}])|(?<=[0-9])[${MID_NUM}${MID_NUM_LET}](?=[0-9]))[${WORD_CHAR}]+)*|\\s+|[^]`,
  'gu',
)

/** Segments `text` with the regular expression; only valid when `LATIN` matches it. */
export function latinSegments(text: string): Array<{ segment: string }> {
  const segments: Array<{ segment: string }> = []
  SEGMENT.lastIndex = 0
  let match: RegExpExecArray | null
  while ((match = SEGMENT.exec(text))) segments.push({ segment: match[0] })
  return segments
}

/**
 * Wraps a word `Intl.Segmenter`: Latin-script text is segmented by `latinSegments`, everything
 * else by `segmenter` itself. Whitespace runs may come back as one segment where ICU gives
 * several; jsdiff merges adjacent whitespace segments anyway, so its tokens are the same.
 */
export function fastWordSegmenter(segmenter: Intl.Segmenter): WordSegmenter {
  const options = segmenter.resolvedOptions()
  if (options.granularity !== 'word') throw new Error('fastWordSegmenter needs a segmenter with granularity "word"')
  return {
    resolvedOptions: () => options,
    segment: (text) => (LATIN.test(text) ? latinSegments(text) : segmenter.segment(text)),
  }
}

/**
 * Whitespace as `String.prototype.trim` and `\s` see it, within `LATIN`: tab to carriage return,
 * space and no-break space.
 */
function isSpace(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 32 || c === 160
}

/**
 * jsdiff's word tokens for Latin text: the segments of `latinSegments`, each word or punctuation
 * mark with the whitespace around it (whitespace between two tokens belongs to both), as
 * `wordDiff.tokenize` builds them from an `Intl.Segmenter`'s segments.
 */
export function latinWordTokens(text: string): string[] {
  const tokens: string[] = []
  let prevPart: string | null = null
  let prevSpace = false
  SEGMENT.lastIndex = 0
  let match: RegExpExecArray | null
  while ((match = SEGMENT.exec(text))) {
    const part = match[0]
    // A part is a whitespace run exactly when its first character is whitespace (see `SEGMENT`).
    const space = isSpace(part.charCodeAt(0))
    if (space) {
      if (prevPart === null) tokens.push(part)
      else tokens[tokens.length - 1] += part
    } else if (prevPart !== null && prevSpace) {
      // Same test as jsdiff: the last token is the whitespace itself only when the text starts with it.
      if (tokens[tokens.length - 1] === prevPart) tokens[tokens.length - 1] += part
      else tokens.push(prevPart + part)
    } else tokens.push(part)
    prevPart = part
    prevSpace = space
  }
  return tokens
}

/** `left.trim() === right.trim()`, jsdiff's word equality, without copying either token. */
function sameWord(left: string, right: string): boolean {
  if (left === right) return true
  let a = 0
  let aEnd = left.length
  while (a < aEnd && isSpace(left.charCodeAt(a))) a++
  while (aEnd > a && isSpace(left.charCodeAt(aEnd - 1))) aEnd--
  let b = 0
  let bEnd = right.length
  while (b < bEnd && isSpace(right.charCodeAt(b))) b++
  while (bEnd > b && isSpace(right.charCodeAt(bEnd - 1))) bEnd--
  if (aEnd - a !== bEnd - b) return false
  for (; a < aEnd; a++, b++) if (left.charCodeAt(a) !== right.charCodeAt(b)) return false
  return true
}

/**
 * jsdiff's `wordDiff` with `latinWordTokens` and `sameWord`, for texts that pass
 * `isLatinSegmentable`. Call `.diff(old, new, { timeout })` without a segmenter: jsdiff's tidying
 * of whitespace then finds leading and trailing whitespace with `\s`, which within `LATIN` is
 * exactly what it finds with a segmenter.
 */
export const latinWordDiff: typeof wordDiff = Object.assign(Object.create(wordDiff) as typeof wordDiff, {
  equals: sameWord,
  tokenize: latinWordTokens,
})
