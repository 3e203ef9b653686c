import type { Payload } from 'payload'

import { seed } from '../../seed/index.js'
import { blocksToLexical } from '../../src/lexical/index.js'
import { bootPayload, type TestPayload } from '../helpers/bootPayload.js'

const paragraph = (text: string) => ({ html: text, text, type: 'paragraph' as const })

let t: TestPayload
let payload: Payload

beforeAll(async () => {
  t = await bootPayload()
  payload = t.payload
  await seed(payload)
}, 60_000)

afterAll(async () => {
  await t?.destroy()
})

describe('diff API', () => {
  it('shows the new data category and purpose of 2.0 as added list items, in JSON', async () => {
    const res = await t.api('/policies/privacy/diff?from=1.1&to=2.0&locale=da')
    expect(res.status).toBe(200)
    expect(res.headers.get('etag')).toBeTruthy()
    const json = await res.json()
    expect(json).toMatchObject({
      document: 'privacy',
      from: { version: '1.1' },
      locale: 'da',
      to: { kind: 'material', version: '2.0' },
    })
    const personal = json.diff.sections.find((section: any) => section.key === 'personal-data')
    expect(personal.type).toBe('changed')
    expect(JSON.stringify(personal)).toContain('Lokationsdata')
    expect(json.summary).toMatch(/Lokationsdata/)
    expect(json.html).toContain('<ins')
    const unchanged = json.diff.sections
      .filter((section: any) => section.type === 'unchanged')
      .map((s: any) => s.key)
    expect(unchanged).toContain('security')
  })

  it('answers format=html with an HTML fragment, English copy for locale=en, and 304 on a repeat', async () => {
    const res = await t.api('/policies/privacy/diff?from=1.1&to=2.0&locale=en&format=html')
    expect(res.headers.get('content-type')).toContain('text/html')
    const html = await res.text()
    expect(html).toContain('<ins')
    expect(html).toMatch(/[Ll]ocation/)
    const again = await t.api('/policies/privacy/diff?from=1.1&to=2.0&locale=en&format=html', {
      headers: { 'If-None-Match': res.headers.get('etag')! },
    })
    expect(again.status).toBe(304)
  })

  it('serves the latest changes since the previous release', async () => {
    const json = await (await t.api('/policies/privacy/changes?locale=en')).json()
    expect([json.from.version, json.to.version]).toEqual(['1.1', '2.0'])
  })

  it.each([
    ['/policies/privacy/diff?from=2.0&to=1.1', 400, /earlier version/],
    ['/policies/privacy/diff?from=2.0&to=2.0', 400, /earlier version/],
    ['/policies/privacy/diff?from=1.1&to=9.0', 404, /no release 9.0/],
    ['/policies/privacy/diff?from=1.1', 400, /"to" must be a version/],
    ['/policies/privacy/diff?from=abc&to=2.0', 400, /"from" must be a version/],
    ['/policies/privacy/diff?from=1.1&to=2.0&format=pdf', 400, /"format" must be json or html/],
    ['/policies/privacy/diff?from=1.1&to=2.0&locale=fr', 400, /Unknown locale/],
    ['/policies/nope/diff?from=1.1&to=2.0', 404, /Unknown policy document/],
  ])('answers %s with %i', async (path, status, message) => {
    const res = await t.api(path)
    expect(res.status).toBe(status)
    expect((await res.json()).errors[0].message).toMatch(message)
  })
})

describe('publish preview', () => {
  it('is refused to anonymous requests', async () => {
    const res = await t.api('/policies/privacy/preview')
    expect(res.status).toBe(401)
  })

  it('shows the diff of the draft, the proposal with reasons, and the versions, without creating anything', async () => {
    const { token } = await (
      await t.api('/users/login', {
        body: JSON.stringify({ email: 'editor@example.com', password: 'policy-docs-demo' }),
        headers: { 'Content-Type': 'application/json' },
        method: 'POST',
      })
    ).json()
    const doc = (await payload.find({ collection: 'policy-documents', draft: true, locale: 'da' }))
      .docs[0]!
    for (const locale of ['da', 'en'] as const) {
      const current = await payload.findByID({
        id: doc.id,
        collection: 'policy-documents',
        draft: true,
        locale,
      })
      await payload.update({
        id: doc.id,
        collection: 'policy-documents',
        data: {
          sections: current.sections!.map((row: any) =>
            row.key === 'third-parties'
              ? {
                  ...row,
                  body: blocksToLexical([
                    paragraph(
                      locale === 'da'
                        ? 'Vi deler data med reklamepartnere i USA.'
                        : 'We share data with advertising partners in the USA.',
                    ),
                  ]),
                }
              : row,
          ),
        },
        draft: true,
        locale,
      })
    }
    const res = await t.api('/policies/privacy/preview?locale=en', {
      headers: { Authorization: `JWT ${token}` },
    })
    expect(res.status).toBe(200)
    const preview = await res.json()
    expect(preview).toMatchObject({
      changed: true,
      previousVersion: '2.0',
      proposal: 'material',
      versions: { material: '3.0', minor: '2.1' },
    })
    expect(preview.reasons.length).toBeGreaterThan(0)
    expect(
      preview.reasons.every(
        (reason: any) => typeof reason.message === 'string' && reason.message.length > 0,
      ),
    ).toBe(true)
    expect(preview.diff.da.html).toContain('reklamepartnere')
    expect(preview.subscribers).toBe(0)
    // The seed left empty publish settings: the same rules as the publish say why it would be refused.
    expect(preview.check.outcome).toBeNull()
    expect(preview.check.problems).toContainEqual(
      expect.objectContaining({
        code: 'missing-change-note',
        message: expect.stringMatching(/change note in every language/),
      }),
    )
    expect((await payload.count({ collection: 'policy-releases' })).totalDocs).toBe(3)
  })
})
