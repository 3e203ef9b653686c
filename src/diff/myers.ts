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

const NONE = -3
const KEEP = 1
const ADD = 2
const REMOVE = 3

/** Finished runs, each pointing at the run before it; compacted when full. */
class RunPool {
  count: Int32Array
  prev: Int32Array
  type: Uint8Array
  size = 0

  constructor(capacity: number) {
    this.count = new Int32Array(capacity)
    this.prev = new Int32Array(capacity)
    this.type = new Uint8Array(capacity)
  }

  add(type: number, count: number, prev: number): number {
    const id = this.size++
    this.type[id] = type
    this.count[id] = count
    this.prev[id] = prev
    return id
  }

  /**
   * Makes room for `needed` more runs: keeps only the runs reachable from `heads` (renumbered in
   * order, so a run's predecessor still comes first) and grows the arrays if that is not enough.
   */
  reserve(needed: number, heads: Int32Array, live: (slot: number) => boolean): void {
    if (this.size + needed <= this.count.length) return
    const renumber = new Int32Array(this.size).fill(-1)
    for (let slot = 0; slot < heads.length; slot++) {
      if (!live(slot)) continue
      for (let run = heads[slot]!; run >= 0 && renumber[run] === -1; run = this.prev[run]!) renumber[run] = -2
    }
    let kept = 0
    for (let run = 0; run < this.size; run++) {
      if (renumber[run] === -1) continue
      renumber[run] = kept
      this.type[kept] = this.type[run]!
      this.count[kept] = this.count[run]!
      const prev = this.prev[run]!
      this.prev[kept] = prev >= 0 ? renumber[prev]! : prev
      kept++
    }
    for (let slot = 0; slot < heads.length; slot++) if (live(slot) && heads[slot]! >= 0) heads[slot] = renumber[heads[slot]!]!
    this.size = kept
    if (kept + needed > this.count.length / 2) {
      const capacity = Math.max(this.count.length * 2, kept + needed)
      const grow = <T extends Int32Array | Uint8Array>(from: T, to: T): T => (to.set(from.subarray(0, kept)), to)
      this.count = grow(this.count, new Int32Array(capacity))
      this.prev = grow(this.prev, new Int32Array(capacity))
      this.type = grow(this.type, new Uint8Array(capacity))
    }
  }
}

/**
 * The changes that turn `before` into `after`, exactly as jsdiff's
 * `diffArrays(before, after, { timeout: timeoutMs })` counts them, or `undefined` when the
 * timeout is reached first.
 */
export function diffSequences(before: ArrayLike<number>, after: ArrayLike<number>, timeoutMs: number): SequenceChange[] | undefined {
  const oldLen = before.length
  const newLen = after.length
  // Small texts with few changes never need more runs than entries; long ones grow the pool.
  const pool = new RunPool(Math.min(64 + 2 * (oldLen + newLen), 1 << 16))
  // A path per diagonal (old position minus new position), as jsdiff's `bestPath`: how far it got
  // in the old sequence, its finished runs and the run it is extending.
  const offset = newLen + 1
  const slots = oldLen + newLen + 3
  const pathOld = new Int32Array(slots).fill(NONE)
  const pathHead = new Int32Array(slots).fill(-1)
  const pathRunType = new Uint8Array(slots)
  const pathRunCount = new Int32Array(slots)

  // The path being built, copied into its slot once extended.
  let curOld = 0
  let curHead = -1
  let curRunType = 0
  let curRunCount = 0

  const extend = (type: number): void => {
    if (curRunCount > 0 && curRunType === type) curRunCount++
    else {
      if (curRunCount > 0) curHead = pool.add(curRunType, curRunCount, curHead)
      curRunType = type
      curRunCount = 1
    }
  }
  /** jsdiff's `extractCommon`: follows equal entries along `diagonal`; returns the new position. */
  const followCommon = (diagonal: number): number => {
    let oldPos = curOld
    let newPos = oldPos - diagonal
    let common = 0
    while (newPos + 1 < newLen && oldPos + 1 < oldLen && before[oldPos + 1] === after[newPos + 1]) {
      newPos++
      oldPos++
      common++
    }
    if (common > 0) {
      if (curRunCount > 0) curHead = pool.add(curRunType, curRunCount, curHead)
      curRunType = KEEP
      curRunCount = common
    }
    curOld = oldPos
    return newPos
  }
  const changes = (): SequenceChange[] => {
    const out: SequenceChange[] = []
    if (curRunCount > 0) out.push({ added: curRunType === ADD, count: curRunCount, removed: curRunType === REMOVE })
    for (let run = curHead; run >= 0; run = pool.prev[run]!) {
      const type = pool.type[run]!
      out.push({ added: type === ADD, count: pool.count[run]!, removed: type === REMOVE })
    }
    return out.reverse()
  }

  const abortAfter = Date.now() + timeoutMs
  curOld = -1
  let newPos = followCommon(0)
  if (curOld + 1 >= oldLen && newPos + 1 >= newLen) return changes()
  pathOld[offset] = curOld
  pathHead[offset] = curHead
  pathRunType[offset] = curRunType
  pathRunCount[offset] = curRunCount

  const live = (slot: number): boolean => pathOld[slot] !== NONE
  let minDiagonal = -Infinity
  let maxDiagonal = Infinity
  const maxEditLength = oldLen + newLen
  for (let editLength = 1; editLength <= maxEditLength && Date.now() <= abortAfter; editLength++) {
    // Each step below adds at most two finished runs.
    pool.reserve(2 * (editLength + 1), pathHead, live)
    const last = Math.min(maxDiagonal, editLength)
    for (let diagonal = Math.max(minDiagonal, -editLength); diagonal <= last; diagonal += 2) {
      const removeSlot = diagonal - 1 + offset
      const addSlot = diagonal + 1 + offset
      const removeOld = removeSlot >= 0 ? pathOld[removeSlot]! : NONE
      const addOld = addSlot < slots ? pathOld[addSlot]! : NONE
      // jsdiff drops the remove path here: nobody else will use it.
      if (removeOld !== NONE) pathOld[removeSlot] = NONE
      const canAdd = addOld !== NONE && addOld - diagonal >= 0 && addOld - diagonal < newLen
      const canRemove = removeOld !== NONE && removeOld + 1 < oldLen
      const slot = diagonal + offset
      if (!canAdd && !canRemove) {
        pathOld[slot] = NONE
        continue
      }
      // Extend whichever path got further in the old sequence, as jsdiff does.
      if (!canRemove || (canAdd && removeOld < addOld)) {
        curOld = addOld
        curHead = pathHead[addSlot]!
        curRunType = pathRunType[addSlot]!
        curRunCount = pathRunCount[addSlot]!
        extend(ADD)
      } else {
        curOld = removeOld + 1
        curHead = pathHead[removeSlot]!
        curRunType = pathRunType[removeSlot]!
        curRunCount = pathRunCount[removeSlot]!
        extend(REMOVE)
      }
      newPos = followCommon(diagonal)
      if (curOld + 1 >= oldLen && newPos + 1 >= newLen) return changes()
      pathOld[slot] = curOld
      pathHead[slot] = curHead
      pathRunType[slot] = curRunType
      pathRunCount[slot] = curRunCount
      if (curOld + 1 >= oldLen) maxDiagonal = Math.min(maxDiagonal, diagonal - 1)
      if (newPos + 1 >= newLen) minDiagonal = Math.max(minDiagonal, diagonal + 1)
    }
  }
  return undefined
}
