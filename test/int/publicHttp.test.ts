/**
 * Issue 9 items 10–12 and issue 13 (read path): the public read API's HTTP behaviour is the same
 * on every entry point (Payload's router, the Next route handler called with a Web Request, and a
 * real `npm run serve` process): security headers, CORS, HEAD on every GET route, preflights,
 * byte-identical answers across processes, and repeated response headers kept apart.
 */
import type { Payload } from 'payload'

import { createHash } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import { request as httpRequest } from 'node:http'

import { createPolicyRouteHandlers } from '../../plugin/exports/next.js'
import { createPolicyRequestListener } from '../../plugin/index.js'
import { seed } from '../../seed/index.js'
import { bootPayload, type TestPayload } from '../helpers/bootPayload.js'
import { type ServeProcess, startServeProcess } from '../helpers/serveProcess.js'

let t: TestPayload
let payload: Payload
let serve: ServeProcess
let next: ReturnType<typeof createPolicyRouteHandlers>
let listener: Server
let listenerUrl: string

/** Every public GET route, with the seeded history (1.0, 1.1, 2.0). */
const ROUTES = [
  '/policies/privacy?locale=da',
  '/policies/privacy/releases?locale=en',
  '/policies/privacy/releases/1.1?locale=da',
  '/policies/privacy/diff?from=1.1&to=2.0&locale=da',
  '/policies/privacy/diff?from=1.1&to=2.0&locale=da&format=html',
  '/policies/privacy/changes?locale=en',
  '/policies/privacy/banner?locale=da',
  '/policies/privacy/feed?locale=da',
  '/policies/privacy/archive.json',
  '/policies/privacy/verify',
  '/policies/embed/banner.js',
]

type Got = { body: Buffer; headers: Headers; status: number }

/** The three entry points, each answering `(method, path under /api, headers)`. */
const ENTRY_POINTS: Record<
  string,
  (method: string, path: string, headers?: Record<string, string>) => Promise<Got>
> = {
  "Payload's router": async (method, path, headers = {}) =>
    fromResponse(await t.api(path, { headers, method })),
  'the Next route handler': async (method, path, headers = {}) => {
    const request = new Request(`http://localhost:3000/api${path}`, { headers, method })
    return fromResponse(await next[method as 'GET'](request))
  },
  'npm run serve': (method, path, headers = {}) => rawFetch(serve.url, method, path, headers),
}

async function fromResponse(response: Response): Promise<Got> {
  return {
    body: Buffer.from(await response.arrayBuffer()),
    headers: response.headers,
    status: response.status,
  }
}

/** A request over node:http (no fetch normalization; HEAD bodies would show up here). */
function rawFetch(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string>,
): Promise<Got> {
  const { hostname, port } = new URL(base)
  return new Promise((resolve, reject) => {
    const req = httpRequest({ headers, hostname, method, path: `/api${path}`, port }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => {
        const out = new Headers()
        for (let index = 0; index < res.rawHeaders.length; index += 2) {
          out.append(res.rawHeaders[index]!, res.rawHeaders[index + 1]!)
        }
        resolve({ body: Buffer.concat(chunks), headers: out, status: res.statusCode ?? 0 })
      })
    })
    req.on('error', reject)
    req.end()
  })
}

beforeAll(async () => {
  t = await bootPayload()
  payload = t.payload
  await seed(payload)
  next = createPolicyRouteHandlers(t.config)
  listener = createServer(createPolicyRequestListener(payload))
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve))
  listenerUrl = `http://127.0.0.1:${(listener.address() as { port: number }).port}`
  serve = await startServeProcess({ DATABASE_URI: process.env.DATABASE_URI })
}, 120_000)

afterAll(async () => {
  await serve?.stop()
  await new Promise((resolve) => listener?.close(resolve))
  await t?.destroy()
})

