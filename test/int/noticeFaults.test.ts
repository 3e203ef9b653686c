import type { Payload } from 'payload'

import { resumeStalledNotices } from '../../plugin/notices/startNotice.js'
import { seed } from '../../seed/index.js'
import { bootPayload, type TestPayload } from '../helpers/bootPayload.js'
import { publishEdit, replaceBody } from '../helpers/publish.js'
import { SmtpSink } from '../helpers/smtpSink.js'
import { startNoticeWorker } from '../helpers/startNoticeWorker.js'

let t: TestPayload
let payload: Payload
let env: Record<string, string>
const sink = new SmtpSink()
let releaseCounter = 0

const pluginConfig = () => (payload.config.custom as { policyDocuments: any }).policyDocuments

/** Adds confirmed subscribers directly (the opt-in flow itself is covered by notices.test.ts). */
async function addSubscribers(emails: string[], locale = 'da') {
  for (const email of emails) {
    await payload.create({
      collection: 'policy-subscribers',
      data: {
        confirmedAt: new Date().toISOString(),
        documents: ['privacy'],
        email,
        locale,
        status: 'confirmed',
      },
    })
  }
}

async function removeAllSubscribers() {
  await payload.delete({ collection: 'policy-subscribers', where: { id: { exists: true } } })
}

/** Publishes a material release and returns its notice. */
async function publishMaterial(): Promise<any> {
  releaseCounter += 1
  const label = `Ændring nr. ${releaseCounter}`
  await publishEdit(payload, {
    changeNote: (locale) => `${label} (${locale})`,
    justification: `Fault test ${releaseCounter}`,
    kind: 'material',
    sections: replaceBody('third-parties', (locale) => `${label} ${locale}`),
    shortNoticeJustification: `At once: ${releaseCounter}`,
  })
  const { docs } = await payload.find({
    collection: 'policy-notices',
    limit: 1,
    sort: '-createdAt',
  })
  return docs[0]
}

const deliveries = async (noticeId: number | string) =>
  (
    await payload.find({
      collection: 'policy-deliveries',
      pagination: false,
      where: { notice: { equals: noticeId } },
    })
  ).docs as any[]

const noticeMailsTo = (email: string, noticeNumber: number) =>
  sink.to(email).filter((mail) => mail.text.includes(`Ændring nr. ${noticeNumber}`))

/**
 * Runs due jobs until the notice is done, sleeping until queued retries are due, and runs the
 * resume sweep as the worker's schedule does (`--handle-schedules`, every minute in production).
 */
