/**
 * Issue 12: importing an existing statement through the editors' endpoint, on real Payload: a
 * preview creates nothing, `create` makes a draft policy document with sections, keys, suggested
 * kinds and Lexical bodies, and bad input gets a clear 4xx.
 */
import type { Payload } from 'payload'

import { lexicalToBlocks } from '../../src/lexical/index.js'
import { makeDocx } from '../fixtures/import/makeDocx.js'
import { bootPayload, type TestPayload } from '../helpers/bootPayload.js'

let t: TestPayload
let payload: Payload
let auth: Record<string, string>

const post = (
  body: BodyInit,
  headers: Record<string, string> = {},
  query = 'locale=da',
): Promise<Response> =>
  t.api(`/policies/import?${query}`, { body, headers: { ...auth, ...headers }, method: 'POST' })
const postEn = (body: BodyInit, headers: Record<string, string>) => post(body, headers, 'locale=en')
const json = (value: unknown) =>
  [JSON.stringify(value), { 'Content-Type': 'application/json' }] as const

beforeAll(async () => {
  t = await bootPayload()
  payload = t.payload
  await payload.create({
    collection: 'users',
    data: { email: 'editor@example.com', password: 'policy-docs-demo' },
  })
  const login = await t.api('/users/login', {
    body: JSON.stringify({ email: 'editor@example.com', password: 'policy-docs-demo' }),
    headers: { 'Content-Type': 'application/json' },
    method: 'POST',
  })
  auth = { Authorization: `JWT ${(await login.json()).token}` }
}, 60_000)

afterAll(async () => {
  await t?.destroy()
})

const docx = () =>
  makeDocx([
    { heading: 1, text: 'Privatlivspolitik' },
    { heading: 2, text: 'Hvem er dataansvarlig?' },
    { bold: 'dataansvarlig', text: 'Jackon Danmark A/S er ' },
    { heading: 2, text: 'Dine rettigheder' },
    { bullet: 'Ret til indsigt' },
    { bullet: 'Ret til sletning' },
  ])

