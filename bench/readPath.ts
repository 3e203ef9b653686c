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
import { createInterface } from 'node:readline'

import type { BenchRow } from './types.js'

const DURATION_S = Number(process.env.BENCH_DURATION ?? 6)
const CONNECTIONS = 16
/** Alternating rounds per comparison (the duration is split between them). */
const ROUNDS = 3

type Ports = { barePort: number; bodyBytes: number; etag: string; nextPort: number; oursPort: number; releaseId: number | string; routedPort: number; token: string }

async function startServers(): Promise<{ ports: Ports; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', './scripts/preload-lexical.mjs', 'bench/readPathServer.ts'], {
    env: { ...process.env, NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const lines = createInterface({ input: child.stdout! })
  const ports = await new Promise<Ports>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)))
    lines.on('line', (line) => {
      if (line.startsWith('{')) {
        resolve(JSON.parse(line) as Ports)
      }
    })
  })
  return { ports, stop: () => child.kill('SIGTERM') }
}

type Target = { expectStatus?: number; headers?: Record<string, string>; url: string }

async function measure({ expectStatus = 200, headers = {}, url }: Target, seconds: number): Promise<number> {
  const result = await autocannon({ connections: CONNECTIONS, duration: seconds, headers, url })
  const okKey = `${String(expectStatus).slice(0, 1)}xx` as '2xx' | '3xx'
  if (result.errors > 0 || result[okKey] === 0 || result.non2xx - (expectStatus === 304 ? result['3xx'] : 0) > 0) {
    throw new Error(`unexpected answers from ${url}: ${JSON.stringify({ errors: result.errors, non2xx: result.non2xx, [okKey]: result[okKey] })}`)
  }
  return result.requests.average
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

/**
 * Ours against its peer in alternating rounds (peer, ours, peer, ours, …) after a warm-up of
 * both: the machine's load drifts (other processes share its two cores), and alternating keeps a
 * drift from landing on one side. The ratio is the median of the per-round ratios.
 */
async function compare(ours: Target, peer: Target): Promise<{ ours: number; peer: number; ratio: number }> {
  await measure(peer, 1)
  await measure(ours, 1)
  const rounds: Array<{ ours: number; peer: number }> = []
  for (let round = 0; round < ROUNDS; round++) {
    const p = await measure(peer, DURATION_S / ROUNDS)
    const o = await measure(ours, DURATION_S / ROUNDS)
    rounds.push({ ours: o, peer: p })
  }
  return {
    ours: median(rounds.map((r) => r.ours)),
    peer: median(rounds.map((r) => r.peer)),
    ratio: median(rounds.map((r) => r.ours / r.peer)),
  }
}

const fmt = (rps: number) => `${Math.round(rps).toLocaleString('en-US')} req/s`

/** Runs the read-path benchmark and returns its rows. */
export async function runReadPathBench(): Promise<BenchRow[]> {
  const { ports, stop } = await startServers()
  try {
    const path = '/api/policies/privacy?locale=da'
    const ours = `http://127.0.0.1:${ports.oursPort}${path}`
    const bare = `http://127.0.0.1:${ports.barePort}${path}`
    const conditional = { 'if-none-match': ports.etag }
    const bare200: Target = { url: bare }
    const bare304: Target = { expectStatus: 304, headers: conditional, url: bare }
    const next = `http://127.0.0.1:${ports.nextPort}${path}`
    const r200 = await compare({ url: ours }, bare200)
    const r304 = await compare({ expectStatus: 304, headers: conditional, url: ours }, bare304)
    const n200 = await compare({ url: next }, bare200)
    const n304 = await compare({ expectStatus: 304, headers: conditional, url: next }, bare304)
    const routed = await compare({ url: `http://127.0.0.1:${ports.routedPort}${path}` }, bare200)
    const generic = await compare(
      { url: ours },
      { headers: { authorization: `JWT ${ports.token}` }, url: `http://127.0.0.1:${ports.oursPort}/api/policy-releases/${ports.releaseId}?depth=0` },
    )
    const note = `${ports.bodyBytes} B body, ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${(DURATION_S / ROUNDS).toFixed(1)} s`
    const nextNote = `${note}; handler called with a Web Request, body streamed, as Next does`
    const row = (name: string, goal: number | null, figures: { ours: number; peer: number; ratio: number }, rowNote = note): BenchRow => ({
      goal: goal === null ? '(for information)' : `≥ ${goal}`,
      name,
      note: rowNote,
      ours: fmt(figures.ours),
      pass: goal === null || figures.ratio >= goal,
      peer: fmt(figures.peer),
      ratio: figures.ratio,
    })
    return [
      row('read API 200 vs bare node:http', 0.7, r200),
      row('read API 304 vs bare node:http', 0.7, r304),
      row('same endpoint on the Next route handler (payload-plugin-policy-docs/next) vs bare', 0.5, n200, nextNote),
      row('its 304 on the Next route handler vs bare', 0.5, n304, nextNote),
      row("same endpoint through Payload's generic router (Next's catch-all without the plugin's route) vs bare", null, routed),
      row("read API 200 vs Payload's GET /api/policy-releases/:id (signed in)", 10, generic),
    ]
  } finally {
    stop()
  }
}
