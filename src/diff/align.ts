/**
 * Structure level: aligns two sequences of entries (blocks of a section, items of a list).
 *
 * 1. Entries with identical text are aligned by Myers' algorithm, with a timeout (`diffSequences`,
 *    the steps of jsdiff's `diffArrays`).
 * 2. Identical entries left over on both sides were reordered: they are reported as moved, not
 *    as a removal plus an addition.
 * 3. In each remaining gap, different entries are paired when similar enough (by the caller's
 *    score), in order, maximizing total similarity; those get a word diff. A lone old entry and a
 *    lone new entry left between the same neighbours are paired if they share any word at all:
 *    sitting in the same place, they are one entry edited. The rest are added or removed, so a
 *    new bullet is one added item, not a rewritten neighbour.
 */
import type { DiffContext } from './context.js'

import { remainingMs } from './context.js'
import { diffSequences } from './myers.js'

/** One step of an alignment. Indices point into the caller's old and new arrays. */
export type AlignOp =
  | { newIndex: number; oldIndex: number; type: 'equal' | 'moved' | 'paired' }
  | { newIndex: number; type: 'added' }
  | { oldIndex: number; type: 'removed' }

type Gap = { newEnd: number; newStart: number; oldEnd: number; oldStart: number }
type Segment =
  { count: number; newStart: number; oldStart: number; type: 'equal' } | ({ type: 'gap' } & Gap)

function segmentsFromDiff(
  oldSigs: readonly number[],
  newSigs: readonly number[],
  ctx: DiffContext,
): Segment[] {
  const timeout = Math.min(ctx.perBlockTimeoutMs, remainingMs(ctx.budget))
  const changes = timeout > 0 ? diffSequences(oldSigs, newSigs, timeout) : undefined
  if (!changes) {
    // Out of time: keep the common head and tail, treat the middle as one gap.
    let head = 0
    while (head < oldSigs.length && head < newSigs.length && oldSigs[head] === newSigs[head]) head++
    let tail = 0
    while (
      tail < oldSigs.length - head &&
      tail < newSigs.length - head &&
      oldSigs[oldSigs.length - 1 - tail] === newSigs[newSigs.length - 1 - tail]
    ) {
      tail++
    }
    const segments: Segment[] = []
    if (head) segments.push({ count: head, newStart: 0, oldStart: 0, type: 'equal' })
    segments.push({
      newEnd: newSigs.length - tail,
      newStart: head,
      oldEnd: oldSigs.length - tail,
      oldStart: head,
      type: 'gap',
    })
    if (tail)
      segments.push({
        count: tail,
        newStart: newSigs.length - tail,
        oldStart: oldSigs.length - tail,
        type: 'equal',
      })
    return segments
  }

  const segments: Segment[] = []
  let oldPos = 0
  let newPos = 0
  let gap: Gap | null = null
  for (const change of changes) {
    if (change.added || change.removed) {
      gap ??= { newEnd: newPos, newStart: newPos, oldEnd: oldPos, oldStart: oldPos }
      if (change.added) newPos += change.count
      else oldPos += change.count
      gap.newEnd = newPos
      gap.oldEnd = oldPos
    } else {
      if (gap) segments.push({ ...gap, type: 'gap' })
      gap = null
      segments.push({ count: change.count, newStart: newPos, oldStart: oldPos, type: 'equal' })
      oldPos += change.count
      newPos += change.count
    }
  }
  if (gap) segments.push({ ...gap, type: 'gap' })
  return segments
}

/**
 * Pairs entries of one gap in order, maximizing the sum of scores at or above `minScore` (a
 * weighted LCS). `score` returns 0 for entries that must never be paired. Returns
 * `[oldIndex, newIndex]` pairs in order.
 */
function pairInGap(
  olds: number[],
  news: number[],
  score: (oldIndex: number, newIndex: number) => number,
  minScore: number,
): Array<[number, number]> {
  const m = olds.length
  const n = news.length
  const width = n + 1
  // Row-major (m + 1) × (n + 1) table and m × n scores; every index used is in range, hence the `!`s.
  const best = new Float64Array((m + 1) * width)
  const scores = new Float64Array(m * n)
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const raw = score(olds[i - 1]!, news[j - 1]!)
      scores[(i - 1) * n + (j - 1)] = raw
      const s = raw >= minScore ? raw : 0
      const skip = Math.max(best[(i - 1) * width + j]!, best[i * width + j - 1]!)
      best[i * width + j] = s > 0 ? Math.max(skip, best[(i - 1) * width + j - 1]! + s) : skip
    }
  }
  // Positions (into `olds` and `news`) of the pairs, last first.
  const positions: Array<[number, number]> = []
  let i = m
  let j = n
  while (i > 0 && j > 0) {
    const here = best[i * width + j]!
    if (here === best[(i - 1) * width + j]!) i--
    else if (here === best[i * width + j - 1]!) j--
    else {
      positions.push([i - 1, j - 1])
      i--
      j--
    }
  }
  positions.reverse()

  // Lone leftovers between the same two anchors: pair them if they have anything in common.
  const pairs: Array<[number, number]> = []
  let oldFrom = 0
  let newFrom = 0
  for (let k = 0; k <= positions.length; k++) {
    const [oldTo, newTo] = positions[k] ?? [m, n]
    if (oldTo - oldFrom === 1 && newTo - newFrom === 1 && scores[oldFrom * n + newFrom]! > 0) {
      pairs.push([olds[oldFrom]!, news[newFrom]!])
    }
    if (k < positions.length) pairs.push([olds[oldTo]!, news[newTo]!])
    oldFrom = oldTo + 1
    newFrom = newTo + 1
  }
  return pairs
}

