import type { Payload } from 'payload'

import { GRAPHQL_POST } from '@payloadcms/next/routes'

import { seed } from '../../seed/index.js'
import { blocksToLexical } from '../../src/lexical/index.js'
import { assertInertHtml, XSS_PAYLOADS } from '../fixtures/xss.js'
import { bootPayload, type TestPayload } from '../helpers/bootPayload.js'
import { publishEdit } from '../helpers/publish.js'
import { SmtpSink } from '../helpers/smtpSink.js'

let t: TestPayload
let payload: Payload
let token: string
const sink = new SmtpSink()

const graphql = async (query: string, auth?: string) => {
  const res = await GRAPHQL_POST(t.config)(
    new Request('http://localhost:3000/api/graphql', {
      body: JSON.stringify({ query }),
      headers: {
        'Content-Type': 'application/json',
        ...(auth ? { Authorization: `JWT ${auth}` } : {}),
      },
      method: 'POST',
    }),
  )
  return {
    json: (await res.json()) as { data?: Record<string, any>; errors?: Array<{ message: string }> },
    status: res.status,
  }
}

const paragraph = (text: string) => ({
  html: text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;'),
  text,
  type: 'paragraph' as const,
})

/** Publishes a material release whose title, headings, bodies and change notes are all XSS payloads. */
async function publishPayloads() {
  await publishEdit(payload, {
    changeNote: () => XSS_PAYLOADS.slice(0, 10).join('\n'),
    justification: 'Attack suite',
    kind: 'material',
    sections: (rows) =>
      rows.map((row, index) => ({
        ...row,
        body: blocksToLexical([
          paragraph(XSS_PAYLOADS[index % XSS_PAYLOADS.length]!),
          {
            items: XSS_PAYLOADS.map((p) => ({ ...paragraph(p), children: [] })),
            ordered: false,
            type: 'list',
          },
        ]),
        heading: `${String(row.heading)} ${XSS_PAYLOADS[(index + 3) % XSS_PAYLOADS.length]}`,
      })),
    shortNoticeJustification: 'Attack suite: at once',
    title: () => `Persondataerklæring ${XSS_PAYLOADS[1]}`,
  })
}

beforeAll(async () => {
  const port = await sink.start()
  t = await bootPayload({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port) })
  payload = t.payload
  await seed(payload)
  await payload.create({
    collection: 'policy-subscribers',
    data: {
      confirmedAt: new Date(Date.now() - 1000).toISOString(),
      documents: ['privacy'],
      email: 'target@example.com',
      locale: 'da',
      status: 'confirmed',
    },
  })
  token = (
    await (
      await t.api('/users/login', {
        body: JSON.stringify({ email: 'editor@example.com', password: 'policy-docs-demo' }),
        headers: { 'Content-Type': 'application/json' },
        method: 'POST',
      })
    ).json()
  ).token
  await publishPayloads()
  for (
    let round = 0;
    round < 10 && !(await payload.jobs.run({ queue: 'default' })).noJobsRemaining;
    round++
  ) {
    // run the notice
  }
}, 60_000)

afterAll(async () => {
  await t?.destroy()
  await sink.stop()
})

describe('XSS: OWASP filter-evasion payloads in headings, bodies and change notes stay inert', () => {
  it('in the statement HTML of the release', async () => {
    for (const locale of ['da', 'en']) {
      const json = await (await t.api(`/policies/privacy?locale=${locale}`)).json()
      expect(json.version).toBe('3.0')
      assertInertHtml(json.html, `statement ${locale}`)
      expect(json.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    }
  })

  it('in the diff HTML, as JSON and as a fragment', async () => {
    const json = await (await t.api('/policies/privacy/diff?from=2.0&to=3.0&locale=da')).json()
    assertInertHtml(json.html, 'diff json')
    const fragment = await (
      await t.api('/policies/privacy/diff?from=2.0&to=3.0&locale=en&format=html')
    ).text()
    assertInertHtml(fragment, 'diff html')
    expect(fragment).toContain('&lt;svg/onload=alert(&#39;XSS&#39;)&gt;')
  })

  it('in the e-mail notice, HTML and headers', async () => {
    const mail = sink.to('target@example.com').at(-1)!
    expect(mail.text).toContain('<script>alert(1)</script>')
    assertInertHtml(mail.html, 'notice e-mail')
    expect(mail.subject).not.toMatch(/[\r\n]/)
  })

  it('in the banner (plain text fields) and the Atom feed (escaped before the CDATA)', async () => {
    const banner = await (await t.api('/policies/privacy/banner?locale=da')).json()
    expect(banner.show).toBe(true)
    for (const link of Object.values(banner.links) as Array<{ href: string }>) {
      expect(link.href).toMatch(/^(https?:\/\/|\/)/)
    }
    const feed = await (await t.api('/policies/privacy/feed?locale=da')).text()
    const cdata = [...feed.matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g)].map((m) => m[1]!).join('\n')
    assertInertHtml(cdata, 'feed entries')
  })
})

