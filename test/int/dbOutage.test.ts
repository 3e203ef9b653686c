import type { Payload } from 'payload'

import { createClient } from '@libsql/client'

import { resumeStalledNotices } from '../../plugin/notices/startNotice.js'
import { seed } from '../../seed/index.js'
import { bootPayload, type TestPayload } from '../helpers/bootPayload.js'
import { publishEdit, replaceBody } from '../helpers/publish.js'
import { SmtpSink } from '../helpers/smtpSink.js'

let t: TestPayload
let payload: Payload
const sink = new SmtpSink()
const emails = ['outage1@example.com', 'outage2@example.com', 'outage3@example.com', 'outage4@example.com']

beforeAll(async () => {
  const port = await sink.start()
  // A short claim lease (5 minutes by default) so the message in flight at the outage is retried within the test.
  t = await bootPayload({ NOTICE_LEASE_SECONDS: '2', SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port) })
  payload = t.payload
  await seed(payload)
}, 60_000)

afterAll(async () => {
  await t?.destroy()
  await sink.stop()
})

describe('database outage mid-notice', () => {
  it('resumes after the database is locked away for seconds, as during a restart: nobody is lost and every delivery ends sent', async () => {
    for (const email of emails) {
      await payload.create({
        collection: 'policy-subscribers',
        data: { confirmedAt: new Date(Date.now() - 1000).toISOString(), documents: ['privacy'], email, locale: 'da', status: 'confirmed' },
      })
    }
    await publishEdit(payload, {
      changeNote: (locale) => `Udfald (${locale})`,
      justification: 'Outage test',
      kind: 'material',
      sections: replaceBody('third-parties', (locale) => `Udfald ${locale}`),
      shortNoticeJustification: 'Outage test: at once',
    })
    const notice = (await payload.find({ collection: 'policy-notices', limit: 1, sort: '-createdAt' })).docs[0] as any
    sink.delayMs = 100
    const pluginConfig = (payload.config.custom as any).policyDocuments
    const sending = (async () => {
      for (let round = 0; round < 200; round++) {
        await payload.jobs.run({ limit: 50, queue: 'default' })
        await resumeStalledNotices(payload, pluginConfig)
        if (((await payload.findByID({ id: notice.id, collection: 'policy-notices' })) as any).status === 'done') {
          return
        }
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      throw new Error('the notice never finished')
    })()
    for (let i = 0; i < 200 && sink.to('outage1@example.com').length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
    expect(sink.to('outage1@example.com')).toHaveLength(1)
    // Another connection takes the write lock: no one else can write until it ends.
    const blocker = createClient({ url: process.env.DATABASE_URI! })
    const lock = await blocker.transaction('write')
    await lock.execute('SELECT 1')
    await new Promise((resolve) => setTimeout(resolve, 3000))
    await lock.rollback()
    blocker.close()
    await sending
    const counts = emails.map((email) => sink.to(email).length)
    expect(counts.every((count) => count >= 1)).toBe(true)
    // Repeats are possible here: a message sent while its "sent" mark could not be written is sent
    // again once its claim's lease ends (2 s in this test, 5 min by default). They are counted, not hidden.
    process.stdout.write(`database outage: ${counts.reduce((a, b) => a + b, 0)} messages for ${emails.length} subscribers\n`)
    const deliveries = (await payload.find({ collection: 'policy-deliveries', pagination: false, where: { notice: { equals: notice.id } } })).docs
    expect(deliveries.map((delivery: any) => delivery.status)).toEqual(['sent', 'sent', 'sent', 'sent'])
  }, 120_000)
})
