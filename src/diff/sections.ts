/**
 * Section level, the first step: sections are matched by their stable key, never by position or
 * heading, so a reordered or renamed section is reported as moved or renamed instead of as one
 * section removed and another added.
 */
import type { LocaleCode, LocaleSnapshot, ReleaseSnapshot, SectionSnapshot } from '../types.js'
import type { Budget, DiffContext } from './context.js'
import type {
  DiffOptions,
  DiffStats,
  LocaleDiff,
  SectionChange,
  SnapshotDiff,
  TextChange,
} from './types.js'

import { blocksEqual, diffBlocks, unchangedBlocks } from './blocks.js'
import { createContext, remainingMs, resolveOptions, startBudget } from './context.js'
import { compareInline, compareText } from './words.js'

function indexByKey(sections: SectionSnapshot[], side: string): Map<string, number> {
  const byKey = new Map<string, number>()
  sections.forEach((section, i) => {
    if (typeof section.key !== 'string' || section.key === '') {
      throw new Error(
        `Section ${i} of the ${side} snapshot has no key; every section needs a stable key`,
      )
    }
    if (byKey.has(section.key))
      throw new Error(`Duplicate section key "${section.key}" in the ${side} snapshot`)
    byKey.set(section.key, i)
  })
  return byKey
}

/**
 * Keys of kept sections whose relative order changed: those outside the longest run that kept its
 * order. Kept keys are a permutation, so that run is the longest increasing subsequence of their
 * old positions in new order (O(n log n), no budget needed). Moving one section reports that
 * one, not every section it passed.
 */
function movedKeys(oldOrder: string[], newOrder: string[]): Set<string> {
  const oldPosition = new Map(oldOrder.map((key, i) => [key, i]))
  // Both lists hold the same kept keys, so every lookup succeeds.
  const positions = newOrder.map((key) => oldPosition.get(key)!)
  // Patience sorting: tails[k] = index (into positions) ending the best increasing run of length k + 1.
  const tails: number[] = []
  const previous = new Array<number>(positions.length).fill(-1)
  positions.forEach((value, i) => {
    let lo = 0
    let hi = tails.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (positions[tails[mid]!]! < value) lo = mid + 1
      else hi = mid
    }
    if (lo > 0) previous[i] = tails[lo - 1]!
    tails[lo] = i
  })
  const inOrder = new Set<number>()
  for (let i = tails[tails.length - 1] ?? -1; i >= 0; i = previous[i]!) inOrder.add(i)
  return new Set(newOrder.filter((_, i) => !inOrder.has(i)))
}

function sectionWords(change: Pick<SectionChange, 'blocks' | 'heading'>): {
  deletedWords: number
  insertedWords: number
} {
  let deletedWords = change.heading.deletedWords
  let insertedWords = change.heading.insertedWords
  const add = (text: TextChange): void => {
    deletedWords += text.deletedWords
    insertedWords += text.insertedWords
  }
  for (const block of change.blocks) {
    if (block.blockType === 'paragraph') add(block.text)
    else for (const item of block.items) add(item.text)
  }
  return { deletedWords, insertedWords }
}

function headingText(heading: string): { html: string; text: string } {
  return { html: heading, text: heading }
}

function addedOrRemovedSection(
  section: SectionSnapshot,
  index: number,
  side: 'added' | 'removed',
  ctx: DiffContext,
): SectionChange {
  const empty: SectionSnapshot['blocks'] = []
  const blocks =
    side === 'added'
      ? diffBlocks(empty, section.blocks, ctx)
      : diffBlocks(section.blocks, empty, ctx)
  const heading =
    side === 'added'
      ? compareInline(null, headingText(section.heading), ctx)
      : compareInline(headingText(section.heading), null, ctx)
  return {
    blocks,
    bodyChanged: blocks.length > 0,
    heading,
    key: section.key,
    kind: section.kind,
    moved: false,
    newIndex: side === 'added' ? index : null,
    oldIndex: side === 'removed' ? index : null,
    oldKind: side === 'removed' ? section.kind : null,
    renamed: false,
    type: side,
    ...sectionWords({ blocks, heading }),
  }
}

function keptSection(
  oldSection: SectionSnapshot,
  newSection: SectionSnapshot,
  oldIndex: number,
  newIndex: number,
  moved: boolean,
  ctx: DiffContext,
): SectionChange {
  const heading = compareText(oldSection.heading, newSection.heading, ctx)
  // Most sections of a new release are untouched: skip alignment for them entirely.
  const blocks = blocksEqual(oldSection.blocks, newSection.blocks)
    ? unchangedBlocks(newSection.blocks, ctx)
    : diffBlocks(oldSection.blocks, newSection.blocks, ctx)
  const bodyChanged = blocks.some((block) => block.type !== 'unchanged')
  const renamed = heading.flavour !== null
  return {
    blocks,
    bodyChanged,
    heading,
    key: newSection.key,
    kind: newSection.kind,
    moved,
    newIndex,
    oldIndex,
    oldKind: oldSection.kind,
    renamed,
    type: bodyChanged ? 'changed' : renamed ? 'renamed' : moved ? 'moved' : 'unchanged',
    ...sectionWords({ blocks, heading }),
  }
}

