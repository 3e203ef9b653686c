import type { Payload } from 'payload'

/**
 * Issue 10 item 3 and issue 15: the publish rules run before anything is written. This file boots
 * Payload WITHOUT transactions (DB_TRANSACTIONS=false), as MongoDB without a replica set runs, so a
 * refusal that happened after the write would show here as a published document with no release.
 */
import { jest } from '@jest/globals'

import type { Block } from '../../src/types.js'

import { blocksToLexical } from '../../src/lexical/index.js'
import { bootPayload, supportsTransactions, type TestPayload } from '../helpers/bootPayload.js'

const paragraph = (text: string): Block => ({ html: text, text, type: 'paragraph' })
const body = (text: string) => blocksToLexical([paragraph(text)])
const inDays = (days: number) => new Date(Date.now() + days * 24 * 3600 * 1000).toISOString()

let t: TestPayload
let payload: Payload
let documentId: number | string
let token: string

const releases = async () =>
  (
    await payload.find({
      collection: 'policy-releases',
      depth: 0,
      pagination: false,
      sort: 'createdAt',
    })
  ).docs as any[]
const published = async (locale: 'da' | 'en') =>
  payload.findByID({ id: documentId, collection: 'policy-documents', locale }) as Promise<any>

/** Sets the draft's body of the section at `index` in one locale. */
async function draftBody(locale: 'da' | 'en', index: number, text: string) {
  const current = await payload.findByID({
    id: documentId,
    collection: 'policy-documents',
    draft: true,
    locale,
  })
  const sections = current.sections!.map((row: any, i: number) =>
    i === index ? { ...row, body: body(text) } : row,
  )
  await payload.update({
    id: documentId,
    collection: 'policy-documents',
    data: { sections },
    draft: true,
    locale,
  })
}

/** Publishes through REST as the admin does (PATCH with `draft=false`), in the admin language `language`. */
async function restPublish(
  locale: 'da' | 'en',
  language: 'da' | 'en',
  release: Record<string, unknown>,
) {
  const current = await payload.findByID({
    id: documentId,
    collection: 'policy-documents',
    draft: true,
    locale,
  })
  return t.api(`/policy-documents/${documentId}?locale=${locale}&draft=false`, {
    body: JSON.stringify({
      ...current,
      _status: 'published',
      release: { ...(current as any).release, ...release },
    }),
    headers: {
      'Accept-Language': language,
      Authorization: `JWT ${token}`,
      'Content-Type': 'application/json',
      Cookie: `payload-lng=${language}`,
    },
    method: 'PATCH',
  })
}

beforeAll(async () => {
  t = await bootPayload({ DB_TRANSACTIONS: 'false' })
  payload = t.payload
  await payload.create({
    collection: 'users',
    data: { email: 'editor@example.com', password: 'policy-docs-demo' },
  })
  token = (
    await (
      await t.api('/users/login', {
        body: JSON.stringify({ email: 'editor@example.com', password: 'policy-docs-demo' }),
        headers: { 'Content-Type': 'application/json' },
        method: 'POST',
      })
    ).json()
  ).token
  const doc = await payload.create({
    collection: 'policy-documents',
    data: {
      _status: 'draft',
      key: 'privacy',
      sections: [
        {
          body: body('Vi passer på dine data.'),
          heading: 'Indledning',
          key: 'intro',
          kind: 'general',
        },
        {
          body: body('Vi bruger dine data til levering.'),
          heading: 'Formål',
          key: 'purposes',
          kind: 'purposes',
        },
      ],
      title: 'Persondataerklæring',
    },
    draft: true,
    locale: 'da',
  })
  documentId = doc.id
}, 60_000)

afterAll(async () => {
  await t?.destroy()
})

