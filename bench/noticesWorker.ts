/**
 * One process of the notices benchmark (bench/notices.ts), so each measurement has its own
 * memory figure and the senders compete for the sink as separate workers would. Modes:
 *
 * - `setup <subscribers>`: seeds a fresh SQLite file, adds confirmed subscribers in bulk, publishes
 *   a material release and prints `{ noticeId, publishMs }`.
 * - `plan <noticeId>`: plans the notice (`fanOutNotice`) and prints `{ ms, planned, rssGrowthMb }`.
 * - `plan-floor <count>`: the same number of delivery rows inserted from memory by one
 *   multi-row statement per 2,000 rows: the database's own floor for the fan-out.
 * - `send <noticeId> <startAt>`: runs the notice until no work is left and prints `{ ms, maxRssMb }`.
 * - `raw <count> <port> <connections>`: the peer: a raw nodemailer pooled transport sending the
 *   same number of messages of the same size to the same sink.
 */
import type { Payload } from 'payload'

import { randomUUID } from 'node:crypto'
import nodemailer from 'nodemailer'
import { getPayload } from 'payload'

import { fanOutNotice, runNotice } from '../plugin/notices/runNotice.js'

const [mode, arg1, arg2, arg3] = process.argv.slice(2)
const out = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`)
const rssMb = () => process.memoryUsage().rss / 1e6
// maxRSS is in KiB (getrusage): dividing by 1e3 read 2.4% low against rssMb's 1e6-byte megabytes.
const maxRssMb = () => (process.resourceUsage().maxRSS * 1024) / 1e6

async function boot(): Promise<{ payload: Payload; pluginConfig: any }> {
  const { default: config } = await import('../payload.config.js')
  const payload = await getPayload({ config })
  payload.logger.level = 'warn'
  return {
    payload,
    pluginConfig: (payload.config.custom as { policyDocuments: unknown }).policyDocuments,
  }
}

/** Adds `count` confirmed subscribers of `privacy` straight into the tables (bench setup, not the code under test). */
async function addSubscribers(payload: Payload, count: number): Promise<void> {
  const db = payload.db as any
  const subscribers = db.tables.policy_subscribers
  const texts = db.tables.policy_subscribers_texts
  const confirmedAt = new Date(Date.now() - 3600_000).toISOString()
  const CHUNK = 1000
  for (let start = 0; start < count; start += CHUNK) {
    const rows = Array.from({ length: Math.min(CHUNK, count - start) }, (_, i) => ({
      confirmedAt,
      createdAt: confirmedAt,
      email: `reader${start + i + 1}@example.com`,
      locale: (start + i) % 3 === 0 ? 'en' : 'da',
      status: 'confirmed',
      ...('tokenKey' in subscribers ? { tokenKey: randomUUID().replace(/-/g, '') } : {}),
      updatedAt: confirmedAt,
    }))
    const ids = (await db.drizzle
      .insert(subscribers)
      .values(rows)
      .returning({ id: subscribers.id })) as Array<{ id: number }>
    await db.drizzle
      .insert(texts)
      .values(ids.map(({ id }) => ({ order: 1, parent: id, path: 'documents', text: 'privacy' })))
  }
}

if (mode === 'setup') {
  const { payload } = await boot()
  const { seed } = await import('../seed/index.js')
  const { publishEdit, replaceBody } = await import('../test/helpers/publish.js')
  await seed(payload)
  await addSubscribers(payload, Number(arg1))
  const started = performance.now()
  await publishEdit(payload, {
    changeNote: (locale) =>
      locale === 'da'
        ? 'Vi bruger en ny databehandler til nyhedsbreve.'
        : 'We use a new processor for newsletters.',
    justification: 'Benchmark release',
    kind: 'material',
    sections: replaceBody(
      'third-parties',
      (locale) => `Benchmark ${locale}: ${'Ændret tekst om modtagere. '.repeat(20)}`,
    ),
    shortNoticeJustification: 'Benchmark: takes effect at once',
  })
  const publishMs = performance.now() - started
  const notice = (
    await payload.find({ collection: 'policy-notices', limit: 1, sort: '-createdAt' })
  ).docs[0]!
  out({ noticeId: notice.id, publishMs })
} else if (mode === 'plan') {
  const { payload, pluginConfig } = await boot()
  const notice = await payload.findByID({ id: arg1!, collection: 'policy-notices', depth: 0 })
  global.gc?.()
  const before = rssMb()
  const started = performance.now()
  const planned = await fanOutNotice(payload, pluginConfig, notice as never)
  const memory = process.memoryUsage()
  out({
    heapTotalMb: memory.heapTotal / 1e6,
    maxRssMb: maxRssMb(),
    ms: performance.now() - started,
    planned,
    rssBeforeMb: before,
    rssGrowthMb: maxRssMb() - before,
  })
} else if (mode === 'plan-floor') {
  const { payload } = await boot()
  const db = payload.db as any
  const table = db.tables.policy_deliveries
  const notice = await payload.create({
    collection: 'policy-notices',
    data: {
      documentKey: 'floor',
      kind: 'notice',
      noticeKey: `floor-${Date.now()}`,
      release: (await payload.find({ collection: 'policy-releases', limit: 1 })).docs[0]!.id,
      status: 'done',
      version: '0.0',
    },
    overrideAccess: true,
  })
  const now = new Date().toISOString()
  const started = performance.now()
  for (let start = 0; start < Number(arg1); start += 2000) {
    const rows = Array.from({ length: Math.min(2000, Number(arg1) - start) }, (_, i) => ({
      attempts: 0,
      createdAt: now,
      deliveryKey: `floor:${start + i}`,
      locale: 'da',
      notice: notice.id,
      source: 'policy-subscribers',
      status: 'pending',
      subscriber: String(start + i),
      updatedAt: now,
    }))
    await db.drizzle.insert(table).values(rows)
  }
  out({ ms: performance.now() - started })
} else if (mode === 'send') {
  const { payload, pluginConfig } = await boot()
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(arg2 ?? 0) - Date.now())))
  const started = performance.now()
  for (;;) {
    const result = await runNotice(payload, pluginConfig, arg1!, `bench-${process.pid}`)
    if (result.done) {
      break
    }
    // Another worker holds the rest: wait for it like the job queue would.
    const notice = (await payload.findByID({
      id: arg1!,
      collection: 'policy-notices',
      depth: 0,
    })) as unknown as { status: string }
    if (notice.status === 'done') {
      break
    }
    await new Promise((resolve) =>
      setTimeout(resolve, Math.min(1000, Math.max(10, result.nextRunAt.getTime() - Date.now()))),
    )
  }
  out({ maxRssMb: maxRssMb(), ms: performance.now() - started })
  const { closeNoticeSender } = await import('../plugin/notices/sender.js')
  await closeNoticeSender(payload, pluginConfig)
} else if (mode === 'raw') {
  const count = Number(arg1)
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    ignoreTLS: true,
    maxConnections: Number(arg3),
    maxMessages: Infinity,
    pool: true,
    port: Number(arg2),
    secure: false,
  })
  const size = Number(process.env.BENCH_MESSAGE_BYTES ?? 6000)
  const body = 'x'.repeat(Math.floor(size / 2))
  const started = performance.now()
  const WINDOW = 200
  for (let start = 0; start < count; start += WINDOW) {
    await Promise.all(
      Array.from({ length: Math.min(WINDOW, count - start) }, (_, i) =>
        transport.sendMail({
          from: 'privacy@example.com',
          html: `<p>${body}</p>`,
          subject: 'Benchmark',
          text: body,
          to: `raw${start + i}@example.com`,
        }),
      ),
    )
  }
  out({ maxRssMb: maxRssMb(), ms: performance.now() - started })
  transport.close()
}
process.exit(0)
