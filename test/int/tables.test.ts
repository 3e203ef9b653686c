/**
 * Issue 12: tables in statements on real Payload. An imported table is stored as `@lexical/table`
 * nodes (the dev config's editor has `EXPERIMENTAL_TableFeature`), frozen and rendered as a
 * `<table>` in the release, and a new sub-processor row makes the next release material, with
 * "row added" in its summary.
 */
import type { Payload } from 'payload'

import type { Block } from '../../src/types.js'

import { blocksToLexical, lexicalToBlocks } from '../../src/lexical/index.js'
import { bootPayload, type TestPayload } from '../helpers/bootPayload.js'

let t: TestPayload
let payload: Payload
let auth: Record<string, string>

const table = (...rows: string[][]): Block => ({
  header: true,
  rows: rows.map((cells) => ({ cells: cells.map((text) => ({ html: text, text })) })),
  type: 'table',
})
const releases = async () =>
  (
    await payload.find({
      collection: 'policy-releases',
      depth: 0,
      pagination: false,
      sort: 'createdAt',
    })
  ).docs as any[]

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

describe('tables', () => {
  let id: number | string

  it('has an editor that can load and edit table nodes (else the admin could not open an imported table)', () => {
    const collection = payload.collections['policy-documents']!.config
    const sections = collection.flattenedFields.find((field) => field.name === 'sections') as any
    const body = sections.flattenedFields.find((field: any) => field.name === 'body')
    expect(body.editor.editorConfig.resolvedFeatureMap.has('experimental_table')).toBe(true)
  })

  it('imports an HTML table as a table node and reads it back', async () => {
    const content =
      '<h1>Privatlivspolitik</h1><h2>Underdatabehandlere</h2><p>Vi bruger disse.</p><table><thead><tr><th>Navn</th><th>Land</th></tr></thead><tbody><tr><td>Zendesk Inc.</td><td>Irland</td></tr></tbody></table>'
    const res = await t.api('/policies/import?locale=da', {
      body: JSON.stringify({ content, create: true, format: 'html', key: 'tables' }),
      headers: { ...auth, 'Content-Type': 'application/json' },
      method: 'POST',
    })
    expect(res.status).toBe(201)
    const { created, preview } = await res.json()
    expect(preview.sections[0].html).toContain(
      '<thead><tr><th scope="col">Navn</th><th scope="col">Land</th></tr></thead>',
    )
    id = created.id
    const doc = (await payload.findByID({
      id,
      collection: 'policy-documents',
      draft: true,
      locale: 'da',
    })) as any
    const node = doc.sections[0].body.root.children[1]
    expect(node.type).toBe('table')
    expect(node.children[0].children.map((cell: any) => [cell.type, cell.headerState])).toEqual([
      ['tablecell', 1],
      ['tablecell', 1],
    ])
    expect(lexicalToBlocks(doc.sections[0].body)[1]).toEqual(
      table(['Navn', 'Land'], ['Zendesk Inc.', 'Irland']),
    )
  })

  it('freezes and renders the table in the release, and a new sub-processor row is material with "row added"', async () => {
    const setBody = async (
      locale: 'da' | 'en',
      intro: string,
      rows: string[][],
      extra: Record<string, unknown> = {},
    ) => {
      const doc = (await payload.findByID({
        id,
        collection: 'policy-documents',
        draft: true,
        locale,
      })) as any
      const sections = doc.sections.map((row: any) => ({
        ...row,
        body: blocksToLexical([{ html: intro, text: intro, type: 'paragraph' }, table(...rows)]),
        heading: locale === 'da' ? 'Underdatabehandlere' : 'Sub-processors',
      }))
      const data = {
        sections,
        title: locale === 'da' ? 'Privatlivspolitik' : 'Privacy policy',
        ...extra,
      }
      return extra._status
        ? payload.update({ id, collection: 'policy-documents', data, locale })
        : payload.update({ id, collection: 'policy-documents', data, draft: true, locale })
    }
    await setBody('en', 'We use these.', [
      ['Name', 'Country'],
      ['Zendesk Inc.', 'Ireland'],
    ])
    await setBody(
      'da',
      'Vi bruger disse.',
      [
        ['Navn', 'Land'],
        ['Zendesk Inc.', 'Irland'],
      ],
      { _status: 'published', release: { changeKind: 'proposed', changeNote: 'Første udgave' } },
    )
    const [first] = await releases()
    expect(first.version).toBe('1.0')
    expect(first.snapshot.da.html).toContain(
      '<table><thead><tr><th scope="col">Navn</th><th scope="col">Land</th></tr></thead><tbody><tr><td>Zendesk Inc.</td><td>Irland</td></tr></tbody></table>',
    )

    await setBody(
      'en',
      'We use these.',
      [
        ['Name', 'Country'],
        ['Zendesk Inc.', 'Ireland'],
        ['Datadog Inc.', 'USA'],
      ],
      { release: { changeNote: 'New sub-processor' } },
    )
    await setBody(
      'da',
      'Vi bruger disse.',
      [
        ['Navn', 'Land'],
        ['Zendesk Inc.', 'Irland'],
        ['Datadog Inc.', 'USA'],
      ],
      {
        _status: 'published',
        release: {
          changeKind: 'proposed',
          changeNote: 'Ny underdatabehandler',
          effectiveAt: new Date(Date.now() + 31 * 24 * 3600 * 1000).toISOString(),
        },
      },
    )
    const latest = (await releases()).at(-1)
    expect(latest.version).toBe('2.0')
    expect(latest.decision).toMatchObject({ kind: 'material', proposal: 'material' })
    const rows = latest.diff.locales.da.sections[0].blocks[1].items
    expect(rows.map((row: any) => [row.key, row.type])).toEqual([
      ['Navn', 'unchanged'],
      ['Zendesk Inc.', 'unchanged'],
      ['Datadog Inc.', 'added'],
    ])
    expect(latest.diff.summary.da).toMatch(/række tilføjet: .Datadog Inc../)
  })
})
