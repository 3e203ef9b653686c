/**
 * Issue 9, item 11: subscription endpoints answer cross-origin scripts only from the origins in
 * `cors.subscriptions` (here CORS_SUBSCRIPTION_ORIGINS), and every answer says it varies by Origin.
 */
import { bootPayload, type TestPayload } from '../helpers/bootPayload.js'

const ALLOWED = 'https://www.example.com'
let t: TestPayload

beforeAll(async () => {
  t = await bootPayload({ CORS_SUBSCRIPTION_ORIGINS: ALLOWED })
}, 60_000)

afterAll(async () => {
  await t?.destroy()
})

const preflight = (origin: string) =>
  t.api('/policies/subscriptions', {
    headers: {
      'Access-Control-Request-Headers': 'content-type',
      'Access-Control-Request-Method': 'POST',
      Origin: origin,
    },
    method: 'OPTIONS',
  })

const subscribe = (origin: string) =>
  t.api('/policies/subscriptions', {
    body: JSON.stringify({ documents: ['privacy'], email: 'not-an-address', locale: 'da' }),
    headers: { 'Content-Type': 'application/json', Origin: origin },
    method: 'POST',
  })

describe('CORS on the subscription endpoints', () => {
  it('an allowed origin passes the preflight and may read the answer, without credentials', async () => {
    const res = await preflight(ALLOWED)
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED)
    expect(res.headers.get('access-control-allow-methods')).toMatch(/POST/)
    expect(res.headers.get('access-control-allow-credentials')).toBeNull()
    const answer = await subscribe(ALLOWED)
    expect(answer.status).toBe(400)
    expect(answer.headers.get('access-control-allow-origin')).toBe(ALLOWED)
    expect(answer.headers.get('vary')).toMatch(/origin/i)
  })

  it('any other origin gets no CORS headers, on the preflight and on the answer', async () => {
    const res = await preflight('https://evil.example')
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
    // (Payload's router adds Access-Control-Allow-Methods to everything; without an allowed origin it grants nothing.)
    const answer = await subscribe('https://evil.example')
    expect(answer.headers.get('access-control-allow-origin')).toBeNull()
    expect(answer.headers.get('vary')).toMatch(/origin/i)
  })
})
