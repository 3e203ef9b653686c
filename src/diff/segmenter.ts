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
 * The word diff goes one step further for such text: `diffWordsAsNumbers` (wordNumbers.ts) with
 * `LATIN_SEGMENT` as its tokenizer gives the same change objects as `diffWords` with an
 * `Intl.Segmenter`, without segment objects or re-segmenting.
 */

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
 * or any other single character. Global: users reset `lastIndex` and must not interleave.
 */
export const LATIN_SEGMENT = new RegExp(
  `[${WORD_CHAR}]+(?:(?:(?<=[${ALETTER}])[${MID_LETTER}${MID_NUM_LET}](?=[${ALETTER}])|(?<=[0-9])[${MID_NUM}${MID_NUM_LET}](?=[0-9]))[${WORD_CHAR}]+)*|\\s+|[^]`,
  'gu',
)

/** Segments `text` with the regular expression; only valid when `LATIN` matches it. */
export function latinSegments(text: string): Array<{ segment: string }> {
  const segments: Array<{ segment: string }> = []
  LATIN_SEGMENT.lastIndex = 0
  let match: RegExpExecArray | null
  while ((match = LATIN_SEGMENT.exec(text))) segments.push({ segment: match[0] })
  return segments
}

/**
 * Wraps a word `Intl.Segmenter`: Latin-script text is segmented by `latinSegments`, everything
 * else by `segmenter` itself. Whitespace runs may come back as one segment where ICU gives
 * several; jsdiff merges adjacent whitespace segments anyway, so its tokens are the same.
 */
export function fastWordSegmenter(segmenter: Intl.Segmenter): WordSegmenter {
  const options = segmenter.resolvedOptions()
  if (options.granularity !== 'word')
    throw new Error('fastWordSegmenter needs a segmenter with granularity "word"')
  return {
    resolvedOptions: () => options,
    segment: (text) => (LATIN.test(text) ? latinSegments(text) : segmenter.segment(text)),
  }
}