describe('anonymous probes reveal no draft, version, subscriber or job', () => {
  it.each([
    '/policy-documents?draft=true&locale=all&depth=2',
    '/policy-documents/versions?draft=true',
    '/policy-documents?select[title]=true&draft=true',
    '/policy-subscribers',
    '/policy-subscribers?where[email][exists]=true',
    '/policy-deliveries',
    '/policy-notices',
    '/policy-delivery-claims',
    '/payload-jobs',
    '/users',
  ])('REST GET %s is refused', async (path) => {
    const res = await t.api(path)
    expect([401, 403, 404]).toContain(res.status)
    const text = await res.text()
    expect(text).not.toContain('target@example.com')
    expect(text).not.toContain('editor@example.com')
  })

  it('the jobs run endpoint is refused', async () => {
    const res = await t.api('/payload-jobs/run', { method: 'GET' })
    expect([401, 403, 404]).toContain(res.status)
  })

  it.each([
    [
      'PolicyDocuments',
      '{ PolicyDocuments(draft: true, locale: all) { docs { title sections { heading } } } }',
    ],
    ['versionsPolicyDocuments', '{ versionsPolicyDocuments { docs { version { title } } } }'],
    ['PolicySubscribers', '{ PolicySubscribers { docs { email locale } } }'],
    ['PolicyDeliveries', '{ PolicyDeliveries { docs { subscriber status } } }'],
    ['PolicyNotices', '{ PolicyNotices { docs { version status } } }'],
    ['PolicyDeliveryClaims', '{ PolicyDeliveryClaims { docs { runner } } }'],
    ['Users', '{ Users { docs { email } } }'],
  ])('GraphQL %s answers nothing to anonymous requests', async (_name, query) => {
    const { json } = await graphql(query)
    const text = JSON.stringify(json)
    expect(json.errors?.length ?? 0).toBeGreaterThan(0)
    expect(text).not.toContain('target@example.com')
    expect(text).not.toContain('editor@example.com')
    expect(text).not.toMatch(/Persondataerklæring/)
  })
})

describe('releases cannot be changed through GraphQL, not even by an admin', () => {
  it('update and delete mutations fail and leave the release as it was', async () => {
    const [release] = (
      await payload.find({ collection: 'policy-releases', where: { version: { equals: '1.0' } } })
    ).docs as any[]
    const update = await graphql(
      `mutation { updatePolicyRelease(id: ${release.id}, data: { version: "9.9" }) { version } }`,
      token,
    )
    expect(update.json.errors?.[0]?.message).toBeTruthy()
    const remove = await graphql(
      `mutation { deletePolicyRelease(id: ${release.id}) { id } }`,
      token,
    )
    expect(remove.json.errors?.[0]?.message).toBeTruthy()
    const create = await graphql(
      `
        mutation {
          createPolicyRelease(data: { version: "8.0" }) {
            id
          }
        }
      `,
      token,
    )
    expect(create.json.errors?.[0]?.message).toBeTruthy()
    const after = await payload.findByID({ id: release.id, collection: 'policy-releases' })
    expect(after).toMatchObject({ hash: release.hash, version: '1.0' })
    expect((await (await t.api('/policies/privacy/verify')).json()).intact).toBe(true)
  })
})

