import type { Payload } from 'payload'

import { PUBLISHED_AT_CONTEXT_KEY } from '../../plugin/index.js'
import { blocksToLexical } from '../../src/lexical/index.js'
import { bootPayload, type TestPayload } from '../helpers/bootPayload.js'

const body = (text: string) => blocksToLexical([{ html: text, text, type: 'paragraph' }])

let t: TestPayload
let payload: Payload
let documentId: number | string

/** Publishes the document with a historical publication time (as the seed does). */
async function publishAt(
  publishedAt: string,
  effectiveAt: string,
  daText: string,
  enText: string,
  kind: 'material' | 'minor',
) {
  for (const locale of ['en', 'da'] as const) {
    const current = await payload.findByID({
      id: documentId,
      collection: 'policy-documents',
      draft: true,
      locale,
    })
    await payload.update({
      id: documentId,
      collection: 'policy-documents',
      context: { [PUBLISHED_AT_CONTEXT_KEY]: publishedAt },
      data: {
        _status: locale === 'da' ? 'published' : 'draft',
        release: {
          changeKind: kind,
          changeNote: locale === 'da' ? `Ændring ${daText}` : `Change ${enText}`,
          effectiveAt,
          justification: `Test history: ${daText}`,
        },
        sections: current.sections!.map((row: any) => ({
          ...row,
          body: body(locale === 'da' ? daText : enText),
        })),
      },
      draft: locale !== 'da',
      locale,
    })
  }
}

beforeAll(async () => {
  t = await bootPayload()
  payload = t.payload
  const doc = await payload.create({
    collection: 'policy-documents',
    data: {
      _status: 'draft',
      key: 'privacy',
      sections: [{ body: body('Udkast'), heading: 'Formål', key: 'purposes', kind: 'purposes' }],
      title: 'Persondataerklæring',
    },
    draft: true,
    locale: 'da',
  })
  documentId = doc.id
  const da = await payload.findByID({
    id: documentId,
    collection: 'policy-documents',
    draft: true,
    locale: 'da',
  })
  await payload.update({
    id: documentId,
    collection: 'policy-documents',
    data: {
      sections: da.sections!.map((row: any) => ({
        ...row,
        body: body('Draft'),
        heading: 'Purposes',
      })),
      title: 'Privacy statement',
    },
    draft: true,
    locale: 'en',
  })
  await publishAt(
    '2024-12-01T00:00:00.000Z',
    '2025-01-01T00:00:00.000Z',
    'Version et',
    'Version one',
    'material',
  )
  await publishAt(
    '2025-05-01T00:00:00.000Z',
    '2025-06-01T00:00:00.000Z',
    'Version et komma et',
    'Version one point one',
    'minor',
  )
  await publishAt(
    '2026-01-15T00:00:00.000Z',
    '2026-03-01T00:00:00.000Z',
    'Version to',
    'Version two',
    'material',
  )
  // A newer draft that must never leak.
  const current = await payload.findByID({
    id: documentId,
    collection: 'policy-documents',
    draft: true,
    locale: 'da',
  })
  await payload.update({
    id: documentId,
    collection: 'policy-documents',
    data: {
      sections: current.sections!.map((row: any) => ({ ...row, body: body('HEMMELIGT UDKAST') })),
      title: 'HEMMELIGT UDKAST',
    },
    draft: true,
    locale: 'da',
  })
}, 60_000)

afterAll(async () => {
  await t?.destroy()
})

