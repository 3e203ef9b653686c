/**
 * Runs every benchmark module and prints one table. Each module returns `BenchRow`s; a row's
 * `pass` compares `ratio` with its `goal`. The exit code is 1 when any goal is missed.
 */
import type { BenchRow } from './types.js'

import { runClassifierBench } from './classifier.js'
import { runDiffBench } from './diff.js'
import { runNoticesBench } from './notices.js'
import { runReadPathBench } from './readPath.js'

/** Benchmark modules by name, in the order their rows are printed. Add new ones here. */
const BENCHES: Record<string, () => Promise<BenchRow[]>> = {
  classifier: runClassifierBench,
  diff: runDiffBench,
  notices: runNoticesBench,
  read: runReadPathBench,
}

// `npm run bench -- diff` (or `-- read`, or several names) runs only the named modules.
const selected = process.argv.slice(2)
const unknown = selected.filter((name) => !(name in BENCHES))
if (unknown.length > 0)
  throw new Error(
    `Unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`,
  )

function printTable(rows: BenchRow[]): void {
  const header = ['name', 'ours', 'peer', 'ratio', 'goal', 'pass', 'note']
  const cells = rows.map((row) => [
    row.name,
    row.ours,
    row.peer,
    row.ratio.toFixed(3),
    row.goal,
    row.pass ? 'yes' : 'NO',
    row.note ?? '',
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)))
  const line = (values: string[]): string =>
    values.map((v, i) => (i === values.length - 1 ? v : v.padEnd(widths[i]!))).join(' | ')
  console.log(line(header))
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'))
  for (const row of cells) console.log(line(row))
}

const rows: BenchRow[] = []
for (const [name, run] of Object.entries(BENCHES))
  if (selected.length === 0 || selected.includes(name)) rows.push(...(await run()))
printTable(rows)
if (rows.some((row) => !row.pass)) process.exitCode = 1