describe('malformed input gets a clear 4xx and stores nothing', () => {
  const subscriberCount = async () =>
    (await payload.count({ collection: 'policy-subscribers' })).totalDocs

  it.each([
    ['GET', '/policies/privacy?at=2026-13-45'],
    ['GET', '/policies/privacy?at=' + '9'.repeat(5000)],
    ['GET', '/policies/' + 'a'.repeat(300)],
    ['GET', '/policies/..%2F..%2Fusers'],
    ['GET', '/policies/privacy%00'],
    ['GET', '/policies/privacy/releases/..%2f..%2fusers'],
    ['GET', '/policies/privacy/releases/1.0%3Cscript%3E'],
    ['GET', '/policies/privacy/diff?from=1.0&to=2.0&format=html%0d%0aSet-Cookie:x'],
    ['GET', '/policies/privacy/banner?seen=1.0.0.0'],
    ['GET', '/policies/privacy/feed?locale=%FF'],
    ['GET', '/policies/subscriptions/confirm?token=' + 'A'.repeat(100_000)],
    ['GET', '/policies/subscriptions/unsubscribe?token=%ZZ'],
    ['GET', '/policies/subscriptions/me'],
  ])('%s %#', async (method, path) => {
    const res = await t.api(path, { method })
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(res.status).toBeLessThan(500)
    const text = await res.text()
    expect(text).not.toMatch(/at .*\.(js|ts):\d+|node_modules/)
  })

  it.each([
    ['a JSON array', '[1,2,3]', 'application/json'],
    ['a JSON string', '"x"', 'application/json'],
    ['broken JSON', '{"email":', 'application/json'],
    [
      'wrong types',
      JSON.stringify({ documents: 'privacy', email: ['a@example.com'], locale: 7 }),
      'application/json',
    ],
    [
      'an unknown document',
      JSON.stringify({ documents: ['../users'], email: 'x@example.com', locale: 'da' }),
      'application/json',
    ],
    [
      'a bad address',
      JSON.stringify({ documents: ['privacy'], email: 'not-an-address', locale: 'da' }),
      'application/json',
    ],
    [
      'an address with a header injection',
      JSON.stringify({
        documents: ['privacy'],
        email: 'x@example.com\r\nBcc: y@example.com',
        locale: 'da',
      }),
      'application/json',
    ],
    [
      'a huge body',
      JSON.stringify({
        documents: ['privacy'],
        email: 'x@example.com',
        pad: 'x'.repeat(1_000_000),
      }),
      'application/json',
    ],
    ['XML', '<subscribe/>', 'application/xml'],
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), 'application/json'],
  ])('POST /policies/subscriptions with %s', async (_name, body, contentType) => {
    const before = await subscriberCount()
    const res = await t.api('/policies/subscriptions', {
      body: body as BodyInit,
      headers: { 'Content-Type': contentType, 'X-Forwarded-For': '203.0.113.9' },
      method: 'POST',
    })
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(res.status).toBeLessThan(500)
    expect((await res.json()).errors[0].message).toBeTruthy()
    expect(await subscriberCount()).toBe(before)
  })

  it('rate-limits the subscribe form per address, whoever asks', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 5; i++) {
      const res = await t.api('/policies/subscriptions', {
        body: JSON.stringify({ documents: ['privacy'], email: 'victim@example.com', locale: 'da' }),
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': `198.51.100.${i}` },
        method: 'POST',
      })
      statuses.push(res.status)
      if (res.status === 429) {
        expect(res.headers.get('retry-after')).toMatch(/^\d+$/)
      }
    }
    expect(statuses).toEqual([202, 202, 202, 429, 429])
  })

  it('refuses truncated and wrong-purpose tokens', async () => {
    for (let i = 0; i < 100 && sink.to('victim@example.com').length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    const confirm = sink.to('victim@example.com').at(-1)!
    const url = confirm.text.match(/https?:\/\/\S+subscriptions\/confirm\?token=([^&\s]+)/)!
    const tokenValue = decodeURIComponent(url[1]!)
    for (const bad of [tokenValue.slice(0, -1), tokenValue.slice(0, 20), `${tokenValue}x`]) {
      expect(
        (
          await t.api(`/policies/subscriptions/confirm?token=${encodeURIComponent(bad)}`, {
            body: '',
            method: 'POST',
          })
        ).status,
      ).toBe(400)
    }
    // A confirmation token is no unsubscribe or data-access token.
    expect(
      (await t.api(`/policies/subscriptions/me?token=${encodeURIComponent(tokenValue)}`)).status,
    ).toBe(400)
    expect(
      (
        await t.api(`/policies/subscriptions/unsubscribe?token=${encodeURIComponent(tokenValue)}`, {
          body: '',
          method: 'POST',
        })
      ).status,
    ).toBe(400)
  })
})