/**
 * Aligns `oldSigs` with `newSigs` (one signature number per entry: equal signatures mean equal
 * entries). `score(oldIndex, newIndex)` rates how alike two different entries are: 0 = never
 * pair, below `ctx.minPairSimilarity` = pair only as lone leftovers in the same place.
 * `related(oldIndex, newIndex)` must equal `score(oldIndex, newIndex) > 0`; callers pass a
 * cheaper test when they have one, because a gap of one old and one new entry only needs that.
 * The ops come in new-document order, with removed entries where they used to be.
 */
export function align(
  oldSigs: readonly number[],
  newSigs: readonly number[],
  score: (oldIndex: number, newIndex: number) => number,
  ctx: DiffContext,
  related: (oldIndex: number, newIndex: number) => boolean = (i, j) => score(i, j) > 0,
): AlignOp[] {
  const ops: AlignOp[] = []
  if (oldSigs.length === newSigs.length && oldSigs.every((sig, i) => sig === newSigs[i])) {
    for (let i = 0; i < oldSigs.length; i++) ops.push({ newIndex: i, oldIndex: i, type: 'equal' })
    return ops
  }

  const segments = segmentsFromDiff(oldSigs, newSigs, ctx)

  // Reordered entries: the same signature removed in one place and added in another.
  const removedBySig = new Map<number, number[]>()
  for (const segment of segments) {
    if (segment.type !== 'gap') continue
    for (let i = segment.oldStart; i < segment.oldEnd; i++) {
      const sig = oldSigs[i]!
      const queue = removedBySig.get(sig)
      if (queue) queue.push(i)
      else removedBySig.set(sig, [i])
    }
  }
  const movedFrom = new Map<number, number>()
  const movedOut = new Set<number>()
  for (const segment of segments) {
    if (segment.type !== 'gap') continue
    for (let j = segment.newStart; j < segment.newEnd; j++) {
      const oldIndex = removedBySig.get(newSigs[j]!)?.shift()
      if (oldIndex !== undefined) {
        movedFrom.set(j, oldIndex)
        movedOut.add(oldIndex)
      }
    }
  }

  for (const segment of segments) {
    if (segment.type === 'equal') {
      for (let k = 0; k < segment.count; k++) {
        ops.push({ newIndex: segment.newStart + k, oldIndex: segment.oldStart + k, type: 'equal' })
      }
      continue
    }
    const olds: number[] = []
    for (let i = segment.oldStart; i < segment.oldEnd; i++) if (!movedOut.has(i)) olds.push(i)
    const news: number[] = []
    for (let j = segment.newStart; j < segment.newEnd; j++) if (!movedFrom.has(j)) news.push(j)
    let pairs: Array<[number, number]> = []
    if (olds.length === 1 && news.length === 1) {
      // One entry replacing one is that entry edited when they have anything in common: what
      // `pairInGap` concludes too, whatever the score (a pair, or the lone leftovers).
      if (related(olds[0]!, news[0]!)) pairs = [[olds[0]!, news[0]!]]
    } else if (
      olds.length > 0 &&
      news.length > 0 &&
      olds.length * news.length <= ctx.maxPairCandidates &&
      remainingMs(ctx.budget) > 0
    ) {
      pairs = pairInGap(olds, news, score, ctx.minPairSimilarity)
    }
    const pairedWith = new Map<number, number>()
    for (const [i, j] of pairs) pairedWith.set(j, i)

    // Walk the new side in order; flush removed old entries just before the next pair, so
    // removals appear where they were and before the additions that replace them.
    let oldCursor = 0
    let nextPair = 0
    const flushRemovedBefore = (limit: number): void => {
      while (oldCursor < olds.length && olds[oldCursor]! < limit) {
        ops.push({ oldIndex: olds[oldCursor]!, type: 'removed' })
        oldCursor++
      }
    }
    for (let j = segment.newStart; j < segment.newEnd; j++) {
      const moved = movedFrom.get(j)
      if (moved !== undefined) {
        ops.push({ newIndex: j, oldIndex: moved, type: 'moved' })
        continue
      }
      const paired = pairedWith.get(j)
      if (paired !== undefined) {
        flushRemovedBefore(paired)
        oldCursor++ // the paired entry itself
        nextPair++
        ops.push({ newIndex: j, oldIndex: paired, type: 'paired' })
      } else {
        flushRemovedBefore(pairs[nextPair]?.[0] ?? Infinity)
        ops.push({ newIndex: j, type: 'added' })
      }
    }
    flushRemovedBefore(Infinity)
  }
  return ops
}
