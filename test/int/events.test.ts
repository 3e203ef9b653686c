import type { Payload } from 'payload'

import { seed } from '../../seed/index.js'
import { bootPayload, type TestPayload } from '../helpers/bootPayload.js'
import { publishEdit, replaceBody } from '../helpers/publish.js'
import { SmtpSink } from '../helpers/smtpSink.js'

let t: TestPayload
let payload: Payload
const sink = new SmtpSink()
const DAY = 24 * 3600 * 1000

async function publishMaterial(text: string, effectiveAt: Date) {
  await publishEdit(payload, {
    changeNote: (locale) => `${text} (${locale})`,
    effectiveAt: effectiveAt.toISOString(),
    justification: `Events test: ${text}`,
    kind: 'material',
    sections: replaceBody('third-parties', (locale) => `${text} ${locale}`),
  })
  return (
    await payload.find({ collection: 'policy-releases', limit: 1, sort: ['-major', '-minor'] })
  ).docs[0] as any
}

async function runJobs() {
  for (let round = 0; round < 20; round++) {
    if ((await payload.jobs.run({ limit: 50, queue: 'default' })).noJobsRemaining) {
      return
    }
  }
}

const current = async (query = '') => (await t.api(`/policies/privacy?locale=da${query}`)).json()

beforeAll(async () => {
  const port = await sink.start()
  t = await bootPayload({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port) })
  payload = t.payload
  await seed(payload)
  await payload.create({
    collection: 'policy-subscribers',
    data: {
      confirmedAt: new Date(Date.now() - DAY).toISOString(),
      documents: ['privacy'],
      email: 'ane@example.com',
      locale: 'da',
      status: 'confirmed',
    },
  })
  await runJobs()
}, 60_000)

afterAll(async () => {
  await t?.destroy()
  await sink.stop()
})

describe('postponing and withdrawing a release that has not taken effect', () => {
  let release: any
  const effective = new Date(Date.now() + 40 * DAY)

  it('postpones: the release stays, the effective date moves, subscribers get a correction, the banner follows', async () => {
    release = await publishMaterial('Nye modtagere', effective)
    await runJobs()
    expect(sink.to('ane@example.com')).toHaveLength(1)
    const later = new Date(effective.getTime() + 20 * DAY)
    await payload.create({
      collection: 'policy-release-events',
      data: {
        effectiveAt: later.toISOString(),
        reason: 'Vi venter på en ny databehandleraftale.',
        release: release.id,
        type: 'postponed',
      },
      overrideAccess: true,
    })
    await runJobs()
    const mails = sink.to('ane@example.com')
    expect(mails).toHaveLength(2)
    expect(mails[1]!.text).toContain('Vi venter på en ny databehandleraftale.')
    const list = await (await t.api('/policies/privacy/releases?locale=da')).json()
    expect(list.releases[0]).toMatchObject({
      announcedEffectiveAt: effective.toISOString(),
      effectiveAt: later.toISOString(),
      status: 'active',
      version: '3.0',
    })
    expect(
      (await current(`&at=${new Date(effective.getTime() + DAY).toISOString()}`)).version,
    ).toBe('2.0')
    expect((await current(`&at=${new Date(later.getTime() + DAY).toISOString()}`)).version).toBe(
      '3.0',
    )
    const banner = await (await t.api('/policies/privacy/banner?locale=da')).json()
    expect(banner).toMatchObject({ effectiveAt: later.toISOString(), show: true, version: '3.0' })
    const verify = await (await t.api('/policies/privacy/verify')).json()
    expect(verify.intact).toBe(true)
    expect(verify.events).toEqual([{ problems: [], version: '3.0 postponed' }])
    const archive = await (await t.api('/policies/privacy/archive.json')).json()
    expect(archive.events).toHaveLength(1)
    // A rewritten announcement is caught from the archive alone.
    const { verifyChain } = await import('../../src/releases/index.js')
    archive.events[0].effectiveAt = new Date(later.getTime() + 99 * DAY).toISOString()
    expect(verifyChain(archive.releases, archive.events).events[0]!.problems.join()).toMatch(
      /does not match its hash/,
    )
  })

  it('refuses a postponement to an earlier date, and any edit or delete of an event', async () => {
    await expect(
      payload.create({
        collection: 'policy-release-events',
        data: {
          effectiveAt: new Date().toISOString(),
          reason: 'x',
          release: release.id,
          type: 'postponed',
        },
        overrideAccess: true,
      }),
    ).rejects.toThrow(/later than/)
    const [event] = (await payload.find({ collection: 'policy-release-events' })).docs
    await expect(
      payload.update({
        id: event!.id,
        collection: 'policy-release-events',
        data: { reason: 'changed' },
      }),
    ).rejects.toThrow(/immutable/)
    await expect(
      payload.delete({ id: event!.id, collection: 'policy-release-events' }),
    ).rejects.toThrow(/immutable/)
    expect(
      (
        await t.api('/policy-release-events', {
          body: JSON.stringify({ reason: 'x', release: release.id, type: 'withdrawn' }),
          headers: { 'Content-Type': 'application/json' },
          method: 'POST',
        })
      ).status,
    ).toBe(403)
  })

  it('withdraws: never in force, no banner, a correction to those notified', async () => {
    await payload.create({
      collection: 'policy-release-events',
      data: { reason: 'Ændringen er opgivet.', release: release.id, type: 'withdrawn' },
      overrideAccess: true,
    })
    await runJobs()
    const mails = sink.to('ane@example.com')
    expect(mails).toHaveLength(3)
    expect(mails[2]!.text).toContain('Ændringen er opgivet.')
    expect((await current(`&at=${new Date(Date.now() + 400 * DAY).toISOString()}`)).version).toBe(
      '2.0',
    )
    const list = await (await t.api('/policies/privacy/releases?locale=en')).json()
    expect(list.releases[0]).toMatchObject({ status: 'withdrawn', version: '3.0' })
    expect(list.inForce).toBe('2.0')
    expect((await (await t.api('/policies/privacy/banner?locale=da')).json()).show).toBe(false)
    await expect(
      payload.create({
        collection: 'policy-release-events',
        data: { reason: 'again', release: release.id, type: 'withdrawn' },
        overrideAccess: true,
      }),
    ).rejects.toThrow(/already withdrawn/)
  })

  it('refuses to postpone a release that is already in force', async () => {
    const { docs } = await payload.find({
      collection: 'policy-releases',
      where: { version: { equals: '2.0' } },
    })
    await expect(
      payload.create({
        collection: 'policy-release-events',
        data: { reason: 'late', release: docs[0]!.id, type: 'withdrawn' },
        overrideAccess: true,
      }),
    ).rejects.toThrow(/later release|took effect/)
  })
})