describe('POST /api/policies/import', () => {
  it('refuses anonymous callers', async () => {
    const res = await t.api('/policies/import?locale=da', {
      body: JSON.stringify({ content: '# x', format: 'markdown' }),
      headers: { 'Content-Type': 'application/json' },
      method: 'POST',
    })
    expect(res.status).toBe(401)
  })

  it('previews an uploaded .docx without creating anything', async () => {
    const form = new FormData()
    form.set(
      'file',
      new File([(await docx()) as Uint8Array<ArrayBuffer>], 'privatliv.docx', {
        type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      }),
    )
    const res = await post(form)
    expect(res.status).toBe(200)
    const { created, preview } = await res.json()
    expect(created).toBeNull()
    expect(preview).toMatchObject({
      format: 'docx',
      key: 'privatlivspolitik',
      title: 'Privatlivspolitik',
    })
    expect(preview.sections.map((s: any) => [s.key, s.kind])).toEqual([
      ['hvem-er-dataansvarlig', 'controller'],
      ['dine-rettigheder', 'rights'],
    ])
    expect(preview.sections[0].html).toBe(
      '<p>Jackon Danmark A/S er <strong>dataansvarlig</strong></p>',
    )
    expect((await payload.count({ collection: 'policy-documents' })).totalDocs).toBe(0)
  })

  it('creates a draft policy document from the upload, with Lexical bodies in the chosen locale', async () => {
    const form = new FormData()
    form.set('file', new File([(await docx()) as Uint8Array<ArrayBuffer>], 'privatliv.docx'))
    form.set('create', 'true')
    form.set('key', 'privacy')
    const res = await post(form)
    expect(res.status).toBe(201)
    const { created } = await res.json()
    expect(created.key).toBe('privacy')
    const doc = (await payload.findByID({
      id: created.id,
      collection: 'policy-documents',
      draft: true,
      locale: 'da',
    })) as any
    expect(doc).toMatchObject({ _status: 'draft', key: 'privacy', title: 'Privatlivspolitik' })
    expect(doc.sections.map((s: any) => [s.key, s.kind, s.heading])).toEqual([
      ['hvem-er-dataansvarlig', 'controller', 'Hvem er dataansvarlig?'],
      ['dine-rettigheder', 'rights', 'Dine rettigheder'],
    ])
    expect(lexicalToBlocks(doc.sections[1].body)).toEqual([
      {
        items: [
          { children: [], html: 'Ret til indsigt', text: 'Ret til indsigt' },
          { children: [], html: 'Ret til sletning', text: 'Ret til sletning' },
        ],
        ordered: false,
        type: 'list',
      },
    ])
    // Nothing is published by an import.
    expect((await payload.find({ collection: 'policy-releases' })).totalDocs).toBe(0)
  })

  it('imports the English translation into the same document, section by section, so it can be published', async () => {
    const english =
      '# Privacy policy\n\n## Who is the controller?\n\nJackon Danmark A/S is the **controller**.\n\n## Your rights\n\n- Right of access\n- Right to erasure\n'
    const res = await postEn(
      ...json({ content: english, create: true, format: 'markdown', into: 'privacy' }),
    )
    expect(res.status).toBe(200)
    const { id } = (
      await payload.find({
        collection: 'policy-documents',
        draft: true,
        where: { key: { equals: 'privacy' } },
      })
    ).docs[0]!
    const doc = (await payload.findByID({
      id,
      collection: 'policy-documents',
      draft: true,
      locale: 'en',
    })) as any
    expect(doc.title).toBe('Privacy policy')
    expect(doc.sections.map((s: any) => [s.key, s.kind, s.heading])).toEqual([
      ['hvem-er-dataansvarlig', 'controller', 'Who is the controller?'],
      ['dine-rettigheder', 'rights', 'Your rights'],
    ])
    // The Danish text is untouched, and with both locales the draft publishes as 1.0.
    const da = (await payload.findByID({
      id: doc.id,
      collection: 'policy-documents',
      draft: true,
      locale: 'da',
    })) as any
    expect(da.sections[0].heading).toBe('Hvem er dataansvarlig?')
    await payload.update({
      id: doc.id,
      collection: 'policy-documents',
      data: { _status: 'published' },
      locale: 'da',
    })
    expect(
      ((await payload.find({ collection: 'policy-releases' })).docs as any[]).map((r) => r.version),
    ).toEqual(['1.0'])
    const short = await postEn(
      ...json({
        content: '## Only one\n\nText.',
        create: true,
        format: 'markdown',
        into: 'privacy',
      }),
    )
    expect(short.status).toBe(400)
    expect((await short.json()).errors[0].message).toBe(
      'The imported text has 1 sections and "privacy" has 2: a translation must have the same sections, in the same order.',
    )
  })

  it('refuses a second document with the same key', async () => {
    const res = await post(
      ...json({
        content: '## Formål\n\nVi bruger data.',
        create: true,
        format: 'markdown',
        key: 'privacy',
      }),
    )
    expect(res.status).toBe(409)
    expect((await res.json()).errors[0].message).toBe(
      'A policy document with the key "privacy" exists already; choose another key.',
    )
  })

  it('imports pasted HTML without its scripts', async () => {
    const res = await post(
      ...json({
        content: '<h2>Formål</h2><p onclick="x()">Vi bruger data.<script>alert(1)</script></p>',
        create: true,
        format: 'html',
        key: 'pasted',
      }),
    )
    expect(res.status).toBe(201)
    const { created, preview } = await res.json()
    expect(preview.warnings).toEqual(['1 script removed', '1 event handler (on…) removed'])
    const doc = (await payload.findByID({
      id: created.id,
      collection: 'policy-documents',
      draft: true,
      locale: 'da',
    })) as any
    expect(JSON.stringify(doc.sections)).not.toMatch(/script|onclick|alert/)
  })

  it.each([
    [
      'no text',
      () => json({ format: 'markdown' }),
      400,
      'Give the text as "content", or a file as "base64" with its "filename".',
    ],
    [
      'empty text',
      () => json({ content: '', format: 'markdown' }),
      400,
      'The file or text is empty: there is nothing to import.',
    ],
    [
      'whitespace',
      () => json({ content: '   ', format: 'markdown' }),
      400,
      'The file or text is empty: there is nothing to import.',
    ],
    [
      'an unsupported type',
      () => json({ base64: 'JVBERi0=', filename: 'policy.pdf' }),
      415,
      'Files of type .pdf cannot be imported: upload a Word document (.docx), an HTML page (.html) or Markdown (.md).',
    ],
    [
      'a broken .docx',
      () => json({ base64: Buffer.from('not a zip').toString('base64'), filename: 'x.docx' }),
      400,
      'The file is not a readable Word document (.docx). Save it as .docx in Word and try again.',
    ],
    [
      'bad JSON',
      () => ['{', { 'Content-Type': 'application/json' }] as const,
      400,
      'The request body is not valid JSON.',
    ],
    [
      'a bad key',
      () => json({ content: '## A\n\nB', format: 'markdown', key: 'Not A Key' }),
      400,
      'The document key must be lowercase letters, digits and dashes (at most 64), e.g. "privacy".',
    ],
  ])('answers %s with a clear %s', async (_name, body, status, message) => {
    const res = await post(...(body() as unknown as [string, Record<string, string>]))
    expect(res.status).toBe(status)
    expect((await res.json()).errors[0].message).toBe(message)
  })

  it('answers a file over 5 MB with 413', async () => {
    const form = new FormData()
    form.set('file', new File([new Uint8Array(5 * 1024 * 1024 + 10)], 'big.docx'))
    const res = await post(form)
    expect(res.status).toBe(413)
    expect((await res.json()).errors[0].message).toMatch(/at most 5 MB can be imported/)
  })
})

