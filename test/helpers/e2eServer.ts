/**
 * Browser-test harness: the real dev app (Payload admin + demo site, `next dev dev --webpack`)
 * on a free port and a fresh temporary SQLite file, seeded first, plus Debian's chromium driven
 * by playwright-core (which never downloads a browser).
 *
 *   const server = await startE2eServer()   // seeds, starts, waits until /admin answers
 *   const browser = await launchBrowser()
 *   …
 *   await browser.close(); await server.stop()   // kills the server's whole process group
 *
 * - The server is dev/scripts/start.mjs, the same launcher as `npm run dev` (lexical preload included).
 * - Next builds into dev/.next/e2e, so a developer's `npm run dev` (dev/.next) can run alongside,
 *   and the webpack cache survives between runs: the first run compiles /admin for 20–40 s,
 *   later runs are faster.
 * - E2E_BASE_URL=http://localhost:3000 runs the tests against a server you started yourself
 *   (it must be seeded; nothing is started or stopped then).
 * - E2E_VERBOSE=1 echoes the server's output.
 */
import type { Browser, Page } from 'playwright-core'

import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
/** Screenshots go here (gitignored). */
export const resultsDir = path.join(repoRoot, 'test-results')

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-dev-shm-usage',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

/** The seeded demo editor (seed/index.ts). */
export const DEMO_LOGIN = { email: 'editor@example.com', password: 'policy-docs-demo' } as const

/** Next's build directory of the browser tests, inside dev/ (E2E_NEXT_DIST_DIR gives each concurrent run its own). */
export const E2E_NEXT_DIST_DIR = process.env.E2E_NEXT_DIST_DIR ?? '.next/e2e'

/**
 * The app routes `next dev` has compiled in this run's build directory (its app-paths manifest), e.g.
 * `/(payload)/api/policies/[...path]/route`: which route files actually served the requests.
 */
export function compiledAppRoutes(): string[] {
  try {
    return Object.keys(
      JSON.parse(
        readFileSync(
          path.join(repoRoot, 'dev', E2E_NEXT_DIST_DIR, 'dev/server/app-paths-manifest.json'),
          'utf8',
        ),
      ),
    )
  } catch {
    return []
  }
}

/** Budgets: a cold `next dev` compiles /admin for 20–40 s on two cores; seeding takes ~5 s. */
/** E2E_TIMEOUT_SCALE (e.g. 3) stretches every budget on a loaded machine. */
const scale = Math.max(1, Number(process.env.E2E_TIMEOUT_SCALE) || 1)
export const E2E_TIMEOUTS = {
  /** beforeAll: seed + start + first /admin compile. */
  start: 300_000 * scale,
  /** One test, including first compiles of the pages it visits. */
  test: 180_000 * scale,
  /** One navigation (a first compile included). */
  navigation: 120_000 * scale,
} as const

export type E2eServer = {
  /** The server's output so far (the last 400 lines), for failure messages. */
  logs: () => string
  port: number
  stop: () => Promise<void>
  /** `http://localhost:<port>`, which is also Payload's serverURL. */
  url: string
}

/** A free TCP port on this machine. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, () => {
      const address = server.address()
      server.close(() =>
        address && typeof address === 'object'
          ? resolve(address.port)
          : reject(new Error('no port')),
      )
    })
  })
}

/**
 * Seeds a fresh temporary SQLite database and starts the dev app on it; resolves once /admin
 * answers (which includes its first compile).
 */