function emptyStats(): DiffStats {
  return {
    deletedWords: 0,
    insertedWords: 0,
    rewrittenTexts: 0,
    sectionsAdded: 0,
    sectionsChanged: 0,
    sectionsMoved: 0,
    sectionsRemoved: 0,
    sectionsRenamed: 0,
    sectionsUnchanged: 0,
  }
}

/** `diffLocale` with a context built by the caller (internal: `diffSnapshots` and the tests use it). */
export function diffLocaleIn(
  prev: LocaleSnapshot | null,
  next: LocaleSnapshot | null,
  ctx: DiffContext,
): LocaleDiff {
  const started = performance.now()
  const oldSections = prev?.sections ?? []
  const newSections = next?.sections ?? []
  const oldByKey = indexByKey(oldSections, 'previous')
  const newByKey = indexByKey(newSections, 'next')

  const oldKept = oldSections.filter((s) => newByKey.has(s.key)).map((s) => s.key)
  const newKept = newSections.filter((s) => oldByKey.has(s.key)).map((s) => s.key)
  const moved = movedKeys(oldKept, newKept)

  // A removed section is shown right after the nearest kept section that preceded it.
  const removedAfter = new Map<string | null, number[]>()
  let anchor: string | null = null
  oldSections.forEach((section, i) => {
    if (newByKey.has(section.key)) {
      anchor = section.key
      return
    }
    const list = removedAfter.get(anchor)
    if (list) list.push(i)
    else removedAfter.set(anchor, [i])
  })

  const sections: SectionChange[] = []
  const emitRemoved = (after: string | null): void => {
    for (const i of removedAfter.get(after) ?? [])
      sections.push(addedOrRemovedSection(oldSections[i]!, i, 'removed', ctx))
  }
  emitRemoved(null)
  newSections.forEach((section, j) => {
    const i = oldByKey.get(section.key)
    if (i === undefined) sections.push(addedOrRemovedSection(section, j, 'added', ctx))
    else {
      sections.push(keptSection(oldSections[i]!, section, i, j, moved.has(section.key), ctx))
      emitRemoved(section.key)
    }
  })

  const title =
    prev && next
      ? compareText(prev.title, next.title, ctx)
      : prev || next
        ? compareInline(
            prev ? headingText(prev.title) : null,
            next ? headingText(next.title) : null,
            ctx,
          )
        : compareText('', '', ctx)

  const stats = emptyStats()
  for (const section of sections) {
    stats.insertedWords += section.insertedWords
    stats.deletedWords += section.deletedWords
    if (section.type === 'added') stats.sectionsAdded++
    else if (section.type === 'removed') stats.sectionsRemoved++
    else {
      if (section.bodyChanged) stats.sectionsChanged++
      if (section.renamed) stats.sectionsRenamed++
      if (section.moved) stats.sectionsMoved++
      if (section.type === 'unchanged') stats.sectionsUnchanged++
    }
  }
  stats.rewrittenTexts = ctx.rewritten

  return {
    complete: ctx.rewritten === 0,
    elapsedMs: performance.now() - started,
    locale: ctx.locale,
    sections,
    stats,
    title,
  }
}

/**
 * Diffs one locale of two releases. `prev` is `null` for a first release (everything added).
 * `options.locale` is the content's language: it drives word splitting and is the default
 * language of summaries and reasons, so it is required.
 */
export function diffLocale(
  prev: LocaleSnapshot | null,
  next: LocaleSnapshot | null,
  options: DiffOptions & { locale: LocaleCode },
): LocaleDiff {
  const resolved = resolveOptions(options)
  return diffLocaleIn(
    prev,
    next,
    createContext(options.locale, resolved, startBudget(resolved.timeoutMs)),
  )
}

/**
 * Diffs two releases locale by locale, within one time budget for the whole call. Each locale
 * gets an equal share of what is left when its turn comes, so a slow first locale cannot starve
 * the others. `prev` is `null` for a first release.
 */
export function diffSnapshots(
  prev: ReleaseSnapshot | null,
  next: ReleaseSnapshot,
  options: DiffOptions = {},
): SnapshotDiff {
  const started = performance.now()
  const resolved = resolveOptions(options)
  const overall: Budget = startBudget(resolved.timeoutMs)
  const present = [...new Set([...Object.keys(next), ...Object.keys(prev ?? {})])]
  const locales: LocaleCode[] = options.locales
    ? present.filter((l) => options.locales!.includes(l))
    : present

  const result: Record<LocaleCode, LocaleDiff> = {}
  locales.forEach((locale, k) => {
    const share = remainingMs(overall) / (locales.length - k)
    const ctx = createContext(locale, resolved, startBudget(share))
    result[locale] = diffLocaleIn(prev?.[locale] ?? null, next[locale] ?? null, ctx)
  })
  return { elapsedMs: performance.now() - started, locales: result }
}
