/**
 * Issue 9, item 1: junk `where`, ids, operators and dates on every collection route get a 4xx,
 * never a 500, and no request stops the process. Probed twice: through Payload's router
 * (`handleEndpoints`, as under Next) and against a real `npm run serve` process, which must still
 * answer after each group.
 */
import type { Payload } from 'payload'

import { request as httpRequest } from 'node:http'

import { seed } from '../../seed/index.js'
import { bootPayload, type TestPayload } from '../helpers/bootPayload.js'
import { type ServeProcess, startServeProcess } from '../helpers/serveProcess.js'

let t: TestPayload
let payload: Payload
let token: string
let server: ServeProcess

/** The request that stopped `npm run serve` (Payload's unawaited rejection in query validation). */
const CRASHER = 'where[release.document.key][equals]=privacy'

/** Malformed list queries (`GET /api/<slug>?…`, and the same `where` on count, PATCH and DELETE). */
const QUERIES = [
  CRASHER,
  'where[document.key][equals]=privacy&where[release.document.title][like]=x',
  'where=junk',
  'where=5',
  'where[id][equals]=abc',
  'where[id][equals]=%00',
  'where[id][in]=abc,def',
  'where[id][not_in][0]=1&where[id][not_in][1]=x',
  'where[id][equals][nested]=1',
  'where[id][bogus]=1',
  'where[id][near]=1,2,3',
  'where[id][exists]=maybe',
  'where[createdAt][greater_than]=notadate',
  'where[createdAt][equals]=2026-13-45',
  'where[updatedAt][less_than]=%00',
  'where[createdAt][within]=1',
  'where[and]=x',
  'where[or][0][id][equals]=abc',
  'where[and][0][or][0][createdAt][less_than_equal]=yesterday',
  'where[release][equals]=abc',
  'where[release.id][in]=abc',
  'where[notice][equals]=%00',
  'where[notice][not_equals]=1e9999',
  'data=%7Bjunk',
]

/** Malformed ids (`GET/PATCH/DELETE /api/<slug>/<id>`). */
const IDS = ['abc', '%00', '1e9999', '99999999999999999999', '1.5', '%E0%A4%A', '..%2F..%2Fusers']

/** The plugin's collections and the host's users. */
const SLUGS = [
  'users',
  'policy-documents',
  'policy-releases',
  'policy-release-events',
  'policy-subscribers',
  'policy-notices',
  'policy-deliveries',
  'policy-delivery-claims',
]

type Probe = { method: string; path: string }

function probes(slug: string): Probe[] {
  const list: Probe[] = []
  for (const query of QUERIES) {
    list.push(
      { method: 'GET', path: `/${slug}?${query}` },
      { method: 'GET', path: `/${slug}/count?${query}` },
    )
    if (query.startsWith('where')) {
      list.push(
        { method: 'PATCH', path: `/${slug}?${query}` },
        { method: 'DELETE', path: `/${slug}?${query}` },
      )
    }
  }
  for (const id of IDS) {
    for (const method of ['GET', 'PATCH', 'DELETE']) {
      list.push({ method, path: `/${slug}/${id}` })
    }
  }
  if (slug === 'policy-documents') {
    list.push(
      { method: 'GET', path: `/${slug}/versions?where[version.updatedAt][less_than]=never` },
      { method: 'GET', path: `/${slug}/versions?where[parent][equals]=abc` },
      { method: 'GET', path: `/${slug}/versions/abc` },
    )
  }
  return list
}

const headersFor = (auth: boolean): Record<string, string> => ({
  'Content-Type': 'application/json',
  ...(auth ? { Authorization: `JWT ${token}` } : {}),
})

/** Sends exactly these bytes as the request target (fetch would normalize some of them). */
function rawRequest(
  url: string,
  probe: Probe,
  headers: Record<string, string>,
): Promise<{ body: string; status: number }> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { headers, hostname, method: probe.method, path: `/api${probe.path}`, port },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (body += chunk))
        res.on('end', () => resolve({ body, status: res.statusCode ?? 0 }))
      },
    )
    req.on('error', reject)
    req.end(probe.method === 'PATCH' ? '{}' : undefined)
  })
}

beforeAll(async () => {
  t = await bootPayload()
  payload = t.payload
  await seed(payload)
  const login = await t.api('/users/login', {
    body: JSON.stringify({ email: 'editor@example.com', password: 'policy-docs-demo' }),
    headers: { 'Content-Type': 'application/json' },
    method: 'POST',
  })
  token = ((await login.json()) as { token: string }).token
  server = await startServeProcess({ DATABASE_URI: process.env.DATABASE_URI })
}, 120_000)

