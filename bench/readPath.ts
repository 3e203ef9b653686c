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

const DURATION_S = Number(process.env.BENCH_DURATION ?? 5)
const CONNECTIONS = 16

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

async function measure(url: string, headers: Record<string, string> = {}, expectStatus = 200): Promise<number> {
  // Warm-up, so caches and JIT are hot before the measured run.
  await autocannon({ connections: CONNECTIONS, duration: 1, headers, url })
  const result = await autocannon({ connections: CONNECTIONS, duration: DURATION_S, headers, url })
  const okKey = `${String(expectStatus).slice(0, 1)}xx` as '2xx' | '3xx'
  if (result.errors > 0 || result[okKey] === 0 || result.non2xx - (expectStatus === 304 ? result['3xx'] : 0) > 0) {
    throw new Error(`unexpected answers from ${url}: ${JSON.stringify({ errors: result.errors, non2xx: result.non2xx, [okKey]: result[okKey] })}`)
  }
  return result.requests.average
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
    const bare200 = await measure(bare)
    const ours200 = await measure(ours)
    const bare304 = await measure(bare, conditional, 304)
    const ours304 = await measure(ours, conditional, 304)
    const next200 = await measure(`http://127.0.0.1:${ports.nextPort}${path}`)
    const next304 = await measure(`http://127.0.0.1:${ports.nextPort}${path}`, conditional, 304)
    const routed200 = await measure(`http://127.0.0.1:${ports.routedPort}${path}`)
    const generic = await measure(`http://127.0.0.1:${ports.oursPort}/api/policy-releases/${ports.releaseId}?depth=0`, { authorization: `JWT ${ports.token}` })
    const note = `${ports.bodyBytes} B body, ${CONNECTIONS} connections, ${DURATION_S} s each`
    return [
      { goal: '≥ 0.7', name: 'read API 200 vs bare node:http', note, ours: fmt(ours200), pass: ours200 / bare200 >= 0.7, peer: fmt(bare200), ratio: ours200 / bare200 },
      { goal: '≥ 0.7', name: 'read API 304 vs bare node:http', note, ours: fmt(ours304), pass: ours304 / bare304 >= 0.7, peer: fmt(bare304), ratio: ours304 / bare304 },
      {
        goal: '≥ 0.5',
        name: 'same endpoint on the Next route handler (payload-plugin-policy-docs/next) vs bare',
        note: `${note}; handler called with a Web Request, as Next does`,
        ours: fmt(next200),
        pass: next200 / bare200 >= 0.5,
        peer: fmt(bare200),
        ratio: next200 / bare200,
      },
      {
        goal: '≥ 0.5',
        name: 'its 304 on the Next route handler vs bare',
        note: `${note}; handler called with a Web Request, as Next does`,
        ours: fmt(next304),
        pass: next304 / bare304 >= 0.5,
        peer: fmt(bare304),
        ratio: next304 / bare304,
      },
      {
        goal: '(for information)',
        name: "same endpoint through Payload's generic router (Next's catch-all without the plugin's route) vs bare",
        note,
        ours: fmt(routed200),
        pass: true,
        peer: fmt(bare200),
        ratio: routed200 / bare200,
      },
      { goal: '≥ 10', name: "read API 200 vs Payload's GET /api/policy-releases/:id", note, ours: fmt(ours200), pass: ours200 / generic >= 10, peer: fmt(generic), ratio: ours200 / generic },
    ]
  } finally {
    stop()
  }
}
