/**
 * jsdiff's Myers algorithm (`diffArrays`) on sequences of numbers, step for step, without its
 * per-step objects.
 *
 * jsdiff allocates a path object and a change object for every step it takes. On two long,
 * unrelated texts it takes millions of steps before its timeout, and that garbage (plus what
 * survives it) sets the diff's peak heap. Here the paths live in typed arrays indexed by
 * diagonal, a path's changes are a run still being extended plus a chain of finished runs in a
 * typed-array pool, and runs no live path reaches any more are compacted away between edit
 * lengths. Every choice (which path to extend, where to stop, when to prune a diagonal) is
 * jsdiff's, so the changes are the same; `test/unit/diffLatin.test.ts` compares the two.
 */

/** One run of a diff: `count` equal, added or removed entries, as in jsdiff's change objects. */
export type SequenceChange = { added: boolean; count: number; removed: boolean }

// The path table's first cell holds old position + 2, so its zero fill means "no path".
const NONE = 0
const SHIFT = 2
const KEEP = 1
const ADD = 2
const REMOVE = 3

// A finished run takes three cells of the pool: type, count, index of the run before it (-1: none).
const RUN = 3
// A path takes four cells of the path table: old position + SHIFT (NONE: no path), index of its last
// finished run, type and length of the run it is extending.
const PATH = 4

/**
 * The search state. Kept in one object with methods, not closures, so a call allocates a handful
 * of objects however many steps it takes.
 */
class Search {
  readonly paths: Int32Array
  runs: Int32Array
  runCount = 0
  // The path being built, copied into its slot once extended.
  old = 0
  head = -1
  runType = 0
  runLength = 0

  constructor(
    readonly before: ArrayLike<number>,
    readonly after: ArrayLike<number>,
    readonly slots: number,
  ) {
    this.paths = new Int32Array(slots * PATH)
    // Small texts with few changes need few runs; long ones grow the pool.
    this.runs = new Int32Array(RUN * Math.min(64 + before.length + after.length, 1 << 16))
  }

  private finishRun(): void {
    if (this.runLength === 0) return
    const at = this.runCount++ * RUN
    this.runs[at] = this.runType
    this.runs[at + 1] = this.runLength
    this.runs[at + 2] = this.head
    this.head = at / RUN
  }

  /** jsdiff's `addToPath`: one more entry added or removed. */
  extend(type: number): void {
    if (this.runLength > 0 && this.runType === type) this.runLength++
    else {
      this.finishRun()
      this.runType = type
      this.runLength = 1
    }
  }

  /** jsdiff's `extractCommon`: follows equal entries along `diagonal`; returns the new position. */
  followCommon(diagonal: number): number {
    const { after, before } = this
    let oldPos = this.old
    let newPos = oldPos - diagonal
    let common = 0
    while (
      newPos + 1 < after.length &&
      oldPos + 1 < before.length &&
      before[oldPos + 1] === after[newPos + 1]
    ) {
      newPos++
      oldPos++
      common++
    }
    if (common > 0) {
      this.finishRun()
      this.runType = KEEP
      this.runLength = common
    }
    this.old = oldPos
    return newPos
  }

  load(slot: number): void {
    const at = slot * PATH
    this.old = this.paths[at]! - SHIFT
    this.head = this.paths[at + 1]!
    this.runType = this.paths[at + 2]!
    this.runLength = this.paths[at + 3]!
  }

  store(slot: number): void {
    const at = slot * PATH
    this.paths[at] = this.old + SHIFT
    this.paths[at + 1] = this.head
    this.paths[at + 2] = this.runType
    this.paths[at + 3] = this.runLength
  }

  /**
   * Makes room for `needed` more runs: keeps only the runs a live path still reaches (renumbered
   * in order, so a run's predecessor still comes first), and grows the pool if that is not enough.
   */
  reserve(needed: number): void {
    if ((this.runCount + needed) * RUN <= this.runs.length) return
    const { paths, runs } = this
    const renumber = new Int32Array(this.runCount).fill(-1)
    for (let at = 0; at < paths.length; at += PATH) {
      if (paths[at] === NONE) continue
      for (let run = paths[at + 1]!; run >= 0 && renumber[run] === -1; run = runs[run * RUN + 2]!)
        renumber[run] = -2
    }
    let kept = 0
    for (let run = 0; run < this.runCount; run++) {
      if (renumber[run] === -1) continue
      renumber[run] = kept
      const prev = runs[run * RUN + 2]!
      runs[kept * RUN] = runs[run * RUN]!
      runs[kept * RUN + 1] = runs[run * RUN + 1]!
      runs[kept * RUN + 2] = prev >= 0 ? renumber[prev]! : prev
      kept++
    }
    for (let at = 0; at < paths.length; at += PATH) {
      if (paths[at] !== NONE && paths[at + 1]! >= 0) paths[at + 1] = renumber[paths[at + 1]!]!
    }
    this.runCount = kept
    if ((kept + needed) * RUN > runs.length / 2) {
      const grown = new Int32Array(Math.max(runs.length * 2, (kept + needed) * RUN * 2))
      grown.set(runs.subarray(0, kept * RUN))
      this.runs = grown
    }
  }

