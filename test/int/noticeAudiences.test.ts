/**
 * Audiences (issue 14): account holders (the host's `users`) get change notices alongside the
 * opt-in subscribers; one message per person per release; their one-click unsubscribe puts the
 * address on the document's suppression list, which later notices honour.
 */
import type { Payload } from 'payload'

import { countAudiences, suppressionsFor } from '../../plugin/notices/audiences.js'
import { seed } from '../../seed/index.js'
import { bootPayload, type TestPayload } from '../helpers/bootPayload.js'
import { publishEdit, replaceBody } from '../helpers/publish.js'
import { SmtpSink } from '../helpers/smtpSink.js'

let t: TestPayload
let payload: Payload
const sink = new SmtpSink()
let releases = 0

const pluginConfig = () => (payload.config.custom as { policyDocuments: any }).policyDocuments

async function publishMaterial(): Promise<void> {
  releases += 1
  await publishEdit(payload, {
    changeNote: (locale) => `Publikum ${releases} (${locale})`,
    justification: `Audience test ${releases}`,
    kind: 'material',
    sections: replaceBody('third-parties', (locale) => `Publikum ${releases} ${locale}`),
    shortNoticeJustification: `At once: ${releases}`,
  })
}

async function runJobs() {
  for (let round = 0; round < 20; round++) {
    if ((await payload.jobs.run({ limit: 50, queue: 'default' })).noJobsRemaining) {
      return
    }
  }
}

const mailsAbout = (address: string, release: number) =>
  sink.to(address).filter((mail) => mail.text.includes(`Publikum ${release}`))

beforeAll(async () => {
  const port = await sink.start()
  t = await bootPayload({
    NOTICE_AUDIENCE_USERS: 'true',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(port),
  })
  payload = t.payload
  await seed(payload)
  await runJobs()
  const earlier = new Date(Date.now() - 60_000).toISOString()
  await payload.create({
    collection: 'policy-subscribers',
    data: {
      confirmedAt: earlier,
      documents: ['privacy'],
      email: 'both@example.com',
      locale: 'da',
      status: 'confirmed',
    },
  })
  await payload.create({
    collection: 'users',
    data: { email: 'ana@example.com', language: 'en', password: 'audience-test-pw' },
  })
  await payload.create({
    collection: 'users',
    data: { email: 'Both@Example.com', language: 'en', password: 'audience-test-pw' },
  })
  await payload.create({
    collection: 'users',
    data: { email: 'bo@example.com', password: 'audience-test-pw' },
  })
}, 60_000)

afterAll(async () => {
  await t?.destroy()
  await sink.stop()
})

describe('account holders as an audience', () => {
  it('the publish preview counts each audience', async () => {
    const { totalDocs: users } = await payload.count({ collection: 'users' })
    expect(users).toBeGreaterThanOrEqual(3)
    expect(await countAudiences(payload, pluginConfig())).toEqual([
      { audience: 'Account holders', recipients: users },
    ])
  })

  it('mails every account holder in their language (default locale without one), and an address in two audiences once', async () => {
    await publishMaterial()
    await runJobs()
    expect(mailsAbout('ana@example.com', releases)).toHaveLength(1)
    expect(mailsAbout('ana@example.com', releases)[0]!.subject).toMatch(/We have updated/)
    expect(mailsAbout('bo@example.com', releases)).toHaveLength(1)
    expect(mailsAbout('bo@example.com', releases)[0]!.text).toContain('Publikum 1 (da)')
    // Subscriber and account holder at once (in another case): one message, as the subscriber (Danish).
    expect(mailsAbout('both@example.com', releases)).toHaveLength(1)
    expect(mailsAbout('both@example.com', releases)[0]!.text).toContain('Publikum 1 (da)')
  })

  it("an account holder's one-click unsubscribe suppresses later notices of that document, and export shows it", async () => {
    const mail = mailsAbout('ana@example.com', releases)[0]!
    const url = String(mail.headers.get('list-unsubscribe')).match(/<(http[^>]+)>/)![1]!
    expect(url).toContain('/policies/notices/unsubscribe?token=')
    const path = url.replace(/^https?:\/\/[^/]+\/api/, '')
    const get = await t.api(path)
    expect(get.status).toBe(200)
    expect(await suppressionsFor(payload, pluginConfig(), 'ana@example.com')).toEqual([])
    const post = await t.api(path, {
      body: 'List-Unsubscribe=One-Click',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      method: 'POST',
    })
    expect(post.status).toBe(200)
    const again = await t.api(path, {
      body: 'List-Unsubscribe=One-Click',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      method: 'POST',
    })
    expect(again.status).toBe(200)
    expect(await suppressionsFor(payload, pluginConfig(), ' ANA@example.com')).toMatchObject([
      { document: 'privacy' },
    ])
    const forged = await t.api(path.replace(/token=([^&]+)/, 'token=garbage'), {
      body: '',
      method: 'POST',
    })
    expect(forged.status).toBe(400)

    await publishMaterial()
    await runJobs()
    expect(mailsAbout('ana@example.com', releases)).toHaveLength(0)
    expect(mailsAbout('bo@example.com', releases)).toHaveLength(1)
  })
})
