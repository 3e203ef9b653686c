import type { Payload } from 'payload'

import { seed } from '../../seed/index.js'
import { bootPayload, type TestPayload } from '../helpers/bootPayload.js'

let t: TestPayload
let payload: Payload

beforeAll(async () => {
  t = await bootPayload()
  payload = t.payload
}, 60_000)

afterAll(async () => {
  await t?.destroy()
})

describe('seed', () => {
  it('publishes the demo history 1.0, 1.1 and 2.0 with both locales', async () => {
    const result = await seed(payload)
    expect(result).toEqual({ createdUser: true, published: ['1.0', '1.1', '2.0'] })
    const { docs } = await payload.find({
      collection: 'policy-releases',
      pagination: false,
      sort: 'createdAt',
    })
    expect(docs.map((d: any) => [d.version, d.kind])).toEqual([
      ['1.0', 'material'],
      ['1.1', 'minor'],
      ['2.0', 'material'],
    ])
    const latest = docs[2] as any
    expect(latest.snapshot.da.title).toBe(
      'Persondataerklæring; netbaseret behandling af personoplysninger',
    )
    expect(latest.snapshot.en.sections.map((s: any) => s.key)).toEqual(
      latest.snapshot.da.sections.map((s: any) => s.key),
    )
    expect(JSON.stringify(latest.snapshot.da)).toContain('Lokationsdata')
    expect(docs[1]!.previousHash).toBe(docs[0]!.hash)
  })

  it('is idempotent', async () => {
    expect(await seed(payload)).toEqual({ createdUser: false, published: [] })
    expect((await payload.count({ collection: 'policy-releases' })).totalDocs).toBe(3)
    expect((await payload.count({ collection: 'policy-documents' })).totalDocs).toBe(1)
  })

  it('serves the seeded statement in force over the public API', async () => {
    const res = await t.api('/policies/privacy?locale=en')
    expect(res.status).toBe(200)
    const json = await res.json()
    expect(json.version).toBe('2.0')
    expect(json.sections.length).toBeGreaterThan(5)
  })
})
