/**
 * jsdiff's `diffWords`, in a fraction of its time and memory.
 *
 * `diffWords` keeps every token as a string (the word with the whitespace on both sides), and
 * Myers' algorithm then allocates its paths on top of that. On a 20,000-word paragraph the tokens
 * alone are as much heap as the whole tokenizing step. Here each token is a number (equal numbers
 * for tokens jsdiff considers equal: same text apart from surrounding whitespace) plus its place
 * in the text, jsdiff's Myers runs on the numbers (`diffSequences`, step for step jsdiff's
 * `diffArrays` without its garbage), and the change objects are cut from the texts and tidied by
 * jsdiff's own `wordDiff.postProcess`. The result is exactly
 * `diffWords(oldText, newText, { timeout })`, and with `LATIN_SEGMENT` as the parts, exactly
 * `diffWords` with an `Intl.Segmenter` on Latin-script text (see segmenter.ts);
 * `test/unit/diffLatin.test.ts` checks both.
 */
import type { ChangeObject } from 'diff'

import { wordDiff } from 'diff'

import { diffSequences } from './myers.js'
import { isSpaceCode } from './text.js'

// jsdiff's tokenizer regex for `diffWords` without a segmenter (`diff/libesm/diff/word.js`):
// runs of its word characters, runs of whitespace, any other single character.
const WORD_CHARS =
  'a-zA-Z0-9_\\u{AD}\\u{C0}-\\u{D6}\\u{D8}-\\u{F6}\\u{F8}-\\u{2C6}\\u{2C8}-\\u{2D7}\\u{2DE}-\\u{2FF}\\u{1E00}-\\u{1EFF}'
const PART = new RegExp(`[${WORD_CHARS}]+|\\s+|[^${WORD_CHARS}]`, 'gu')

/** The number of a token's text, numbering new texts from 1 on. */
function idOf(numbers: Map<string, number>, core: string): number {
  let id = numbers.get(core)
  if (id === undefined) numbers.set(core, (id = numbers.size + 1))
  return id
}

/** A text's tokens: a number per token, and where each starts and ends (whitespace on both sides included). */
type Tokens = { ends: number[]; ids: number[]; starts: number[] }

/**
 * jsdiff's word tokens of `text`, as `wordDiff.tokenize` builds them from the parts: whitespace
 * joins the token before it and the token after it. `ids` numbers each token's text without that
 * whitespace (jsdiff's `equals` compares trimmed tokens), shared through `numbers`.
 */
function tokens(text: string, numbers: Map<string, number>, parts: RegExp): Tokens {
  const ids: number[] = []
  const starts: number[] = []
  const ends: number[] = []
  let prevStart = -1
  let prevSpace = false
  // True while the only token is the whitespace the text starts with.
  let leadingSpaceOnly = false
  parts.lastIndex = 0
  let match: RegExpExecArray | null
  while ((match = parts.exec(text))) {
    const start = match.index
    const end = start + match[0].length
    // Whitespace comes in runs of its own: a part is one exactly when its first character is whitespace.
    const space = isSpaceCode(match[0].charCodeAt(0))
    if (space) {
      if (prevStart < 0) {
        ids.push(idOf(numbers, ''))
        starts.push(start)
        ends.push(end)
        leadingSpaceOnly = true
      } else ends[ends.length - 1] = end
    } else if (prevStart >= 0 && prevSpace) {
      if (leadingSpaceOnly) {
        ids[ids.length - 1] = idOf(numbers, match[0])
        ends[ends.length - 1] = end
      } else {
        ids.push(idOf(numbers, match[0]))
        starts.push(prevStart)
        ends.push(end)
      }
      leadingSpaceOnly = false
    } else {
      ids.push(idOf(numbers, match[0]))
      starts.push(start)
      ends.push(end)
      leadingSpaceOnly = false
    }
    prevStart = start
    prevSpace = space
  }
  return { ends, ids, starts }
}

/**
 * Exactly `diffWords(oldText, newText, { timeout })`, with tokens held as numbers; `undefined`
 * when the timeout is reached, as jsdiff. `parts` (a global regular expression matching words,
 * whitespace runs and single other characters) replaces jsdiff's tokenizer regex.
 */
export function diffWordsAsNumbers(
  oldText: string,
  newText: string,
  options: { parts?: RegExp; timeout: number },
): ChangeObject<string>[] | undefined {
  const numbers = new Map<string, number>()
  const parts = options.parts ?? PART
  const before = tokens(oldText, numbers, parts)
  const after = tokens(newText, numbers, parts)
  numbers.clear()
  const components = diffSequences(before.ids, after.ids, options.timeout)
  if (!components) return undefined

  // jsdiff joins consecutive tokens by dropping the whitespace each shares with the one before,
  // which is the stretch of text from the first token's start to the last token's end.
  const changes: ChangeObject<string>[] = []
  let oldPos = 0
  let newPos = 0
  for (const { added, count, removed } of components) {
    const [side, from] = removed ? [before, oldPos] : [after, newPos]
    const text = removed ? oldText : newText
    const value = count === 0 ? '' : text.slice(side.starts[from]!, side.ends[from + count - 1]!)
    changes.push({ added, count, removed, value })
    if (removed) oldPos += count
    else {
      newPos += count
      if (!added) oldPos += count
    }
  }
  return wordDiff.postProcess(changes, {})
}
