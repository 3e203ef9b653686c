/**
 * Read-path benchmark (`npm run bench -- read`): requests per second of
 * `GET /api/policies/privacy?locale=da` (200 and 304) on the project's own HTTP entry point
 * (`npm run serve`), on the plugin's Next route handler and through Payload's generic router,
 * against a bare node:http server sending the same bytes from memory, and against Payload's
 * generic `GET /api/policy-releases/:id` for the same release. All measured in the same run, on
 * the same machine.
 */
import autocannon from 'autocannon'
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createInterface } from 'node:readline'

import type { BenchRow } from './types.js'

const DURATION_S = Number(process.env.BENCH_DURATION ?? 6)
const CONNECTIONS = 16
/** Alternating rounds per comparison (the duration is split between them). */
const ROUNDS = 3

type Ports = {
  barePort: number
  bodyBytes: number
  etag: string
  floorPort: number
  nextPort: number
  oursPort: number
  releaseId: number | string
  routedPort: number
  token: string
}

async function startServers(): Promise<{ pid: number; ports: Ports; stop: () => void }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--import', './scripts/preload-lexical.mjs', 'bench/readPathServer.ts'],
    {
      env: { ...process.env, NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  const lines = createInterface({ input: child.stdout! })
  const ports = await new Promise<Ports>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)))
    lines.on('line', (line) => {
      if (line.startsWith('{')) {
        resolve(JSON.parse(line) as Ports)
      }
    })
  })
  return { pid: child.pid!, ports, stop: () => child.kill('SIGTERM') }
}

/** CPU time (ms, user + system) a process has used so far, from /proc; `undefined` where there is no /proc. */
function cpuMs(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    // utime and stime are fields 14 and 15 of the whole line, in clock ticks (100 per second on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100
  } catch {
    return undefined
  }
}

type Target = { expectStatus?: number; headers?: Record<string, string>; url: string }
type Run = { cpuPerRequestUs: number | undefined; rps: number }

