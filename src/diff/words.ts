import { diffWords } from 'diff'

/**
 * Word level, the last step: compares two pieces of running text. This is the only module that
 * calls jsdiff's `diffWords`; its change objects are turned into our `TextPart`s right here.
 */
import type { InlineText } from '../types.js'
import type { DiffContext } from './context.js'
import type { TextChange, TextPart } from './types.js'

import { remainingMs } from './context.js'
import { isLatinSegmentable, LATIN_SEGMENT } from './segmenter.js'
import {
  countWords,
  editDistance,
  linkTargets,
  multisetDifference,
  normalizeWhitespace,
  sameApartFromWhitespace,
  stripPunctuation,
  words,
} from './text.js'
import { diffWordsAsNumbers } from './wordNumbers.js'

const WHITESPACE = /\s/u

function isWhitespace(text: string, index: number): boolean {
  return WHITESPACE.test(text.charAt(index))
}

/**
 * Length of the common prefix, cut back to just after a whitespace character so that no word is
 * split and both remainders start on a word boundary.
 */
function commonPrefixAtSpace(a: string, b: string): number {
  const max = Math.min(a.length, b.length)
  let p = 0
  while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++
  while (p > 0 && !isWhitespace(a, p - 1)) p--
  return p
}

/** Length of the common suffix after `prefix`, cut so that it starts with a whitespace character. */
function commonSuffixAtSpace(a: string, b: string, prefix: number): number {
  const max = Math.min(a.length, b.length) - prefix
  let s = 0
  while (s < max && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++
  while (s > 0 && !isWhitespace(a, a.length - s)) s--
  return s
}

function pushPart(parts: TextPart[], type: TextPart['type'], text: string): void {
  if (!text) return
  const last = parts[parts.length - 1]
  if (last && last.type === type) last.text += text
  else parts.push({ text, type })
}

type WordDiffResult =
  { parts: TextPart[] } | { rewrittenBecause: 'budget' | 'timeout' } | { whitespaceOnly: true }

/**
 * jsdiff `diffWords` with an `Intl.Segmenter` for the text's language and a `timeout`.
 *
 * The common prefix and suffix are split off first, on whitespace. Myers' algorithm would match
 * them anyway, but jsdiff segments the whole input and, while tidying whitespace, re-segments the
 * unchanged runs around every change; on a long paragraph with a one-word edit that is most of
 * the cost. The middle is what actually changed, so the whitespace-only check runs on it too.
 */
function wordParts(oldText: string, newText: string, ctx: DiffContext): WordDiffResult {
  const prefix = commonPrefixAtSpace(oldText, newText)
  const suffix = commonSuffixAtSpace(oldText, newText, prefix)
  const oldMiddle = oldText.slice(prefix, oldText.length - suffix)
  const newMiddle = newText.slice(prefix, newText.length - suffix)
  // Whitespace-only edits never reach jsdiff: diffWords ignores whitespace, so there is nothing to mark.
  if (sameApartFromWhitespace(oldMiddle, newMiddle)) return { whitespaceOnly: true }

  const left = remainingMs(ctx.budget)
  if (left <= 0) return { rewrittenBecause: 'budget' }
  const timeout = Math.min(ctx.perBlockTimeoutMs, left)
  const useSegmenter = oldMiddle.length + newMiddle.length <= ctx.maxSegmenterChars
  // jsdiff only calls `resolvedOptions()` and `segment()` on the segmenter, which `WordSegmenter` provides.
  const intlSegmenter = ctx.segmenter as unknown as Intl.Segmenter
  const changes = !useSegmenter
    ? diffWordsAsNumbers(oldMiddle, newMiddle, { timeout })
    : ctx.latinFastPath && isLatinSegmentable(oldMiddle) && isLatinSegmentable(newMiddle)
      ? diffWordsAsNumbers(oldMiddle, newMiddle, { parts: LATIN_SEGMENT, timeout })
      : diffWords(oldMiddle, newMiddle, { intlSegmenter, timeout })
  if (!changes) return { rewrittenBecause: timeout < ctx.perBlockTimeoutMs ? 'budget' : 'timeout' }

  const middle: TextPart[] = []
  for (const change of changes) {
    pushPart(middle, change.added ? 'insert' : change.removed ? 'delete' : 'equal', change.value)
  }
  const parts: TextPart[] = []
  pushPart(parts, 'equal', oldText.slice(0, prefix))
  for (const part of repairWhitespace(middle, oldMiddle, newMiddle))
    pushPart(parts, part.type, part.text)
  pushPart(parts, 'equal', newText.slice(newText.length - suffix))
  return { parts }
}

/** Whether the parts other than `skip` spell `text` (compared in place, without joining them). */
function readsAs(parts: TextPart[], skip: TextPart['type'], text: string): boolean {
  let at = 0
  for (const part of parts) {
    if (part.type === skip) continue
    if (!text.startsWith(part.text, at)) return false
    at += part.text.length
  }
  return at === text.length
}

/**
 * jsdiff keeps the new text's whitespace in equal parts, so a lone insertion can swallow the
 * space the old text needs ("forbedre, teste og" over "forbedre og" leaves the old side as
 * "forbedreog"). Where a lone insertion or deletion carries the only space at its join, move that
 * space into the neighbouring equal part, and keep the result only if both sides then read
 * exactly as the texts do.
 */
function repairWhitespace(parts: TextPart[], oldText: string, newText: string): TextPart[] {
  if (readsAs(parts, 'insert', oldText) && readsAs(parts, 'delete', newText)) return parts
  const fixed = parts.map((part) => ({ ...part }))
  for (let k = 0; k < fixed.length; k++) {
    const part = fixed[k]!
    if (part.type === 'equal') continue
    const before = fixed[k - 1]
    const after = fixed[k + 1]
    if ((before && before.type !== 'equal') || (after && after.type !== 'equal')) continue
    const endsBefore = !before || /\s$/u.test(before.text)
    const startsAfter = !after || /^\s/u.test(after.text)
    if (endsBefore || startsAfter) continue
    const trailing = /\s+$/u.exec(part.text)?.[0]
    const leading = /^\s+/u.exec(part.text)?.[0]
    if (trailing && after) {
      part.text = part.text.slice(0, -trailing.length)
      after.text = trailing + after.text
    } else if (leading && before) {
      part.text = part.text.slice(leading.length)
      before.text += leading
    }
  }
  const repaired = fixed.filter((part) => part.text !== '')
  return readsAs(repaired, 'insert', oldText) && readsAs(repaired, 'delete', newText)
    ? repaired
    : parts
}

/**
 * Runs of deleted and inserted text between equal parts. Equal parts are equal, so "only
 * punctuation changed" in the whole text is the same as "only punctuation changed" in every run.
 */
function changedRuns(parts: TextPart[]): Array<{ deleted: string; inserted: string }> {
  const runs: Array<{ deleted: string; inserted: string }> = []
  let run: { deleted: string; inserted: string } | null = null
  for (const part of parts) {
    if (part.type === 'equal') {
      run = null
      continue
    }
    if (!run) runs.push((run = { deleted: '', inserted: '' }))
    if (part.type === 'delete') run.deleted += part.text
    else run.inserted += part.text
  }
  return runs
}

/** `case`, `punctuation` (with or without case) or `null` when words changed. */
function editorialFlavour(
  parts: TextPart[],
): { caseChanged?: boolean; flavour: 'case' | 'punctuation' } | null {
  let caseOnly = true
  let caseChanged = false
  for (const { deleted, inserted } of changedRuns(parts)) {
    const a = normalizeWhitespace(deleted)
    const b = normalizeWhitespace(inserted)
    if (a === b) continue
    if (a.toLowerCase() === b.toLowerCase()) {
      caseChanged = true
      continue
    }
    caseOnly = false
    const strippedA = stripPunctuation(a)
    const strippedB = stripPunctuation(b)
    if (strippedA.toLowerCase() !== strippedB.toLowerCase()) return null
    if (strippedA !== strippedB) caseChanged = true
  }
  return caseOnly ? { flavour: 'case' } : { caseChanged, flavour: 'punctuation' }
}

/**
 * A typo fix: every run of deleted and inserted text swaps words one-for-one, each replacement is
 * at most one letter away (two for words of 8+ letters), and no number is involved. Short words
 * are excluded on purpose: `kan` → `kun` ("can" → "only") or `now` → `not` change the meaning.
 */
function isTypoFix(parts: TextPart[]): boolean {
  let fixes = 0
  let deleted: string[] = []
  let inserted: string[] = []
  const flush = (): boolean => {
    if (deleted.length !== inserted.length) return false
    for (let i = 0; i < deleted.length; i++) {
      const a = deleted[i]!.toLowerCase()
      const b = inserted[i]!.toLowerCase()
      if (a === b) continue
      if (/\p{N}/u.test(a) || /\p{N}/u.test(b)) return false
      if (Math.min(a.length, b.length) < 4) return false
      if (editDistance(a, b, 2) > (Math.max(a.length, b.length) >= 8 ? 2 : 1)) return false
      fixes++
    }
    deleted = []
    inserted = []
    return true
  }
  for (const part of parts) {
    if (part.type === 'equal') {
      if (!flush()) return false
    } else if (part.type === 'delete') deleted.push(...words(part.text))
    else inserted.push(...words(part.text))
  }
  return flush() && fixes > 0
}

function countChangedWords(parts: TextPart[]): { deletedWords: number; insertedWords: number } {
  let deletedWords = 0
  let insertedWords = 0
  for (const part of parts) {
    if (part.type === 'delete') deletedWords += countWords(part.text)
    else if (part.type === 'insert') insertedWords += countWords(part.text)
  }
  return { deletedWords, insertedWords }
}

/** Compares two plain texts and names the kind of change (see `ChangeFlavour`). */
export function compareText(oldText: string, newText: string, ctx: DiffContext): TextChange {
  if (oldText === newText) {
    return {
      deletedWords: 0,
      flavour: null,
      insertedWords: 0,
      newText,
      oldText,
      parts: oldText ? [{ text: newText, type: 'equal' }] : [],
    }
  }
  const result = wordParts(oldText, newText, ctx)
  if ('whitespaceOnly' in result) {
    return {
      deletedWords: 0,
      flavour: 'whitespace',
      insertedWords: 0,
      newText,
      oldText,
      parts: [{ text: newText, type: 'equal' }],
    }
  }
  if ('rewrittenBecause' in result) {
    ctx.rewritten++
    const parts: TextPart[] = []
    pushPart(parts, 'delete', oldText)
    pushPart(parts, 'insert', newText)
    return {
      deletedWords: countWords(oldText),
      flavour: 'rewritten',
      insertedWords: countWords(newText),
      newText,
      oldText,
      parts,
      rewrittenBecause: result.rewrittenBecause,
    }
  }

  const { parts } = result
  // jsdiff compares tokens ignoring their whitespace, so differences our whitespace check did not
  // normalize (zero-width spaces, say) can come back as no change at all.
  if (parts.every((part) => part.type === 'equal')) {
    return {
      deletedWords: 0,
      flavour: 'whitespace',
      insertedWords: 0,
      newText,
      oldText,
      parts: [{ text: newText, type: 'equal' }],
    }
  }
  const editorial = editorialFlavour(parts)
  return {
    ...countChangedWords(parts),
    ...(editorial?.caseChanged === undefined ? {} : { caseChanged: editorial.caseChanged }),
    flavour: editorial?.flavour ?? (isTypoFix(parts) ? 'typo' : 'words'),
    newText,
    oldText,
    parts,
  }
}

/**
 * Compares two inline texts (plain text plus html). Equal text with different html is a
 * `formatting` or `link` change; otherwise the plain texts are compared word by word.
 * `null` on one side means the text was added or removed.
 */
export function compareInline(
  oldInline: InlineText | null,
  newInline: InlineText | null,
  ctx: DiffContext,
): TextChange {
  if (!oldInline) {
    if (!newInline) throw new Error('compareInline needs at least one text, got null for both')
    const text = newInline.text
    return {
      deletedWords: 0,
      flavour: null,
      insertedWords: countWords(text),
      newText: text,
      oldText: null,
      parts: text ? [{ text, type: 'insert' }] : [],
    }
  }
  if (!newInline) {
    const text = oldInline.text
    return {
      deletedWords: countWords(text),
      flavour: null,
      insertedWords: 0,
      newText: null,
      oldText: text,
      parts: text ? [{ text, type: 'delete' }] : [],
    }
  }

  const change = compareText(oldInline.text, newInline.text, ctx)
  if (oldInline.html === newInline.html) return change

  const oldLinks = linkTargets(oldInline.html)
  const newLinks = linkTargets(newInline.html)
  const { onlyA: removed, onlyB: added } = multisetDifference(oldLinks, newLinks)
  if (removed.length > 0 || added.length > 0) change.links = { added, removed }
  if (change.flavour === null) change.flavour = change.links ? 'link' : 'formatting'
  return change
}