describe('POST /api/policies/import-history', () => {
  const postHistory = (body: unknown, headers: Record<string, string> = auth) =>
    t.api('/policies/import-history', {
      body: JSON.stringify(body),
      headers: { ...headers, 'Content-Type': 'application/json' },
      method: 'POST',
    })
  const markdown = (title: string, sections: Array<[string, string]>) =>
    [`# ${title}`, ...sections.map(([heading, body]) => `## ${heading}\n\n${body}`)].join('\n\n')
  const da = (recipients: string, rights = 'Du har ret til indsigt, berigtigelse og sletning.') =>
    markdown('Privatlivspolitik for butikken', [
      ['Hvem er dataansvarlig?', 'Butikken ApS, Vestergade 1, 8000 Aarhus, er dataansvarlig.'],
      ['Modtagere', recipients],
      ['Dine rettigheder', rights],
    ])
  const en = (
    recipients: string,
    rights = 'You have the right of access, rectification and erasure.',
  ) =>
    markdown('Privacy policy of the shop', [
      ['Who is the controller?', 'Butikken ApS, Vestergade 1, 8000 Aarhus, is the controller.'],
      ['Recipients', recipients],
      ['Your rights', rights],
    ])
  const history = (key: string) => ({
    key,
    versions: [
      {
        changeNote: { da: 'Første udgave', en: 'First edition' },
        locales: {
          da: { content: da('Vi deler dine data med vores fragtfirma.'), format: 'markdown' },
          en: { content: en('We share your data with our carrier.'), format: 'markdown' },
        },
        publishedAt: '2019-03-01',
      },
      {
        // A new recipient in another country: material.
        effectiveAt: '2021-07-01',
        locales: {
          da: {
            content: da('Vi deler dine data med vores fragtfirma og med Mailchimp i USA.'),
            format: 'markdown',
          },
          en: {
            content: en('We share your data with our carrier and with Mailchimp in the USA.'),
            format: 'markdown',
          },
        },
        publishedAt: '2021-06-01',
      },
      {
        // A spelling fix: minor.
        locales: {
          da: {
            content: da(
              'Vi deler dine data med vores fragtfirma og med Mailchimp i USA.',
              'Du har ret til indsigt, berigtigelse og sletning af dine data.',
            ),
            format: 'markdown',
          },
          en: {
            content: en(
              'We share your data with our carrier and with Mailchimp in the USA.',
              'You have the right of access, rectification and erasure of your data.',
            ),
            format: 'markdown',
          },
        },
        publishedAt: '2023-01-15T10:00:00Z',
      },
    ],
  })

  it('refuses anonymous callers', async () => {
    expect((await postHistory(history('shop'), {})).status).toBe(401)
  })

  it('previews the releases a history would become, and stores nothing', async () => {
    const res = await postHistory(history('shop-preview'))
    expect(res.status).toBe(200)
    const { created, releases } = await res.json()
    expect(created).toBeNull()
    expect(releases.map((r: any) => [r.version, r.kind, r.publishedAt])).toEqual([
      ['1.0', 'material', '2019-03-01T00:00:00.000Z'],
      ['2.0', 'material', '2021-06-01T00:00:00.000Z'],
      ['2.1', 'minor', '2023-01-15T10:00:00.000Z'],
    ])
    expect(releases[1].effectiveAt).toBe('2021-07-01T00:00:00.000Z')
    const count = await payload.count({
      collection: 'policy-documents',
      where: { key: { equals: 'shop-preview' } },
    })
    expect(count.totalDocs).toBe(0)
  })

  it('creates the document and one imported release per version in one hash chain, which announces nothing', async () => {
    const noticesBefore = (await payload.count({ collection: 'policy-notices' })).totalDocs
    const res = await postHistory({ ...history('shop'), create: true })
    expect(res.status).toBe(201)
    const { created } = await res.json()
    expect(created.key).toBe('shop')
    const { docs } = await payload.find({
      collection: 'policy-releases',
      sort: ['major', 'minor'],
      where: { documentKey: { equals: 'shop' } },
    })
    expect(docs.map((r: any) => [r.version, r.kind, Boolean(r.imported)])).toEqual([
      ['1.0', 'material', true],
      ['2.0', 'material', true],
      ['2.1', 'minor', true],
    ])
    expect(docs[1]!.previousHash).toBe(docs[0]!.hash)
    expect(docs[2]!.previousHash).toBe(docs[1]!.hash)
    // The statement in force is the last version, in both locales, and says it was imported.
    const current = await (await t.api('/policies/shop?locale=en')).json()
    expect(current).toMatchObject({ imported: true, version: '2.1' })
    expect(current.html).toContain('erasure of your data')
    const verify = await (await t.api('/policies/shop/verify')).json()
    expect(verify.intact).toBe(true)
    // The import mark is covered by the hash: removing it from the archive breaks the chain.
    const archive = await (await t.api('/policies/shop/archive.json')).json()
    expect(archive.releases.every((r: any) => r.imported === true)).toBe(true)
    const { verifyChain } = await import('../../src/releases/index.js')
    delete archive.releases[1].imported
    expect(verifyChain(archive.releases).releases[1]!.problems.join()).toMatch(/import mark/)
    // No notice, no banner.
    expect((await payload.count({ collection: 'policy-notices' })).totalDocs).toBe(noticesBefore)
    const banner = await (await t.api('/policies/shop/banner?locale=da')).json()
    expect(banner.show).toBe(false)
    // The document is published with the last version's text in every locale.
    const doc: any = await payload.findByID({
      id: created.id,
      collection: 'policy-documents',
      locale: 'all',
    })
    expect(doc._status).toBe('published')
    expect(doc.title).toEqual({
      da: 'Privatlivspolitik for butikken',
      en: 'Privacy policy of the shop',
    })
    expect(doc.sections.map((s: any) => s.heading)).toEqual([
      { da: 'Hvem er dataansvarlig?', en: 'Who is the controller?' },
      { da: 'Modtagere', en: 'Recipients' },
      { da: 'Dine rettigheder', en: 'Your rights' },
    ])
    expect(doc.sections.map((s: any) => s.key)).toEqual(
      docs[2]!.snapshot.da.sections.map((s: any) => s.key),
    )
  })

  it('continues the chain with the next publish, which is not imported and compares with the last imported version', async () => {
    const { publishEdit } = await import('../helpers/publish.js')
    const doc = (
      await payload.find({ collection: 'policy-documents', where: { key: { equals: 'shop' } } })
    ).docs[0]!
    await publishEdit(payload, {
      changeNote: (locale) => (locale === 'da' ? 'Ny titel' : 'New title'),
      documentId: doc.id,
      justification: 'A new title only',
      kind: 'minor',
      title: (locale) => (locale === 'da' ? 'Privatlivspolitik' : 'Privacy policy'),
    })
    const { docs } = await payload.find({
      collection: 'policy-releases',
      sort: ['-major', '-minor'],
      where: { documentKey: { equals: 'shop' } },
    })
    expect(docs[0]).toMatchObject({ imported: false, previousHash: docs[1]!.hash, version: '2.2' })
    // The document held exactly the last imported version: no section changed, in either locale.
    for (const locale of ['da', 'en']) {
      expect(docs[0]!.diff.locales[locale].stats).toMatchObject({
        deletedWords: 0,
        insertedWords: 0,
        sectionsAdded: 0,
        sectionsChanged: 0,
        sectionsRemoved: 0,
      })
    }
    expect((await (await t.api('/policies/shop/verify')).json()).intact).toBe(true)
  })

  it('answers a history it cannot import with a 4xx that names the version, and stores nothing', async () => {
    const good = history('shop-bad')
    const cases: Array<[unknown, number, RegExp]> = [
      [{ key: 'shop-bad', versions: [] }, 400, /versions/],
      [{ ...good, key: 'Not A Key' }, 400, /key/],
      [
        { ...good, versions: [good.versions[1], good.versions[0]] },
        400,
        /Version 2 is not published after version 1/,
      ],
      [{ ...good, versions: [{ ...good.versions[0], publishedAt: '2999-01-01' }] }, 400, /future/],
      [
        { ...good, versions: [{ ...good.versions[0], publishedAt: 'yesterday' }] },
        400,
        /not a date/,
      ],
      [
        {
          ...good,
          versions: [{ ...good.versions[0], locales: { da: good.versions[0]!.locales.da } }],
        },
        400,
        /Version 1 has no en text/,
      ],
      [
        {
          ...good,
          versions: [good.versions[0], { ...good.versions[0], publishedAt: '2020-01-01' }],
        },
        400,
        /Version 2 .* same text/,
      ],
      [
        {
          ...good,
          versions: [
            {
              ...good.versions[0],
              locales: { ...good.versions[0]!.locales, en: { content: '', format: 'markdown' } },
            },
          ],
        },
        400,
        /Version 1, en: .*empty/,
      ],
      [
        {
          ...good,
          versions: [
            {
              ...good.versions[0],
              locales: {
                ...good.versions[0]!.locales,
                en: {
                  content: markdown('Privacy', [['Only one', 'Section.']]),
                  format: 'markdown',
                },
              },
            },
          ],
        },
        400,
        /same sections/,
      ],
      [{ ...good, versions: [{ ...good.versions[0], kind: 'huge' }] }, 400, /kind/],
      [{ ...good, key: 'shop' }, 409, /exists already/],
    ]
    for (const [body, status, message] of cases) {
      const res = await postHistory({ ...(body as object), create: true })
      expect([res.status, (await res.json()).errors[0].message]).toEqual([
        status,
        expect.stringMatching(message),
      ])
    }
    const res = await t.api('/policies/import-history', {
      body: '{"key":',
      headers: { ...auth, 'Content-Type': 'application/json' },
      method: 'POST',
    })
    expect(res.status).toBe(400)
    const count = await payload.count({
      collection: 'policy-documents',
      where: { key: { equals: 'shop-bad' } },
    })
    expect(count.totalDocs).toBe(0)
  })
})