async function runUntilDone(noticeId: number | string, timeoutMs = 20_000) {
  const start = Date.now()
  for (;;) {
    await payload.jobs.run({ limit: 50, queue: 'default' })
    await resumeStalledNotices(payload, pluginConfig())
    const notice = await payload.findByID({ id: noticeId, collection: 'policy-notices' })
    if ((notice as any).status === 'done') {
      return
    }
    if (Date.now() - start > timeoutMs) {
      throw new Error(`notice ${noticeId} not done: ${JSON.stringify(await deliveries(noticeId))}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

const startWorker = (args: string[]) => startNoticeWorker(env, args)

async function waitFor(check: () => boolean, timeoutMs: number) {
  const start = Date.now()
  while (!check()) {
    if (Date.now() - start > timeoutMs) {
      throw new Error('timed out waiting')
    }
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

beforeAll(async () => {
  const port = await sink.start()
  // Small claim batches, so that two runners share a notice of 16 recipients.
  env = {
    NOTICE_BATCH_SIZE: '4',
    NOTICE_LEASE_SECONDS: '2',
    NOTICE_RETRY_BASE_SECONDS: '0.2',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(port),
  }
  t = await bootPayload(env)
  env.DATABASE_URI = process.env.DATABASE_URI!
  env.PAYLOAD_SECRET = process.env.PAYLOAD_SECRET!
  payload = t.payload
  await seed(payload)
}, 60_000)

afterAll(async () => {
  await t?.destroy()
  await sink.stop()
})

afterEach(async () => {
  sink.delayMs = 0
  sink.failures.clear()
  await removeAllSubscribers()
})

describe('delivery faults', () => {
  it('retries temporary SMTP failures (4xx and dropped connections) and records permanent ones', async () => {
    await addSubscribers([
      'frank@example.com',
      'grace@example.com',
      'henry@example.com',
      'ida@example.com',
    ])
    sink.failures.set('frank@example.com', [
      { code: 451, message: 'Try again later' },
      { code: 421, message: 'Busy' },
    ])
    sink.failures.set('grace@example.com', [{ code: 550, message: 'No such user' }])
    sink.failures.set('henry@example.com', ['drop'])
    const notice = await publishMaterial()
    await runUntilDone(notice.id)
    const byEmail = async (email: string) => {
      const subscriber = (
        await payload.find({
          collection: 'policy-subscribers',
          where: { email: { equals: email } },
        })
      ).docs[0]!
      return (await deliveries(notice.id)).find((d) => d.subscriber === String(subscriber.id))
    }
    expect(noticeMailsTo('frank@example.com', releaseCounter)).toHaveLength(1)
    expect(await byEmail('frank@example.com')).toMatchObject({
      attempts: 3,
      lastError: null,
      status: 'sent',
    })
    expect(noticeMailsTo('henry@example.com', releaseCounter)).toHaveLength(1)
    expect(await byEmail('henry@example.com')).toMatchObject({
      attempts: 2,
      lastError: null,
      status: 'sent',
    })
    expect(noticeMailsTo('grace@example.com', releaseCounter)).toHaveLength(0)
    const grace = await byEmail('grace@example.com')
    expect(grace).toMatchObject({ attempts: 1, status: 'failed' })
    expect(grace.lastError).toMatch(/^permanent: .*550/)
    expect(noticeMailsTo('ida@example.com', releaseCounter)).toHaveLength(1)
  })

  it('delivers everything once the SMTP server is back after being down', async () => {
    await addSubscribers(['jens@example.com', 'karen@example.com'])
    const notice = await publishMaterial()
    await sink.stop()
    await payload.jobs.run({ limit: 50, queue: 'default' })
    const down = await deliveries(notice.id)
    expect(down.map((d) => d.status)).toEqual(['retry', 'retry'])
    expect(down[0].lastError).toMatch(/^temporary: /)
    await sink.start()
    await runUntilDone(notice.id)
    expect(noticeMailsTo('jens@example.com', releaseCounter)).toHaveLength(1)
    expect(noticeMailsTo('karen@example.com', releaseCounter)).toHaveLength(1)
  })

  it('does not mail someone who unsubscribes mid-notice', async () => {
    await addSubscribers(['lars@example.com', 'mette@example.com'])
    const notice = await publishMaterial()
    const mette = (
      await payload.find({
        collection: 'policy-subscribers',
        where: { email: { equals: 'mette@example.com' } },
      })
    ).docs[0]!
    // The notice has fanned out (deliveries planned) when Mette unsubscribes.
    await payload.update({
      id: notice.id,
      collection: 'policy-notices',
      data: {},
      overrideAccess: true,
    })
    const { fanOutNotice } = await import('../../plugin/notices/runNotice.js')
    await fanOutNotice(payload, pluginConfig(), notice)
    await payload.update({
      id: mette.id,
      collection: 'policy-subscribers',
      data: { status: 'unsubscribed' },
    })
    await runUntilDone(notice.id)
    expect(noticeMailsTo('lars@example.com', releaseCounter)).toHaveLength(1)
    expect(noticeMailsTo('mette@example.com', releaseCounter)).toHaveLength(0)
    const skipped = (await deliveries(notice.id)).find((d) => d.subscriber === String(mette.id))
    expect(skipped).toMatchObject({ status: 'skipped' })
  })
})

describe('the sender seam (a provider API instead of SMTP)', () => {
  it('hands each batch to `notices.sender`, records its answers as proof, and retries or records its failures', async () => {
    await addSubscribers(['nina@example.com', 'otto@example.com', 'pia@example.com'])
    const notice = await publishMaterial()
    const batches: string[][] = []
    // A test double of a provider's batch API: accepts a batch, answers per message.
    const provider = {
      send: async (messages: Array<{ messageId: string; to: string }>) => {
        batches.push(messages.map((message) => message.to))
        return messages.map((message) =>
          message.to === 'otto@example.com'
            ? {
                error: Object.assign(new Error('Recipient address rejected'), {
                  responseCode: 550,
                }),
                ok: false as const,
              }
            : { ok: true as const, response: `250 accepted ${message.messageId}` },
        )
      },
    }
    const config = pluginConfig()
    const { runNotice } = await import('../../plugin/notices/runNotice.js')
    const result = await runNotice(
      payload,
      { ...config, notices: { ...config.notices, sender: () => provider } },
      notice.id,
      'provider-test',
    )
    expect(result).toEqual({ done: true })
    expect(batches.flat().sort()).toEqual([
      'nina@example.com',
      'otto@example.com',
      'pia@example.com',
    ])
    expect(noticeMailsTo('nina@example.com', releaseCounter)).toHaveLength(0) // nothing went over SMTP
    const rows = await deliveries(notice.id)
    const byStatus = rows.map((d) => d.status).sort()
    expect(byStatus).toEqual(['failed', 'sent', 'sent'])
    const sent = rows.find((d) => d.status === 'sent')
    expect(sent.smtpResponse).toBe(`250 accepted ${sent.messageId}`)
    expect(sent.contentHash).toMatch(/^[0-9a-f]{64}$/)
    expect(rows.find((d) => d.status === 'failed').lastError).toMatch(
      /^permanent: Recipient address rejected/,
    )
  })
})

describe('crashes and concurrent runners', () => {
  const many = (prefix: string, count: number) =>
    Array.from({ length: count }, (_, i) => `${prefix}${i + 1}@example.com`)

  it('loses nobody when the worker is killed mid-notice, and duplicates at most what was in flight', async () => {
    const emails = many('kill', 12)
    await addSubscribers(emails)
    const notice = await publishMaterial()
    sink.delayMs = 400
    const worker = startWorker(['jobs'])
    await waitFor(
      () => emails.filter((email) => noticeMailsTo(email, releaseCounter).length > 0).length >= 4,
      60_000,
    )
    worker.child.kill('SIGKILL')
    await worker.exited
    // In flight at the kill: claimed under a live lease and not recorded (each may or may not have reached the sink).
    const inFlight = (await deliveries(notice.id)).filter(
      (d) =>
        ['pending', 'retry'].includes(d.status) &&
        d.leaseUntil &&
        Date.parse(d.leaseUntil) > Date.now(),
    ).length
    const before = emails.filter((email) => noticeMailsTo(email, releaseCounter).length > 0).length
    expect(before).toBeLessThan(emails.length)
    sink.delayMs = 0
    // The killed worker's job stays "processing" in Payload's queue forever; the sweep re-queues the notice.
    await new Promise((resolve) => setTimeout(resolve, 2500))
    expect(await resumeStalledNotices(payload, pluginConfig())).toBe(1)
    await runUntilDone(notice.id)
    const counts = emails.map((email) => noticeMailsTo(email, releaseCounter).length)
    expect(counts.every((count) => count >= 1)).toBe(true)
    // A batch is claimed, sent, then recorded: what was claimed and unrecorded at the kill may go out twice, nothing else.
    const duplicates = counts.reduce((a, b) => a + b, 0) - emails.length
    process.stdout.write(
      `worker killed mid-notice: ${duplicates} duplicate(s), ${inFlight} message(s) in flight at the kill\n`,
    )
    expect(inFlight).toBeLessThanOrEqual(8) // two batches of NOTICE_BATCH_SIZE
    expect(duplicates).toBeLessThanOrEqual(inFlight)
  }, 120_000)

  it('two runners in separate processes at once send nobody a message twice', async () => {
    const emails = many('twin', 32)
    await addSubscribers(emails)
    const notice = await publishMaterial()
    // Planned here, so both runners go straight to claiming (concurrent planning is tested in
    // noticeScale.test.ts). Slow enough that neither runner can finish before the other has
    // started, and with a lease no slow database outlasts: what is under test is that two claims
    // at once never take the same row, not a takeover after a lease ran out (the test above).
    const { fanOutNotice } = await import('../../plugin/notices/runNotice.js')
    await fanOutNotice(payload, pluginConfig(), notice)
    sink.delayMs = 400
    const twinEnv = { ...env, NOTICE_LEASE_SECONDS: '30' }
    const a = startNoticeWorker(twinEnv, ['notice', String(notice.id), 'on-go'])
    const b = startNoticeWorker(twinEnv, ['notice', String(notice.id), 'on-go'])
    await Promise.all([a.ready, b.ready])
    a.go()
    b.go()
    expect(await a.exited).toBe(0)
    expect(await b.exited).toBe(0)
    await runUntilDone(notice.id)
    const counts = emails.map((email) => noticeMailsTo(email, releaseCounter).length)
    expect(counts).toEqual(emails.map(() => 1))
    // Each delivery keeps the claim token (`<runner>#<batch>`) of the runner that sent it.
    const runners = new Set(
      (await deliveries(notice.id)).map((delivery) => String(delivery.claimedBy).split('#')[0]),
    )
    // Both processes really took part.
    expect(runners.size).toBe(2)
  }, 120_000)

  it('claims at once each take rows of their own, and none comes back empty while rows are due', async () => {
    const emails = many('claim', 32)
    await addSubscribers(emails)
    const notice = await publishMaterial()
    const { fanOutNotice } = await import('../../plugin/notices/runNotice.js')
    const { getDeliveryStore } = await import('../../plugin/notices/deliveryStore.js')
    await fanOutNotice(payload, pluginConfig(), notice)
    const store = await getDeliveryStore(payload, pluginConfig())
    // Eight claims of four race for the same first rows; together they can take all 32.
    const now = new Date()
    const claims = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        store.claim({
          claimToken: `racer-${i}`,
          leaseUntil: new Date(now.getTime() + 1000),
          limit: 4,
          noticeId: notice.id,
          now,
        }),
      ),
    )
    const ids = claims.flat().map((row) => String(row.id))
    expect(new Set(ids).size).toBe(ids.length)
    expect(claims.map((rows) => rows.length > 0)).toEqual(claims.map(() => true))
    // Their leases run out and the notice goes out to everyone once.
    await runUntilDone(notice.id)
    expect(emails.map((email) => noticeMailsTo(email, releaseCounter).length)).toEqual(
      emails.map(() => 1),
    )
  }, 60_000)
})

