/**
 * Runs every benchmark module and prints one table. Each module returns `BenchRow`s; a row's
 * `pass` compares `ratio` with its `goal`. The exit code is 1 when any goal is missed.
 */
import type { BenchRow } from './types.js'

import { runDiffBench } from './diff.js'
import { runReadPathBench } from './readPath.js'

/** Benchmark modules, in the order their rows are printed. Add new ones here. */
const BENCHES: Array<() => Promise<BenchRow[]>> = [runDiffBench, runReadPathBench]

function printTable(rows: BenchRow[]): void {
  const header = ['name', 'ours', 'peer', 'ratio', 'goal', 'pass', 'note']
  const cells = rows.map((row) => [row.name, row.ours, row.peer, row.ratio.toFixed(3), row.goal, row.pass ? 'yes' : 'NO', row.note ?? ''])
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)))
  const line = (values: string[]): string => values.map((v, i) => (i === values.length - 1 ? v : v.padEnd(widths[i]!))).join(' | ')
  console.log(line(header))
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'))
  for (const row of cells) console.log(line(row))
}

const rows: BenchRow[] = []
for (const run of BENCHES) rows.push(...(await run()))
printTable(rows)
if (rows.some((row) => !row.pass)) process.exitCode = 1
