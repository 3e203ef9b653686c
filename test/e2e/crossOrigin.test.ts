/**
 * Browser test of cross-origin use of the public API (issue 9, item 11) and of the Next route
 * handler (issue 13): a page on one origin embeds `<policy-banner api="<another origin>/api">` and
 * reads the API with fetch, as a customer's website would.
 *
 * 1. The API is a real `npm run serve` process; the site is a tiny node:http server on another port.
 * 2. The API is the dev app (Next) on http://localhost:<port>, the same tiny site links to it: the
 *    requests go through the plugin's route app/(payload)/api/policies/[...path].
 *
 * In both, the module script, the JSON reads, a revalidation with If-None-Match (which needs a
 * CORS preflight) and HEAD must all succeed, with no CORS error in the console.
 */
import type { Browser } from 'playwright-core'

import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'

import {
  compiledAppRoutes,
  E2E_TIMEOUTS,
  type E2eServer,
  launchBrowser,
  repoRoot,
  screenshot,
  startE2eServer,
} from '../helpers/e2eServer.js'
import { type ServeProcess, startServeProcess } from '../helpers/serveProcess.js'

type Result = {
  banner?: boolean
  defined?: boolean
  error?: string
  head?: number
  revalidated?: number
  status?: number
  title?: string
  version?: string
}

/** The embedding page: the web component from the API origin, plus the same reads a site script would make. */
function embeddingPage(apiOrigin: string): string {
  const api = `${apiOrigin}/api`
  return `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Another site</title>
<script type="module" src="${api}/policies/embed/banner.js"></script></head>
<body>
<policy-banner api="${api}" document="privacy" locale="da"></policy-banner>
<main id="main"><h1>A site on another origin</h1></main>
<script type="module">
  const out = {}
  try {
    const base = ${JSON.stringify(`${api}/policies/privacy`)}
    const first = await fetch(base + '?locale=da', { credentials: 'omit' })
    out.status = first.status
    const etag = first.headers.get('etag')
    const json = await first.json()
    out.title = json.title
    out.version = json.version
    // A custom request header: the browser sends a CORS preflight first.
    const again = await fetch(base + '?locale=da', { cache: 'no-store', headers: { 'If-None-Match': etag } })
    out.revalidated = again.status
    out.banner = typeof (await (await fetch(base + '/banner?locale=da')).json()).show === 'boolean'
    out.head = (await fetch(base + '?locale=da', { method: 'HEAD' })).status
    await customElements.whenDefined('policy-banner')
    out.defined = true
  } catch (error) {
    out.error = String(error)
  }
  document.body.dataset.result = JSON.stringify(out)
</script>
</body></html>`
}

/** Opens the page and returns what its script found, failing on any CORS error the browser logs. */
async function runPage(browser: Browser, url: string, name: string): Promise<{ result: Result }> {
  const context = await browser.newContext()
  const page = await context.newPage()
  page.setDefaultTimeout(E2E_TIMEOUTS.navigation)
  const problems: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text())
  })
  page.on('requestfailed', (request) => {
    // ERR_ABORTED is a cancellation (the component aborts its earlier fetch when its attributes are
    // set); a CORS refusal is ERR_FAILED with a console error.
    if (request.failure()?.errorText !== 'net::ERR_ABORTED')
      problems.push(`${request.method()} ${request.url()}: ${request.failure()?.errorText}`)
  })
  await page.goto(url, { waitUntil: 'load' })
  await page.waitForFunction(() => document.body.dataset.result !== undefined)
  const result = JSON.parse(
    (await page.evaluate(() => document.body.dataset.result)) ?? '{}',
  ) as Result
  await screenshot(page, name)
  const seen = [...problems]
  await context.close()
  expect({ problems: seen, result }).toMatchObject({ problems: [] })
  return { result }
}

/**
 * The other site: a tiny node:http server on 127.0.0.1 serving the embedding page. A real server,
 * not a page the browser fulfils itself: Chromium treats such a page as public and refuses its
 * requests to loopback addresses (Local Network Access), which a real site on loopback is not.
 */
async function startSite(apiOrigin: string): Promise<{ close: () => Promise<void>; url: string }> {
  const site: Server = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
    res.end(embeddingPage(apiOrigin))
  })
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve))
  return {
    close: () => new Promise((resolve) => site.close(() => resolve())),
    url: `http://127.0.0.1:${(site.address() as { port: number }).port}/`,
  }
}

function expectWorkingReads(result: Result): void {
  expect(result.error).toBeUndefined()
  expect(result.status).toBe(200)
  expect(result.title).toMatch(/\S/)
  expect(result.version).toMatch(/^\d+\.\d+$/)
  expect(result.revalidated).toBe(304)
  expect(result.banner).toBe(true)
  expect(result.head).toBe(200)
  expect(result.defined).toBe(true)
}

let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
}, 60_000)

afterAll(async () => {
  await browser?.close()
})

describe('the API of `npm run serve` used from a site on another origin', () => {
  let api: ServeProcess
  let site: Awaited<ReturnType<typeof startSite>>
  let dir: string

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'policy-docs-cors-'))
    const env = {
      DATABASE_URI: `file:${path.join(dir, 'cors.db')}`,
      PAYLOAD_SECRET: randomBytes(32).toString('hex'),
    }
    // Seed the database the way `npm run seed` does.
    await new Promise<void>((resolve, reject) => {
      const seed = spawn(
        process.execPath,
        ['--import', 'tsx', '--import', './scripts/preload-lexical.mjs', 'scripts/seed.ts'],
        {
          cwd: repoRoot,
          env: { ...process.env, ...env, NODE_ENV: 'development', NODE_OPTIONS: '' },
          stdio: 'ignore',
        },
      )
      seed.on('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`npm run seed exited with ${code}`)),
      )
    })
    api = await startServeProcess(env)
    site = await startSite(api.url)
  }, E2E_TIMEOUTS.start)

  afterAll(async () => {
    await api?.stop()
    await site?.close()
    rmSync(dir, { force: true, recursive: true })
  })

  test(
    'the banner script, JSON reads, a preflighted revalidation and HEAD all work across origins',
    async () => {
      expect(new URL(site.url).origin).not.toBe(new URL(api.url).origin)
      const { result } = await runPage(browser, site.url, 'cross-origin-serve')
      expectWorkingReads(result)
      expect(api.alive()).toBe(true)
    },
    E2E_TIMEOUTS.test,
  )
})

describe('the API of the dev app (the Next route handler) used from another origin', () => {
  let server: E2eServer
  let site: Awaited<ReturnType<typeof startSite>>

  beforeAll(async () => {
    server = await startE2eServer()
    site = await startSite(server.url)
  }, E2E_TIMEOUTS.start)

  afterAll(async () => {
    await site?.close()
    await server?.stop()
  }, 60_000)

  test(
    'a page on 127.0.0.1 reads the dev app’s API on localhost through app/(payload)/api/policies/[...path]',
    async () => {
      expect(new URL(site.url).origin).not.toBe(new URL(server.url).origin)
      const { result } = await runPage(browser, site.url, 'cross-origin-next')
      expectWorkingReads(result)
      // Next compiled (and so routed these requests to) the plugin's route, not only Payload's catch-all.
      expect(compiledAppRoutes()).toContain('/(payload)/api/policies/[...path]/route')
    },
    E2E_TIMEOUTS.test,
  )
})