describe('corrections', () => {
  // Issue 10, item 1: the fan-out of a correction that reached nobody used `{ id: { in: ['-'] } }`
  // as a "match nothing" placeholder, which MongoDB refuses (CastError), so the job failed forever.
  it('finishes the correction of a notice that reached nobody without querying for recipients', async () => {
    releaseCounter += 1
    await publishEdit(payload, {
      changeNote: (locale) => `Ændring nr. ${releaseCounter} (${locale})`,
      effectiveAt: new Date(Date.now() + 60 * 24 * 3600 * 1000).toISOString(),
      justification: `Fault test ${releaseCounter}`,
      kind: 'material',
      sections: replaceBody('third-parties', (locale) => `Ændring nr. ${releaseCounter} ${locale}`),
    })
    const notice = (
      await payload.find({ collection: 'policy-notices', limit: 1, sort: '-createdAt' })
    ).docs[0] as any
    await runUntilDone(notice.id)
    expect(notice.recipients ?? 0).toBe(0)
    await payload.create({
      collection: 'policy-release-events',
      data: {
        reason: 'Opgivet.',
        release: typeof notice.release === 'object' ? notice.release.id : notice.release,
        type: 'withdrawn',
      },
      overrideAccess: true,
    })
    const correction = (
      await payload.find({
        collection: 'policy-notices',
        limit: 1,
        sort: '-createdAt',
        where: { kind: { equals: 'correction' } },
      })
    ).docs[0] as any
    expect(correction).toBeDefined()
    await runUntilDone(correction.id)
    expect(
      ((await payload.findByID({ id: correction.id, collection: 'policy-notices' })) as any)
        .recipients,
    ).toBe(0)
  })
})