afterAll(async () => {
  await server?.stop()
  await t?.destroy()
})

describe('malformed queries get a 4xx, never a 500', () => {
  it.each(SLUGS)('through Payload’s router: %s', async (slug) => {
    const failures: string[] = []
    for (const auth of [false, true]) {
      for (const probe of probes(slug)) {
        const res = await t.api(probe.path, {
          body: probe.method === 'PATCH' ? '{}' : undefined,
          headers: headersFor(auth),
          method: probe.method,
        })
        const body = await res.text()
        if (res.status < 400 || res.status >= 500 || /\n\s+at /.test(body)) {
          failures.push(
            `${auth ? 'signed in' : 'anonymous'} ${probe.method} ${probe.path} → ${res.status} ${body.slice(0, 100)}`,
          )
        }
      }
    }
    expect(failures).toEqual([])
  })

  it.each(SLUGS)(
    'against a running `npm run serve`, which still answers afterwards: %s',
    async (slug) => {
      const failures: string[] = []
      for (const auth of [false, true]) {
        for (const probe of probes(slug)) {
          const res = await rawRequest(server.url, probe, headersFor(auth))
          if (res.status < 400 || res.status >= 500) {
            failures.push(
              `${auth ? 'signed in' : 'anonymous'} ${probe.method} ${probe.path} → ${res.status} ${res.body.slice(0, 100)}`,
            )
          }
        }
      }
      // Give an unawaited rejection time to end the process, then check the same process still serves.
      await new Promise((resolve) => setTimeout(resolve, 200))
      expect(server.alive()).toBe(true)
      const after = await fetch(`${server.url}/api/policies/privacy?locale=da`)
      expect(after.status).toBe(200)
      expect(failures).toEqual([])
    },
  )
})

describe('the generic REST and GraphQL reads of the ledger are not anonymous', () => {
  it.each(['policy-releases', 'policy-release-events'])(
    'anonymous GET /api/%s is refused; signed in it works',
    async (slug) => {
      expect((await t.api(`/${slug}`)).status).toBe(403)
      expect((await t.api(`/${slug}`, { headers: headersFor(true) })).status).toBe(200)
    },
  )

  it('anonymous GraphQL gets no release', async () => {
    const { GRAPHQL_POST } = await import('@payloadcms/next/routes')
    const res = await GRAPHQL_POST(t.config)(
      new Request('http://localhost:3000/api/graphql', {
        body: JSON.stringify({
          query:
            '{ PolicyReleases { docs { version snapshot } } PolicyReleaseEvents { docs { reason } } }',
        }),
        headers: { 'Content-Type': 'application/json' },
        method: 'POST',
      }),
    )
    const json = (await res.json()) as {
      data?: { PolicyReleases?: { docs: unknown[] } | null }
      errors?: unknown[]
    }
    expect(json.errors?.length ?? 0).toBeGreaterThan(0)
    expect(json.data?.PolicyReleases ?? null).toBeNull()
  })

  it('the public API still serves the releases anonymously', async () => {
    expect((await t.api('/policies/privacy/releases?locale=da')).status).toBe(200)
    expect((await t.api('/policies/privacy/archive.json')).status).toBe(200)
  })
})

describe('oversized and chunked bodies on a running `npm run serve`', () => {
  const tenMegabytes = JSON.stringify({
    documents: ['privacy'],
    email: `${'a'.repeat(10 * 1024 * 1024)}@example.com`,
    locale: 'da',
  })

  it('refuses a 10 MB body with a 413 (declared length and chunked), and the process still answers', async () => {
    for (const path of [
      '/api/policies/subscriptions',
      '/api/policies/subscriptions/manage',
      '/api/policy-documents',
    ]) {
      const declared = await fetch(`${server.url}${path}`, {
        body: tenMegabytes,
        headers: { 'content-type': 'application/json' },
        method: 'POST',
      })
      expect([path, declared.status]).toEqual([path, 413])
      // The same body streamed without a Content-Length (Transfer-Encoding: chunked).
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          const bytes = new TextEncoder().encode(tenMegabytes)
          for (let offset = 0; offset < bytes.length; offset += 64 * 1024)
            controller.enqueue(bytes.subarray(offset, offset + 64 * 1024))
          controller.close()
        },
      })
      const chunked = await fetch(`${server.url}${path}`, {
        body: stream,
        duplex: 'half',
        headers: { 'content-type': 'application/json' },
        method: 'POST',
      } as RequestInit)
      expect([path, chunked.status]).toEqual([path, 413])
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(server.alive()).toBe(true)
    expect((await fetch(`${server.url}/api/policies/privacy?locale=da`)).status).toBe(200)
  })
})
