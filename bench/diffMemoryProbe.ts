import { wordDiff } from 'diff'
/**
 * Peak JS-heap probe for the diff benchmark, run in a fresh process per measurement
 * (`node --expose-gc --import tsx bench/diffMemoryProbe.ts <case> <ours|tokenize>`), so one
 * measurement's heap cannot leak into the next.
 *
 * Peak heap is exact, not sampled: between two garbage collections the heap only grows, so the
 * highest point is either just before some collection or at the end. `v8.GCProfiler` records the
 * used heap before every collection. The figure includes garbage not yet collected, for both
 * variants alike. Prints one JSON line: `{ peakBytes, retainedBytes }` above the baseline.
 */
import { GCProfiler, getHeapStatistics } from 'node:v8'

import type { DiffBenchCase } from './diffData.js'

import { diffLocale } from '../src/diff/index.js'
import { benchCase, wholeText } from './diffData.js'

const [caseName, variant] = process.argv.slice(2) as [DiffBenchCase, 'ours' | 'tokenize']
const gc = (globalThis as { gc?: () => void }).gc
if (!gc) throw new Error('diffMemoryProbe needs node --expose-gc')

const { next, prev } = benchCase(caseName)
const texts = [wholeText(prev), wholeText(next)] as const

// "Just tokenizing both texts" is the first thing a whole-text diffWords does: jsdiff's tokenizer.
const op =
  variant === 'ours'
    ? (): unknown => diffLocale(prev, next, { locale: 'da' })
    : (): unknown => [wordDiff.tokenize(texts[0], {}), wordDiff.tokenize(texts[1], {})]

// Warm-up, so compiled code and lazily created ICU data are not counted as the operation's memory.
op()
gc()
gc()
const baseline = getHeapStatistics().used_heap_size
const profiler = new GCProfiler()
profiler.start()
const result = op()
const end = getHeapStatistics().used_heap_size
const { statistics } = profiler.stop()
let peak = end
for (const entry of statistics) peak = Math.max(peak, entry.beforeGC.heapStatistics.usedHeapSize)
gc()
const retained = getHeapStatistics().used_heap_size
// Keep the result alive until after the retained measurement.
if (result === undefined) throw new Error('no result')
process.stdout.write(
  `${JSON.stringify({ peakBytes: peak - baseline, retainedBytes: retained - baseline })}\n`,
)