export async function startE2eServer(options: { timeoutMs?: number } = {}): Promise<E2eServer> {
  const external = process.env.E2E_BASE_URL?.replace(/\/+$/, '')
  if (external) {
    await waitForHttp(`${external}/admin`, options.timeoutMs ?? E2E_TIMEOUTS.start)
    return {
      logs: () => '(external server)',
      port: Number(new URL(external).port || 80),
      stop: async () => {},
      url: external,
    }
  }

  const port = await freePort()
  const url = `http://localhost:${port}`
  const dir = mkdtempSync(path.join(tmpdir(), 'policy-docs-e2e-'))
  const lines: string[] = []
  const record = (chunk: Buffer) => {
    const text = chunk.toString()
    if (process.env.E2E_VERBOSE) process.stderr.write(text)
    lines.push(...text.split('\n'))
    if (lines.length > 400) lines.splice(0, lines.length - 400)
  }

  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(repoRoot, 'dev/scripts/start.mjs')],
    {
      cwd: repoRoot,
      // Its own process group, so stop() can end next dev and every worker it forked at once.
      detached: true,
      env: {
        ...process.env,
        DATABASE_URI: `file:${path.join(dir, 'e2e.db')}`,
        NEXT_DIST_DIR: E2E_NEXT_DIST_DIR,
        NEXT_TELEMETRY_DISABLED: '1',
        // Not jest's --experimental-vm-modules; start.mjs adds the lexical preload itself.
        NODE_OPTIONS: '',
        PAYLOAD_PUBLIC_SERVER_URL: url,
        PAYLOAD_SECRET: 'e2e-test-secret',
        PORT: String(port),
        SMTP_HOST: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  child.stdout?.on('data', record)
  child.stderr?.on('data', record)

  let exited: null | string = null
  const exitPromise = new Promise<void>((resolve) => {
    child.on('exit', (code, signal) => {
      exited = `exited with ${signal ?? code}`
      resolve()
    })
  })
  // If the test process dies without calling stop(), do not leave a dev server behind.
  const killOnExit = () => killGroup(child, 'SIGKILL')
  process.once('exit', killOnExit)

  const logs = () => lines.join('\n')
  let stopped = false
  const stop = async () => {
    if (stopped) return
    stopped = true
    process.removeListener('exit', killOnExit)
    if (exited === null) {
      killGroup(child, 'SIGTERM')
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 10_000)
      await exitPromise
      clearTimeout(timer)
      // Workers that ignored SIGTERM.
      killGroup(child, 'SIGKILL')
    }
    child.stdout?.destroy()
    child.stderr?.destroy()
    rmSync(dir, { force: true, recursive: true })
  }

  try {
    await waitForHttp(`${url}/admin`, options.timeoutMs ?? E2E_TIMEOUTS.start, () => exited)
  } catch (error) {
    await stop()
    throw new Error(
      `${(error as Error).message}\n--- dev server output (last lines) ---\n${logs().slice(-8000)}`,
      { cause: error },
    )
  }
  return { logs, port, stop, url }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return
  try {
    process.kill(-child.pid, signal)
  } catch {
    // Already gone.
  }
}

/** Polls `url` until it answers with a status below 500 (a redirect counts), or fails after `timeoutMs`. */
export async function waitForHttp(
  url: string,
  timeoutMs: number,
  failed: () => null | string = () => null,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let last = 'no answer yet'
  while (Date.now() < deadline) {
    const reason = failed()
    if (reason) throw new Error(`The dev server ${reason} before ${url} answered.`)
    try {
      const response = await fetch(url, {
        redirect: 'manual',
        signal: AbortSignal.timeout(Math.max(1000, deadline - Date.now())),
      })
      await response.arrayBuffer()
      if (response.status < 500) return
      last = `HTTP ${response.status}`
    } catch (error) {
      last = (error as Error).message
    }
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
  throw new Error(`${url} did not answer within ${Math.round(timeoutMs / 1000)} s (last: ${last}).`)
}

/** Debian's chromium through playwright-core, headless, no network of its own. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `No browser at ${CHROMIUM_PATH}. Install Debian's chromium: apt-get update && apt-get install -y chromium ` +
        '(or set CHROMIUM_PATH).',
    )
  }
  return chromium.launch({ args: CHROMIUM_ARGS, executablePath: CHROMIUM_PATH, headless: true })
}

/** Saves a full-page screenshot to test-results/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(resultsDir, { recursive: true })
  const file = path.join(resultsDir, `${name.replace(/[^\w.-]+/g, '-')}.png`)
  await page.screenshot({ fullPage: true, path: file })
  return file
}
