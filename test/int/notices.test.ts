import type { Payload } from 'payload'

import { seed } from '../../seed/index.js'
import { messageIdFor } from '../../src/notices/index.js'
import { createToken, deriveTokenSecret } from '../../src/tokens/index.js'
import { bootPayload, type TestPayload } from '../helpers/bootPayload.js'
import { publishEdit, replaceBody } from '../helpers/publish.js'
import { linkIn, SmtpSink } from '../helpers/smtpSink.js'

let t: TestPayload
let payload: Payload
const sink = new SmtpSink()

const subscriberByEmail = async (email: string) =>
  (await payload.find({ collection: 'policy-subscribers', where: { email: { equals: email } } }))
    .docs[0] as any

async function subscribe(email: string, locale: string, confirm = true) {
  const before = sink.to(email).length
  const res = await t.api('/policies/subscriptions', {
    body: JSON.stringify({ documents: ['privacy'], email, locale }),
    headers: {
      'Content-Type': 'application/json',
      'X-Forwarded-For': `10.0.0.${Math.floor(Math.random() * 250)}`,
    },
    method: 'POST',
  })
  expect(res.status).toBe(202)
  await waitFor(() => sink.to(email).length > before)
  const mail = sink.to(email).at(-1)!
  const confirmUrl = linkIn(mail.text, '/subscriptions/confirm')
  if (confirm) {
    const path = confirmUrl.replace(/^https?:\/\/[^/]+\/api/, '')
    const res = await t.api(path, { body: '', method: 'POST' })
    expect(res.status).toBe(200)
  }
  return confirmUrl
}

