import type { Payload } from 'payload'

import { seed } from '../../seed/index.js'
import { bootPayload, type TestPayload } from '../helpers/bootPayload.js'
import { publishEdit, replaceBody } from '../helpers/publish.js'

let t: TestPayload
let payload: Payload

const DAY = 24 * 3600 * 1000

async function publish(kind: 'material' | 'minor', text: string, effectiveAt: Date) {
  await publishEdit(payload, {
    changeNote: (locale) => `${text} (${locale})`,
    effectiveAt: effectiveAt.toISOString(),
    justification: `Banner test: ${text}`,
    kind,
    sections: replaceBody('rights', (locale) => `${text} ${locale}`),
  })
}

const banner = async (query: string) => {
  const res = await t.api(`/policies/privacy/banner?${query}`)
  return { etag: res.headers.get('etag'), json: await res.json(), res }
}

beforeAll(async () => {
  t = await bootPayload()
  payload = t.payload
  await seed(payload)
}, 60_000)

afterAll(async () => {
  await t?.destroy()
})

describe('banner API', () => {
  it('shows nothing once the banner period of the last material release has ended', async () => {
    const { json, res } = await banner('locale=da')
    expect(res.status).toBe(200)
    expect(json).toMatchObject({ reason: 'ended', show: false })
  })

  it('shows a material release from publication, localized, with links, until the visitor has seen it', async () => {
    const effective = new Date(Date.now() + 40 * DAY)
    await publish('material', 'Nye rettigheder', effective)
    const { etag, json } = await banner('locale=da&seen=2.0')
    expect(json).toMatchObject({ phase: 'upcoming', show: true, version: '3.0' })
    expect(json.message).toMatch(/3\.0|ændr|opdater/i)
    expect(json.links.statement.href).toContain('/da/policies/privacy')
    expect(json.links.compare.href).toContain('from=2.0&to=3.0')
    expect(json.ariaLabel.length).toBeGreaterThan(0)
    expect(Date.parse(json.endsAt)).toBe(effective.getTime() + 30 * DAY)
    const english = await banner('locale=en')
    expect(english.json.locale).toBe('en')
    expect(english.json.message).not.toBe(json.message)
    expect((await banner('locale=da&seen=3.0')).json).toMatchObject({ reason: 'seen', show: false })
    const again = await t.api('/policies/privacy/banner?locale=da&seen=2.0', {
      headers: { 'If-None-Match': etag! },
    })
    expect(again.status).toBe(304)
  })

  it('keeps showing the material release after a minor one', async () => {
    await publish('minor', 'Stavefejl rettet', new Date(Date.now() + 41 * DAY))
    expect((await banner('locale=en&seen=2.0')).json).toMatchObject({ show: true, version: '3.0' })
  })

  it.each([
    ['locale=da&seen=banana', 400, /"seen" must be a version/],
    ['locale=zz', 400, /Unknown locale/],
    ['locale=da&seen=1.0&seen=2.0', 400, /at most once/],
  ])('answers %s with %i', async (query, status, message) => {
    const { json, res } = await banner(query)
    expect(res.status).toBe(status)
    expect(json.errors[0].message).toMatch(message)
  })
})
