/**
 * A database outage in the middle of a notice, on each lane's database:
 * - SQLite: another connection takes the write lock for 3 s (nobody else can write, as during a
 *   long migration or a stuck process);
 * - MongoDB and Postgres: a TCP proxy between Payload and the server drops every connection and
 *   refuses new ones for 3 s, as while a server restarts.
 * The runner keeps trying through the outage (as the jobs cron would), and afterwards every
 * subscriber has the notice and every delivery ends sent.
 */
import type { Payload } from 'payload'

import { createClient } from '@libsql/client'

import { resumeStalledNotices } from '../../plugin/notices/startNotice.js'
import { seed } from '../../seed/index.js'
import { bootPayload, type TestPayload } from '../helpers/bootPayload.js'
import { publishEdit, replaceBody } from '../helpers/publish.js'
import { SmtpSink } from '../helpers/smtpSink.js'
import { hostAndPort, TcpProxy, throughProxy } from '../helpers/tcpProxy.js'
import { laneDatabase } from '../helpers/testDatabase.js'

let t: TestPayload
let payload: Payload
let proxy: null | TcpProxy = null
const sink = new SmtpSink()
const emails = [
  'outage1@example.com',
  'outage2@example.com',
  'outage3@example.com',
  'outage4@example.com',
]
const outageMs = 3000

/** Makes the database unavailable for `outageMs`, the lane's way. */
async function outage(): Promise<void> {
  if (proxy) {
    await proxy.down()
    try {
      await new Promise((resolve) => setTimeout(resolve, outageMs))
    } finally {
      await proxy.up()
    }
    return
  }
  // SQLite: another connection takes the write lock; no one else can write until it ends.
  const blocker = createClient({ url: process.env.DATABASE_URI! })
  try {
    const lock = await blocker.transaction('write')
    await lock.execute('SELECT 1')
    await new Promise((resolve) => setTimeout(resolve, outageMs))
    await lock.rollback()
  } finally {
    blocker.close()
  }
}

beforeAll(async () => {
  const port = await sink.start()
  const lane = laneDatabase()
  // A short claim lease (5 minutes by default) so the message in flight at the outage is retried within the test.
  t = await bootPayload(
    { NOTICE_LEASE_SECONDS: '2', SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port) },
    {
      connectThrough:
        lane === 'sqlite'
          ? undefined
          : async (uri) => {
              proxy = new TcpProxy(hostAndPort(uri, lane === 'mongodb' ? 27017 : 5432))
              return throughProxy(uri, await proxy.up())
            },
    },
  )
  payload = t.payload
  await seed(payload)
}, 60_000)

afterAll(async () => {
  await proxy?.up()
  await t?.destroy()
  await proxy?.down()
  await sink.stop()
})

describe('database outage mid-notice', () => {
  it('resumes after the database is unavailable for seconds, as during a restart: nobody is lost and every delivery ends sent', async () => {
    for (const email of emails) {
      await payload.create({
        collection: 'policy-subscribers',
        data: {
          confirmedAt: new Date(Date.now() - 1000).toISOString(),
          documents: ['privacy'],
          email,
          locale: 'da',
          status: 'confirmed',
        },
      })
    }
    await publishEdit(payload, {
      changeNote: (locale) => `Udfald (${locale})`,
      justification: 'Outage test',
      kind: 'material',
      sections: replaceBody('third-parties', (locale) => `Udfald ${locale}`),
      shortNoticeJustification: 'Outage test: at once',
    })
    const notice = (
      await payload.find({ collection: 'policy-notices', limit: 1, sort: '-createdAt' })
    ).docs[0] as any
    sink.delayMs = 100
    const pluginConfig = (payload.config.custom as any).policyDocuments
    let stopped = false
    let sentBeforeOutage: number
    const failures: string[] = []
    // The runner, as the jobs cron: a round that fails during the outage is followed by the next one.
    const sending = (async () => {
      for (let round = 0; round < 300 && !stopped; round++) {
        try {
          await payload.jobs.run({ limit: 50, queue: 'default' })
          await resumeStalledNotices(payload, pluginConfig)
          if (
            ((await payload.findByID({ id: notice.id, collection: 'policy-notices' })) as any)
              .status === 'done'
          ) {
            return
          }
        } catch (error) {
          failures.push(error instanceof Error ? error.message : String(error))
        }
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      if (!stopped) {
        throw new Error(
          `the notice never finished; failed rounds: ${failures.slice(-3).join(' | ')}`,
        )
      }
    })()
    try {
      for (let i = 0; i < 400 && sink.to('outage1@example.com').length === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 25))
      }
      expect(sink.to('outage1@example.com')).toHaveLength(1)
      sentBeforeOutage = emails.filter((email) => sink.to(email).length > 0).length
      await outage()
      await sending
    } finally {
      // Whatever happened above, the runner stops here: it must not run on into the next test file.
      stopped = true
      await sending.catch(() => {})
    }
    const counts = emails.map((email) => sink.to(email).length)
    expect(counts.every((count) => count >= 1)).toBe(true)
    // Repeats are possible here: a message sent while its "sent" mark could not be written is sent
    // again once its claim's lease ends (2 s in this test, 5 min by default). They are counted, not hidden.
    process.stdout.write(
      `database outage (${t.database}): ${sentBeforeOutage} of ${emails.length} subscribers had the notice when it began; ` +
        `${counts.reduce((a, b) => a + b, 0)} messages for ${emails.length} subscribers, ${failures.length} failed runner rounds\n`,
    )
    const deliveries = (
      await payload.find({
        collection: 'policy-deliveries',
        pagination: false,
        where: { notice: { equals: notice.id } },
      })
    ).docs
    expect(deliveries.map((delivery: any) => delivery.status)).toEqual([
      'sent',
      'sent',
      'sent',
      'sent',
    ])
  }, 120_000)
})