async function measure(
  { expectStatus = 200, headers = {}, url }: Target,
  seconds: number,
  pid: number,
): Promise<Run> {
  const before = cpuMs(pid)
  const result = await autocannon({ connections: CONNECTIONS, duration: seconds, headers, url })
  const after = cpuMs(pid)
  const okKey = `${String(expectStatus).slice(0, 1)}xx` as '2xx' | '3xx'
  if (
    result.errors > 0 ||
    result[okKey] === 0 ||
    result.non2xx - (expectStatus === 304 ? result['3xx'] : 0) > 0
  ) {
    throw new Error(
      `unexpected answers from ${url}: ${JSON.stringify({ errors: result.errors, non2xx: result.non2xx, [okKey]: result[okKey] })}`,
    )
  }
  const cpuPerRequestUs =
    before === undefined || after === undefined
      ? undefined
      : ((after - before) * 1000) / result.requests.total
  return { cpuPerRequestUs, rps: result.requests.average }
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

type Figures = { cpu: boolean; ours: Run; peer: Run; ratio: number }

/**
 * Ours against its peer in alternating rounds (peer, ours, peer, ours, …) after a warm-up of
 * both. The ratio is the peer's CPU time per request ÷ ours, in the serving process (all servers
 * live in one child process and are measured one at a time; the load generator is this process):
 * the rate a saturated single-threaded server reaches, and unlike raw req/s it does not move with
 * the other processes on this shared machine. req/s are shown too. Without /proc, the ratio of
 * req/s. Both are medians of the per-round figures.
 */
async function compare(ours: Target, peer: Target, pid: number): Promise<Figures> {
  await measure(peer, 1, pid)
  await measure(ours, 1, pid)
  const rounds: Array<{ ours: Run; peer: Run }> = []
  for (let round = 0; round < ROUNDS; round++) {
    const p = await measure(peer, DURATION_S / ROUNDS, pid)
    const o = await measure(ours, DURATION_S / ROUNDS, pid)
    rounds.push({ ours: o, peer: p })
  }
  const cpu = rounds.every((r) => r.ours.cpuPerRequestUs && r.peer.cpuPerRequestUs)
  const pick = (side: 'ours' | 'peer'): Run => ({
    cpuPerRequestUs: cpu ? median(rounds.map((r) => r[side].cpuPerRequestUs!)) : undefined,
    rps: median(rounds.map((r) => r[side].rps)),
  })
  return {
    cpu,
    ours: pick('ours'),
    peer: pick('peer'),
    ratio: median(
      rounds.map((r) =>
        cpu ? r.peer.cpuPerRequestUs! / r.ours.cpuPerRequestUs! : r.ours.rps / r.peer.rps,
      ),
    ),
  }
}

const fmt = (run: Run) =>
  `${Math.round(run.rps).toLocaleString('en-US')} req/s${run.cpuPerRequestUs ? `, ${run.cpuPerRequestUs.toFixed(0)} µs CPU/req` : ''}`

/** Runs the read-path benchmark and returns its rows. */
export async function runReadPathBench(): Promise<BenchRow[]> {
  const { pid, ports, stop } = await startServers()
  try {
    const path = '/api/policies/privacy?locale=da'
    const ours = `http://127.0.0.1:${ports.oursPort}${path}`
    const bare = `http://127.0.0.1:${ports.barePort}${path}`
    const conditional = { 'if-none-match': ports.etag }
    const bare200: Target = { url: bare }
    const bare304: Target = { expectStatus: 304, headers: conditional, url: bare }
    const next = `http://127.0.0.1:${ports.nextPort}${path}`
    const r200 = await compare({ url: ours }, bare200, pid)
    const r304 = await compare({ expectStatus: 304, headers: conditional, url: ours }, bare304, pid)
    const n200 = await compare({ url: next }, bare200, pid)
    const n304 = await compare({ expectStatus: 304, headers: conditional, url: next }, bare304, pid)
    const floor = `http://127.0.0.1:${ports.floorPort}${path}`
    const f200 = await compare({ url: floor }, bare200, pid)
    const f304 = await compare(
      { expectStatus: 304, headers: conditional, url: floor },
      bare304,
      pid,
    )
    const routed = await compare(
      { url: `http://127.0.0.1:${ports.routedPort}${path}` },
      bare200,
      pid,
    )
    const generic = await compare(
      { url: ours },
      {
        headers: { authorization: `JWT ${ports.token}` },
        url: `http://127.0.0.1:${ports.oursPort}/api/policy-releases/${ports.releaseId}?depth=0`,
      },
      pid,
    )
    const note = `${ports.bodyBytes} B body, ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${(DURATION_S / ROUNDS).toFixed(1)} s`
    const nextNote = `${note}; handler called with a Web Request, body streamed, as Next does`
    const row = (
      name: string,
      goal: number | null,
      figures: Figures,
      rowNote = note,
    ): BenchRow => ({
      goal: goal === null ? '(for information)' : `≥ ${goal}`,
      name,
      note: `${rowNote}; ratio ${figures.cpu ? 'of CPU time per request (peer ÷ ours)' : 'of req/s'}`,
      ours: fmt(figures.ours),
      pass: goal === null || figures.ratio >= goal,
      peer: fmt(figures.peer),
      ratio: figures.ratio,
    })
    return [
      row('read API 200 vs bare node:http', 0.7, r200),
      row('read API 304 vs bare node:http', 0.7, r304),
      row(
        'same endpoint on the Next route handler (payload-plugin-policy-docs/next) vs bare',
        0.5,
        n200,
        nextNote,
      ),
      row('its 304 on the Next route handler vs bare', 0.5, n304, nextNote),
      row(
        'floor: a bare Web route handler (same bytes from memory, no plugin code) vs bare node:http, 200 / 304',
        null,
        f200,
        `${nextNote}; 304: ${f304.ratio.toFixed(3)}`,
      ),
      row(
        "same endpoint through Payload's generic router (Next's catch-all without the plugin's route) vs bare",
        null,
        routed,
      ),
      row("read API 200 vs Payload's GET /api/policy-releases/:id (signed in)", 10, generic),
    ]
  } finally {
    stop()
  }
}