async function waitFor(check: () => boolean, timeoutMs = 5000) {
  const start = Date.now()
  while (!check()) {
    if (Date.now() - start > timeoutMs) {
      throw new Error('timed out waiting')
    }
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** Publishes a new release of the seeded document with a changed third-parties section in both locales. */
async function publishChange(kind: 'material' | 'minor', label: string) {
  await publishEdit(payload, {
    changeNote: (locale) => (locale === 'da' ? `Ændring: ${label}` : `Change: ${label}`),
    justification: `Integration test: ${label}`,
    kind,
    sections: replaceBody('third-parties', (locale) => `${label} ${locale}`),
    shortNoticeJustification: `Takes effect at once in this test: ${label}`,
  })
}

async function runJobsUntilIdle() {
  for (let round = 0; round < 20; round++) {
    const result = await payload.jobs.run({ limit: 50, queue: 'default' })
    if (result.noJobsRemaining) {
      return
    }
  }
}

const notices = async () =>
  (await payload.find({ collection: 'policy-notices', pagination: false, sort: 'createdAt' }))
    .docs as any[]

beforeAll(async () => {
  const port = await sink.start()
  t = await bootPayload({
    NOTICE_RETRY_BASE_SECONDS: '0.2',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(port),
  })
  payload = t.payload
  await seed(payload)
  await runJobsUntilIdle()
}, 60_000)

afterAll(async () => {
  await t?.destroy()
  await sink.stop()
})

describe('double opt-in', () => {
  it('does not subscribe anyone until the e-mailed link is used, and a GET of the link changes nothing', async () => {
    const url = await subscribe('carol@example.com', 'da', false)
    expect((await subscriberByEmail('carol@example.com')).status).toBe('pending')
    const get = await t.api(url.replace(/^https?:\/\/[^/]+\/api/, ''))
    expect(get.status).toBe(200)
    expect(await get.text()).toContain('<form method="post"')
    expect((await subscriberByEmail('carol@example.com')).status).toBe('pending')
  })

  it('answers the same for known and unknown addresses', async () => {
    await subscribe('known@example.com', 'en')
    const answer = async (email: string) => {
      const res = await t.api('/policies/subscriptions', {
        body: JSON.stringify({ documents: ['privacy'], email, locale: 'en' }),
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '10.1.1.1' },
        method: 'POST',
      })
      return [res.status, await res.text()]
    }
    expect(await answer('known@example.com')).toEqual(await answer('unknown-person@example.com'))
  })

  it('refuses forged, expired and reused confirmation links', async () => {
    const url = await subscribe('dora@example.com', 'da')
    const path = url.replace(/^https?:\/\/[^/]+\/api/, '')
    const reused = await t.api(path, { body: '', method: 'POST' })
    expect(reused.status).toBe(400)
    const forged = path.replace(
      /token=([^&]+)/,
      (_m, token: string) => `token=${token.slice(0, -2)}${token.endsWith('A') ? 'B' : 'A'}`,
    )
    expect((await t.api(forged, { body: '', method: 'POST' })).status).toBe(400)
    const subscriber = await subscriberByEmail('dora@example.com')
    const expired = createToken({
      expiresAt: new Date(Date.now() - 1000),
      purpose: 'confirm',
      secret: deriveTokenSecret(t.config.secret),
      subject: String(subscriber.id),
    })
    expect(
      (
        await t.api(`/policies/subscriptions/confirm?token=${expired}`, {
          body: '',
          method: 'POST',
        })
      ).status,
    ).toBe(400)
    expect(
      (await t.api('/policies/subscriptions/confirm?token=garbage', { body: '', method: 'POST' }))
        .status,
    ).toBe(400)
  })
})

describe('change notices', () => {
  it('mails each confirmed subscriber exactly once, in their language, with RFC 8058 headers', async () => {
    await subscribe('alice@example.com', 'da')
    await subscribe('bob@example.com', 'en')
    await subscribe('dave@example.com', 'en')
    const daveLinks = sink.to('dave@example.com')
    // Dave unsubscribes before the release.
    const dave = await subscriberByEmail('dave@example.com')
    await payload.update({
      id: dave.id,
      collection: 'policy-subscribers',
      data: { status: 'unsubscribed' },
    })
    expect(daveLinks.length).toBe(1)

    const before = sink.mails.length
    await publishChange('material', 'Ny modtager')
    const [, notice] = await notices()
    expect(notice).toMatchObject({ kind: 'notice', status: 'queued', version: '3.0' })
    await runJobsUntilIdle()

    const sent = sink.mails.slice(before)
    expect(sent.map((mail) => mail.to).sort()).toEqual([
      'alice@example.com',
      'bob@example.com',
      'dora@example.com',
      'known@example.com',
    ])
    const alice = sink.to('alice@example.com').at(-1)!
    const bob = sink.to('bob@example.com').at(-1)!
    expect(alice.subject).toMatch(/persondataerklæring|Vi har opdateret/i)
    expect(bob.subject).toMatch(/We have updated/)
    expect(alice.text).toContain('Ændring: Ny modtager')
    expect(bob.text).toContain('Change: Ny modtager')
    expect(String(bob.headers.get('list-unsubscribe-post'))).toBe('List-Unsubscribe=One-Click')
    expect(String(bob.headers.get('list-unsubscribe'))).toMatch(
      /^<http:\/\/localhost:3000\/api\/policies\/subscriptions\/unsubscribe\?token=[^>]+>, <mailto:[^>]+>$/,
    )
    const release = (
      await payload.find({ collection: 'policy-releases', where: { version: { equals: '3.0' } } })
    ).docs[0]!
    const bobRecord = await subscriberByEmail('bob@example.com')
    expect(bob.messageId).toBe(
      messageIdFor({
        domain: 'example.com',
        kind: 'notice',
        releaseId: release.id,
        subscriberId: bobRecord.id,
      }),
    )
    // Proof of delivery: each delivery records what was sent to whom, when, and the server's answer.
    const { docs: proof } = await payload.find({
      collection: 'policy-deliveries',
      pagination: false,
      where: { subscriber: { equals: String(bobRecord.id) } },
    })
    const bobDelivery = proof.find((d: any) => d.messageId === bob.messageId) as any
    expect(bobDelivery).toMatchObject({ releaseVersion: '3.0', status: 'sent' })
    expect(bobDelivery.contentHash).toMatch(/^[0-9a-f]{64}$/)
    expect(bobDelivery.smtpResponse).toMatch(/^250/)
    expect(Date.parse(bobDelivery.sentAt)).toBeGreaterThan(0)
    const aliceRecord = await subscriberByEmail('alice@example.com')
    const { docs: aliceProof } = await payload.find({
      collection: 'policy-deliveries',
      pagination: false,
      where: { subscriber: { equals: String(aliceRecord.id) } },
    })
    expect((aliceProof[0] as any).contentHash).not.toBe(bobDelivery.contentHash)
    expect(sink.to('carol@example.com')).toHaveLength(1) // only her confirmation e-mail
    const [, done] = await notices()
    expect(done.status).toBe('done')
    expect(done.recipients).toBe(4)
  })

  it('sends nothing for a minor release', async () => {
    const before = sink.mails.length
    await publishChange('minor', 'Stavefejl')
    await runJobsUntilIdle()
    expect(sink.mails.length).toBe(before)
    expect(await notices()).toHaveLength(2)
  })

  it('notifies about a minor release when the editor asks, and not again from a request left on the draft', async () => {
    const doc = (await payload.find({ collection: 'policy-documents', limit: 1 })).docs[0]!
    await payload.update({
      id: doc.id,
      collection: 'policy-documents',
      data: { release: { notifyMinor: true } },
      draft: true,
      locale: 'da',
    })
    const before = sink.mails.length
    await publishChange('minor', 'Præcisering')
    await runJobsUntilIdle()
    expect(sink.mails.length - before).toBe(4)
    expect(sink.to('alice@example.com').at(-1)!.text).toContain('Ændring: Præcisering')
    await publishChange('minor', 'Endnu en præcisering')
    await runJobsUntilIdle()
    expect(sink.mails.length - before).toBe(4)
  })

  it('unsubscribes with a one-click POST, and a GET of the link does not', async () => {
    const bob = sink.to('bob@example.com').at(-1)!
    const url = String(bob.headers.get('list-unsubscribe')).match(/<(http[^>]+)>/)![1]!
    const path = url.replace(/^https?:\/\/[^/]+\/api/, '')
    const get = await t.api(path)
    expect(get.status).toBe(200)
    expect((await subscriberByEmail('bob@example.com')).status).toBe('confirmed')
    const post = await t.api(path, {
      body: 'List-Unsubscribe=One-Click',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      method: 'POST',
    })
    expect(post.status).toBe(200)
    expect((await subscriberByEmail('bob@example.com')).status).toBe('unsubscribed')
    const again = await t.api(path, {
      body: 'List-Unsubscribe=One-Click',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      method: 'POST',
    })
    expect(again.status).toBe(200)
  })
})
