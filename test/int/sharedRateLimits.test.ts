/**
 * Subscription rate limits shared by several processes (the `subscriptions.rateLimiter` option).
 * On Postgres and MongoDB the host config keeps them in the database (`postgresRateLimiter`,
 * `mongoRateLimiter`, database.ts), so the test's own Payload and an `npm run serve` process count
 * one mailbox together: three requests an hour in all, not three per process. The SQLite lane keeps
 * the plugin's default (each process counts in its own memory) and skips this file visibly.
 */
import { addressHash } from '../../plugin/notices/fanOut.js'
import { settleSubscriptionWork } from '../../plugin/subscriptions/afterAnswer.js'
import { bootPayload, type TestPayload } from '../helpers/bootPayload.js'
import { type ServeProcess, startServeProcess } from '../helpers/serveProcess.js'
import { SmtpSink } from '../helpers/smtpSink.js'

const lane = process.env.TEST_DATABASE ?? 'sqlite'
const describeShared = lane === 'postgres' || lane === 'mongodb' ? describe : describe.skip

/** The rate-limit store's entries: the `policy_rate_limits` table or collection. */
async function storedCounts(): Promise<{ key: string; points: number }[]> {
  const uri = process.env.DATABASE_URI!
  if (lane === 'mongodb') {
    const { MongoClient } = await import('mongodb')
    const client = await new MongoClient(uri).connect()
    try {
      const docs = await client.db().collection('policy_rate_limits').find({}).toArray()
      return docs.map((doc) => ({ key: String(doc.key), points: Number(doc.points) }))
    } finally {
      await client.close()
    }
  }
  const { default: pg } = await import('pg')
  const client = new pg.Client({ connectionString: uri })
  await client.connect()
  try {
    return (
      await client.query<{ key: string; points: number }>(
        'SELECT key, points FROM policy_rate_limits',
      )
    ).rows
  } finally {
    await client.end()
  }
}

let t: TestPayload
let serve: ServeProcess
const sink = new SmtpSink()

/** The subscribe request for `email`, as a site's form script sends it. */
const subscription = (email: string): RequestInit => ({
  body: JSON.stringify({ documents: ['privacy'], email, locale: 'en' }),
  headers: { 'Content-Type': 'application/json' },
  method: 'POST',
})

/** Subscribes `email` through the test's own Payload (no socket address: only the per-mailbox limit). */
const subscribeHere = (email: string) => t.api('/policies/subscriptions', subscription(email))

/** Subscribes `email` through the other process, over HTTP. */
const subscribeThere = (email: string) =>
  fetch(`${serve.url}/api/policies/subscriptions`, subscription(email))

describeShared(`subscription rate limits shared by two processes (${lane})`, () => {
  beforeAll(async () => {
    const port = await sink.start()
    const mail = { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port) }
    t = await bootPayload(mail)
    await t.payload.create({
      collection: 'policy-documents',
      data: { _status: 'draft', key: 'privacy', title: 'Privacy' },
      locale: 'en',
    })
    serve = await startServeProcess({ DATABASE_URI: process.env.DATABASE_URI, ...mail })
  }, 120_000)

  afterAll(async () => {
    await serve?.stop()
    // The subscriptions' e-mails go out after the answer: let them finish before Payload goes away.
    if (t) await settleSubscriptionWork(t.payload)
    await t?.destroy()
    await sink.stop()
  })

  it('counts one mailbox across both: the fourth request gets a 429 in either process', async () => {
    const statuses = [
      (await subscribeHere('shared@example.com')).status,
      (await subscribeThere('shared@example.com')).status,
      (await subscribeHere('shared@example.com')).status,
    ]
    expect(statuses).toEqual([202, 202, 202])
    const there = await subscribeThere('shared@example.com')
    expect(there.status).toBe(429)
    expect(Number(there.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await subscribeHere('shared@example.com')).status).toBe(429)
    // Another mailbox is not affected.
    expect((await subscribeThere('other@example.com')).status).toBe(202)
  })

  it('keeps the counts in its own table, outside Payload’s schema, naming mailboxes by hash', async () => {
    const rows = await storedCounts()
    expect(rows).toEqual(
      expect.arrayContaining([
        { key: `mailbox:${addressHash('shared@example.com')}`, points: 5 },
        { key: `mailbox:${addressHash('other@example.com')}`, points: 1 },
      ]),
    )
    // The store holds no address, only hashes of them.
    expect(rows.some((row) => row.key.includes('@'))).toBe(false)
    // The other process's TCP peer (127.0.0.1) has a per-client count too; this process has none.
    expect(rows.some((row) => row.key.startsWith('client:'))).toBe(true)
  })
})