describe('a refused publish writes nothing, even without transactions', () => {
  it('runs without transactions here, so nothing can be rolled back', async () => {
    expect(await supportsTransactions(payload)).toBe(false)
  })

  it('leaves a never-published document unpublished, with no release, when a locale is incomplete', async () => {
    await expect(
      payload.update({
        id: documentId,
        collection: 'policy-documents',
        data: { _status: 'published' },
        locale: 'da',
      }),
    ).rejects.toThrow(
      /The English text is incomplete; missing: the title, the heading of section “Indledning”/,
    )
    expect(await releases()).toHaveLength(0)
    const main = await payload.find({
      collection: 'policy-documents',
      depth: 0,
      where: { _status: { equals: 'published' } },
    })
    expect(main.totalDocs).toBe(0)
    const versions = await payload.findVersions({
      collection: 'policy-documents',
      where: { 'version._status': { equals: 'published' } },
    })
    expect(versions.totalDocs).toBe(0)
  })

  it('publishes 1.0 once every locale is complete', async () => {
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
        sections: da.sections!.map((row: any, index: number) => ({
          ...row,
          body: body(index === 0 ? 'We look after your data.' : 'We use your data for delivery.'),
          heading: index === 0 ? 'Introduction' : 'Purposes',
        })),
        title: 'Privacy statement',
      },
      draft: true,
      locale: 'en',
    })
    await payload.update({
      id: documentId,
      collection: 'policy-documents',
      data: { _status: 'published' },
      locale: 'da',
    })
    expect((await releases()).map((release) => release.version)).toEqual(['1.0'])
  })

  it('refuses a material change made in Danish only, in one Danish message naming the locales and sections; the published text stays', async () => {
    await draftBody('da', 1, 'Vi bruger dine data til levering og til markedsføring.')
    const info = jest.spyOn(payload.logger, 'info')
    const error = jest.spyOn(payload.logger, 'error')
    const res = await restPublish('da', 'da', {
      changeKind: 'proposed',
      changeNote: 'Nyt formål',
      effectiveAt: inDays(40),
    })
    expect(res.status).toBe(400)
    const answer = await res.json()
    // One readable text for the admin's toast, in the admin's language, with how to fix it.
    expect(answer.message).toMatch(
      /^Udgivelsen blev afvist\. (\d+ ting skal rettes|Én ting skal rettes):/,
    )
    expect(answer.message).toMatch(
      /Teksten på dansk er ændret i “Formål”, men teksten på engelsk er ikke/,
    )
    expect(answer.message).toMatch(/Oversættelse følger/)
    expect(answer.errors[0].data.problems.map((problem: any) => problem.code)).toEqual([
      'missing-change-note',
      'translation-gap',
    ])
    // An expected refusal: one info line without a stack trace, nothing at error level.
    expect(error).not.toHaveBeenCalled()
    expect(info).toHaveBeenCalledWith({ msg: answer.errors[0].message })
    info.mockRestore()
    error.mockRestore()
    expect(await releases()).toHaveLength(1)
    const da = await published('da')
    expect(da.sections[1].body.root.children[0].children[0].text).toBe(
      'Vi bruger dine data til levering.',
    )
    // Not even the settings sent with the refused publish were written (the admin form still holds them).
    const draft = await payload.findByID({
      id: documentId,
      collection: 'policy-documents',
      draft: true,
      locale: 'da',
    })
    expect((draft as any).release.changeNote).toBe('')
  })

  it('publishes with a "translation follows" declaration and a reason, recorded in the release, and starts the next release empty', async () => {
    await payload.update({
      id: documentId,
      collection: 'policy-documents',
      data: { release: { changeNote: 'New purpose (translation follows)' } },
      draft: true,
      locale: 'en',
    })
    const res = await restPublish('da', 'en', {
      changeKind: 'proposed',
      changeNote: 'Nyt formål',
      effectiveAt: inDays(40),
      translationFollows: [{ locale: 'en', reason: 'The translator delivers next week.' }],
    })
    expect(res.status).toBe(200)
    const latest = (await releases()).at(-1)
    expect(latest.version).toBe('2.0')
    expect(latest.translationFollows).toEqual([
      {
        changedIn: ['da'],
        locale: 'en',
        reason: 'The translator delivers next week.',
        sections: ['purposes'],
      },
    ])
    expect(latest.decision.translationFollows).toEqual(latest.translationFollows)
    // The settings start empty for the next release (the release keeps them).
    const after = (await payload.findByID({
      id: documentId,
      collection: 'policy-documents',
      draft: true,
      locale: 'da',
    })) as any
    expect(after.release).toMatchObject({
      changeKind: 'proposed',
      changeNote: '',
      effectiveAt: null,
      justification: null,
      translationFollows: [],
    })
    expect(latest.decision.draftSettings.translationFollows).toEqual([
      { locale: 'en', reason: 'The translator delivers next week.' },
    ])
  })

  it('says on the English page and banner, in English, that the Danish text changed and the translation follows', async () => {
    const en = await (await t.api('/policies/privacy/releases/2.0?locale=en')).json()
    expect(en.translationNotice).toMatch(
      /^The authoritative Danish text was changed on .* \(version 2\.0\)\. This English translation does not include the change yet; it will follow\.$/,
    )
    const da = await (await t.api('/policies/privacy/releases/2.0?locale=da')).json()
    expect(da.translationNotice).toBeNull()
    const banner = await (await t.api('/policies/privacy/banner?locale=en')).json()
    expect(banner.show).toBe(true)
    expect(banner.translationNotice).toBe(en.translationNotice)
    expect(
      (await (await t.api('/policies/privacy/banner?locale=da')).json()).translationNotice,
    ).toBeNull()
    // The declaration is in the public archive, and the chain (whose hash covers it) verifies.
    const archive = await (await t.api('/policies/privacy/archive.json')).json()
    expect(
      archive.releases.find((release: any) => release.version === '2.0').translationFollows,
    ).toHaveLength(1)
    const verdict = await (await t.api('/policies/privacy/verify')).json()
    expect(verdict.intact).toBe(true)
  })
})