describe.each(Object.keys(ENTRY_POINTS))('public read API on %s', (entry) => {
  const call = (...args: Parameters<(typeof ENTRY_POINTS)[string]>) => ENTRY_POINTS[entry]!(...args)

  it.each(ROUTES)(
    'GET %s: nosniff and CORS for every origin, without credentials',
    async (path) => {
      const res = await call('GET', path, { Origin: 'https://www.example.org' })
      expect(res.status).toBe(200)
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(res.headers.get('access-control-allow-origin')).toBe('*')
      expect(res.headers.get('access-control-allow-credentials')).toBeNull()
      expect(res.headers.get('access-control-expose-headers')).toMatch(/etag/i)
      // The answer is the same for every origin: no Vary: Origin.
      expect(res.headers.get('vary') ?? '').not.toMatch(/origin/i)
    },
  )

  it.each(ROUTES)('HEAD %s: the GET headers without a body', async (path) => {
    const get = await call('GET', path)
    const head = await call('HEAD', path)
    expect(head.status).toBe(200)
    expect(head.body.byteLength).toBe(0)
    expect(head.headers.get('etag')).toBe(get.headers.get('etag'))
    expect(head.headers.get('content-type')).toBe(get.headers.get('content-type'))
    expect(head.headers.get('content-length')).toBe(String(get.body.byteLength))
  })

  it('diff?format=html is a locked-down page: strict CSP, no framing, no referrer', async () => {
    const res = await call('GET', '/policies/privacy/diff?from=1.1&to=2.0&locale=da&format=html')
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).toMatch(/default-src 'none'/)
    expect(csp).toMatch(/frame-ancestors 'none'/)
    expect(csp).not.toMatch(/unsafe-inline|script-src/)
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    expect(res.headers.get('x-frame-options')).toBe('DENY')
    // Every inline style attribute the page uses (if any) is allowed by its exact hash, nothing more.
    const styleSrc = /style-src ([^;]*)/.exec(csp)?.[1] ?? ''
    for (const [, value] of res.body.toString('utf8').matchAll(/\sstyle="([^"]*)"/g)) {
      expect(styleSrc).toContain("'unsafe-hashes'")
      expect(styleSrc).toContain(
        `'sha256-${createHash('sha256').update(value!, 'utf8').digest('base64')}'`,
      )
    }
  })

  it('a 304 carries the validator and the CORS headers', async () => {
    const first = await call('GET', '/policies/privacy?locale=da')
    const again = await call('GET', '/policies/privacy?locale=da', {
      'If-None-Match': first.headers.get('etag')!,
    })
    expect(again.status).toBe(304)
    expect(again.body.byteLength).toBe(0)
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'))
    expect(again.headers.get('cache-control')).toBe(first.headers.get('cache-control'))
    expect(again.headers.get('access-control-allow-origin')).toBe('*')
  })

  it('OPTIONS answers the CORS preflight of a public route', async () => {
    const res = await call('OPTIONS', '/policies/privacy/banner?locale=da', {
      'Access-Control-Request-Headers': 'if-none-match',
      'Access-Control-Request-Method': 'GET',
      Origin: 'https://www.example.org',
    })
    expect([200, 204]).toContain(res.status)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(res.headers.get('access-control-allow-methods')).toMatch(/GET/)
    expect(res.headers.get('access-control-allow-headers')).toMatch(/if-none-match/i)
  })

  it('error answers are nosniff JSON a cross-origin page can read', async () => {
    const res = await call('GET', '/policies/privacy?locale=xx')
    expect(res.status).toBe(400)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
  })
})

describe('answers are byte-identical on every process (issue 9, item 12)', () => {
  it.each([
    '/policies/privacy/diff?from=1.1&to=2.0&locale=da',
    '/policies/privacy/diff?from=1.0&to=2.0&locale=en',
    '/policies/privacy/diff?from=1.1&to=2.0&locale=da&format=html',
    '/policies/privacy/changes?locale=da',
    '/policies/privacy?locale=da',
    '/policies/privacy/feed?locale=en',
    '/policies/privacy/archive.json',
  ])('%s: same bytes and ETag here and in a separately booted `npm run serve`', async (path) => {
    const here = await ENTRY_POINTS["Payload's router"]!('GET', path)
    const there = await ENTRY_POINTS['npm run serve']!('GET', path)
    expect(there.status).toBe(200)
    expect(there.headers.get('etag')).toBe(here.headers.get('etag'))
    expect(there.body.equals(here.body)).toBe(true)
    expect(here.body.toString('utf8')).not.toContain('elapsedMs')
  })
})

describe('the standalone listener forwards the rest to Payload faithfully', () => {
  it('keeps repeated Set-Cookie headers apart (a cookie date has a comma)', async () => {
    const cookies = [
      'first=1; Path=/; Expires=Wed, 21 Oct 2037 07:28:00 GMT; HttpOnly',
      'second=2; Path=/; SameSite=Lax',
    ]
    payload.config.endpoints.push({
      handler: () => {
        const headers = new Headers()
        for (const cookie of cookies) headers.append('Set-Cookie', cookie)
        return new Response('ok', { headers })
      },
      method: 'get',
      path: '/test-two-cookies',
    })
    const res = await new Promise<{ setCookie: string[] | undefined }>((resolve, reject) => {
      httpRequest(`${listenerUrl}/api/test-two-cookies`, (response) => {
        response.resume()
        response.on('end', () => resolve({ setCookie: response.headers['set-cookie'] }))
      })
        .on('error', reject)
        .end()
    })
    expect(res.setCookie).toEqual(cookies)
  })

  it('answers HEAD on Payload routes it forwards (as the GET, without a body)', async () => {
    const res = await rawFetch(listenerUrl, 'HEAD', '/users/me', {})
    expect(res.status).toBe(200)
    expect(res.body.byteLength).toBe(0)
  })
})