  /** The current path's runs, first to last. */
  changes(): SequenceChange[] {
    const out: SequenceChange[] = []
    if (this.runLength > 0)
      out.push({
        added: this.runType === ADD,
        count: this.runLength,
        removed: this.runType === REMOVE,
      })
    for (let run = this.head; run >= 0; run = this.runs[run * RUN + 2]!) {
      const type = this.runs[run * RUN]!
      out.push({ added: type === ADD, count: this.runs[run * RUN + 1]!, removed: type === REMOVE })
    }
    return out.reverse()
  }
}

/**
 * The changes that turn `before` into `after`, exactly as jsdiff's
 * `diffArrays(before, after, { timeout: timeoutMs })` counts them, or `undefined` when the
 * timeout is reached first.
 */
export function diffSequences(
  before: ArrayLike<number>,
  after: ArrayLike<number>,
  timeoutMs: number,
): SequenceChange[] | undefined {
  const oldLen = before.length
  const newLen = after.length
  // A path per diagonal (old position minus new position), as jsdiff's `bestPath`; diagonals run
  // from -newLen - 1 to oldLen + 1.
  const offset = newLen + 1
  const slots = oldLen + newLen + 3
  const search = new Search(before, after, slots)
  const { paths } = search

  const abortAfter = Date.now() + timeoutMs
  search.old = -1
  let newPos = search.followCommon(0)
  if (search.old + 1 >= oldLen && newPos + 1 >= newLen) return search.changes()
  search.store(offset)

  let minDiagonal = -Infinity
  let maxDiagonal = Infinity
  const maxEditLength = oldLen + newLen
  for (let editLength = 1; editLength <= maxEditLength && Date.now() <= abortAfter; editLength++) {
    // Each step below finishes at most two runs.
    search.reserve(2 * (editLength + 1))
    const last = Math.min(maxDiagonal, editLength)
    for (let diagonal = Math.max(minDiagonal, -editLength); diagonal <= last; diagonal += 2) {
      const removeSlot = diagonal - 1 + offset
      const addSlot = diagonal + 1 + offset
      const hasRemove = removeSlot >= 0 && paths[removeSlot * PATH] !== NONE
      const hasAdd = addSlot < slots && paths[addSlot * PATH] !== NONE
      const removeOld = hasRemove ? paths[removeSlot * PATH]! - SHIFT : 0
      const addOld = hasAdd ? paths[addSlot * PATH]! - SHIFT : 0
      // jsdiff drops the remove path here: nobody else will use it.
      if (hasRemove) paths[removeSlot * PATH] = NONE
      const canAdd = hasAdd && addOld - diagonal >= 0 && addOld - diagonal < newLen
      const canRemove = hasRemove && removeOld + 1 < oldLen
      const slot = diagonal + offset
      if (!canAdd && !canRemove) {
        if (slot >= 0 && slot < slots) paths[slot * PATH] = NONE
        continue
      }
      // Extend whichever path got further in the old sequence, as jsdiff does.
      if (!canRemove || (canAdd && removeOld < addOld)) {
        search.load(addSlot)
        search.extend(ADD)
      } else {
        search.load(removeSlot)
        search.old = removeOld + 1
        search.extend(REMOVE)
      }
      newPos = search.followCommon(diagonal)
      if (search.old + 1 >= oldLen && newPos + 1 >= newLen) return search.changes()
      search.store(slot)
      if (search.old + 1 >= oldLen) maxDiagonal = Math.min(maxDiagonal, diagonal - 1)
      if (newPos + 1 >= newLen) minDiagonal = Math.max(minDiagonal, diagonal + 1)
    }
  }
  return undefined
}