describe('public read API', () => {
  it('serves the statement in force with a strong ETag and stale-while-revalidate', async () => {
    const res = await t.api('/policies/privacy?locale=da')
    expect(res.status).toBe(200)
    const json = await res.json()
    expect(json).toMatchObject({
      document: 'privacy',
      locale: 'da',
      previousVersion: '1.1',
      title: 'Persondataerklæring',
      version: '2.0',
    })
    expect(json.sections[0].blocks[0].text).toBe('Version to')
    expect(res.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]{32}"$/)
    expect(res.headers.get('cache-control')).toMatch(
      /^public, max-age=\d+, stale-while-revalidate=\d+$/,
    )
    expect(res.headers.get('content-type')).toContain('application/json')
  })

  it('answers If-None-Match with 304 and no body, and a changed tag with 200', async () => {
    const first = await t.api('/policies/privacy?locale=en')
    const etag = first.headers.get('etag')!
    const again = await t.api('/policies/privacy?locale=en', { headers: { 'If-None-Match': etag } })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    expect(again.headers.get('etag')).toBe(etag)
    const weak = await t.api('/policies/privacy?locale=en', {
      headers: { 'If-None-Match': `"other", W/${etag}` },
    })
    expect(weak.status).toBe(304)
    const stale = await t.api('/policies/privacy?locale=en', {
      headers: { 'If-None-Match': '"stale"' },
    })
    expect(stale.status).toBe(200)
  })

  it('gives each locale its own body and tag', async () => {
    const da = await t.api('/policies/privacy?locale=da')
    const en = await t.api('/policies/privacy?locale=en')
    expect(da.headers.get('etag')).not.toBe(en.headers.get('etag'))
    expect((await en.json()).sections[0].heading).toBe('Purposes')
  })

  it('answers which release was in force at a date', async () => {
    const cases: Array<[string, string]> = [
      ['2025-01-01', '1.0'],
      ['2025-05-31T23:59:59Z', '1.0'],
      ['2025-06-01', '1.1'],
      ['2026-02-28T12:00:00+01:00', '1.1'],
      ['2026-03-01', '2.0'],
    ]
    for (const [at, version] of cases) {
      const res = await t.api(`/policies/privacy?locale=da&at=${encodeURIComponent(at)}`)
      expect([at, (await res.json()).version]).toEqual([at, version])
    }
  })

  it('lists the archive newest first and serves one release by version', async () => {
    const list = await (await t.api('/policies/privacy/releases?locale=en')).json()
    expect(list.inForce).toBe('2.0')
    expect(list.releases.map((r: any) => [r.version, r.kind])).toEqual([
      ['2.0', 'material'],
      ['1.1', 'minor'],
      ['1.0', 'material'],
    ])
    expect(list.releases[0].changeNote).toBe('Change Version two')
    const one = await (await t.api('/policies/privacy/releases/1.1?locale=en')).json()
    expect(one).toMatchObject({ effectiveAt: '2025-06-01T00:00:00.000Z', version: '1.1' })
    expect(one.sections[0].blocks[0].text).toBe('Version one point one')
  })

  it('does not query the database for a cached hit', async () => {
    await t.api('/policies/privacy?locale=da')
    const db = payload.db as unknown as Record<string, (...args: unknown[]) => unknown>
    const calls: string[] = []
    const originals = new Map<string, (...args: unknown[]) => unknown>()
    for (const method of ['find', 'findOne', 'count', 'queryDrafts', 'findVersions']) {
      originals.set(method, db[method]!)
      db[method] = (...args: unknown[]) => {
        calls.push(method)
        return originals.get(method)!.apply(payload.db, args)
      }
    }
    try {
      const res = await t.api('/policies/privacy?locale=da')
      expect(res.status).toBe(200)
      const release = await t.api('/policies/privacy/releases/2.0?locale=da')
      expect(release.status).toBe(200)
    } finally {
      for (const [method, original] of originals) {
        db[method] = original
      }
    }
    expect(calls).toEqual([])
  })

  it.each([
    ['/policies/unknown?locale=da', 404, /Unknown policy document "unknown"/],
    ['/policies/privacy?locale=xx', 400, /Unknown locale "xx". Use one of: da, en/],
    ['/policies/privacy?locale=all', 400, /Unknown locale "all"/],
    ['/policies/privacy?locale=da&locale=en', 400, /at most once/],
    ['/policies/privacy?at=yesterday', 400, /"at" must be a date/],
    ['/policies/privacy?at=2026-02-30', 400, /not a real calendar date/],
    ['/policies/privacy?at=2024-06-01', 404, /No release of "privacy" was in force/],
    ['/policies/privacy/releases/2', 400, /version like 2.0/],
    ['/policies/privacy/releases/9.9', 404, /no release 9.9/],
    ['/policies/Privacy%20Policy', 400, /lowercase letters/],
    ['/policies/privacy/releases/1.0.0', 400, /version like/],
  ])('answers %s with %i and a clear message', async (path, status, message) => {
    const res = await t.api(path)
    expect(res.status).toBe(status)
    const json = await res.json()
    expect(json.errors[0].message).toMatch(message)
    expect(JSON.stringify(json)).not.toMatch(/at .*\.(js|ts):\d+/)
  })
})

describe('anonymous probes never leak drafts or history', () => {
  it.each([
    '/policy-documents',
    '/policy-documents?draft=true',
    '/policy-documents?locale=all&draft=true',
    '/policy-documents?depth=3&draft=true',
    '/policy-documents/versions',
    '/policy-documents/versions?draft=true',
  ])('GET %s reveals nothing', async (path) => {
    const res = await t.api(path)
    const text = await res.text()
    expect(res.status).toBe(403)
    expect(text).not.toContain('HEMMELIGT')
    expect(text).not.toContain('Version')
  })

  it('GET /policy-documents/:id and its versions reveal nothing, draft or not', async () => {
    for (const path of [
      `/policy-documents/${documentId}`,
      `/policy-documents/${documentId}?draft=true&locale=all`,
    ]) {
      const res = await t.api(path)
      expect([403, 404]).toContain(res.status)
      expect(await res.text()).not.toContain('HEMMELIGT')
    }
    const { docs } = await payload.findVersions({ collection: 'policy-documents', limit: 1 })
    const res = await t.api(`/policy-documents/versions/${docs[0]!.id}`)
    expect([403, 404]).toContain(res.status)
    expect(await res.text()).not.toContain('HEMMELIGT')
  })

  it('the public API never serves the unpublished draft', async () => {
    for (const path of [
      '/policies/privacy?locale=da&draft=true',
      '/policies/privacy/releases?locale=da&draft=true',
    ]) {
      const text = await (await t.api(path)).text()
      expect(text).not.toContain('HEMMELIGT')
    }
  })
})
