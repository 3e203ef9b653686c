import type { TableChange } from '../../src/diff/index.js'
import type { Block, LocaleSnapshot, SectionKind } from '../../src/types.js'

import { diffLocale, renderDiffHtml, summarizeDiff } from '../../src/diff/index.js'
import { blocksToLexical, lexicalToBlocks, renderBlocksHtml } from '../../src/lexical/index.js'
import { classify } from '../../src/materiality/index.js'

type Table = Extract<Block, { type: 'table' }>

const cell = (text: string, html = text): { html: string; text: string } => ({ html, text })
const table = (header: boolean, ...rows: string[][]): Table => ({
  header,
  rows: rows.map((cells) => ({ cells: cells.map((c) => cell(c)) })),
  type: 'table',
})

const SUBPROCESSORS = table(
  true,
  ['Sub-processor', 'Purpose', 'Location'],
  ['Mailgun Technologies', 'E-mail delivery', 'EU'],
  ['Zendesk', 'Customer support', 'EU'],
  ['Stripe', 'Payments', 'EU'],
)

function snapshot(blocks: Block[], kind: SectionKind = 'general'): LocaleSnapshot {
  return {
    html: '',
    sections: [
      {
        blocks: [
          { html: 'We use these services.', text: 'We use these services.', type: 'paragraph' },
          ...blocks,
        ],
        heading: 'Services we use',
        key: 'services',
        kind,
      },
    ],
    title: 'Privacy statement',
  }
}

function tableDiff(prev: Table, next: Table): TableChange {
  const diff = diffLocale(snapshot([prev]), snapshot([next]), { locale: 'en' })
  const block = diff.sections[0]!.blocks[1]!
  if (block.blockType !== 'table')
    throw new Error(`expected a table change, got ${block.blockType}`)
  return block
}

describe('table blocks in Lexical', () => {
  it('round-trips through the @lexical/table node shape', () => {
    const blocks: Block[] = [
      {
        header: true,
        rows: [
          { cells: [cell('Name'), cell('Link')] },
          {
            cells: [
              cell('Stripe', '<strong>Stripe</strong>'),
              cell('Terms', '<a href="https://stripe.com/terms">Terms</a>'),
            ],
          },
        ],
        type: 'table',
      },
    ]
    const state = blocksToLexical(blocks)
    const node = state.root.children[0]!
    expect(node.type).toBe('table')
    if (node.type !== 'table') return
    expect(node.children.map((row) => row.type)).toEqual(['tablerow', 'tablerow'])
    expect(
      node.children[0]!.children.map((c) => [c.type, c.headerState, c.colSpan, c.rowSpan]),
    ).toEqual([
      ['tablecell', 1, 1, 1],
      ['tablecell', 1, 1, 1],
    ])
    expect(node.children[1]!.children.map((c) => c.headerState)).toEqual([0, 0])
    expect(node.children[1]!.children[0]!.children[0]!.type).toBe('paragraph')
    expect(lexicalToBlocks(state)).toEqual(blocks)
    expect(lexicalToBlocks(JSON.parse(JSON.stringify(state)))).toEqual(blocks)
  })

  it('reads a table as the editor saves it: header only when every first-row cell has the row-header bit, empty rows dropped', () => {
    const para = (value: string) => ({
      type: 'paragraph',
      children: value ? [{ type: 'text', text: value, format: 0 }] : [],
    })
    const tcell = (headerState: number, ...paragraphs: string[]) => ({
      type: 'tablecell',
      headerState,
      children: paragraphs.map(para),
    })
    const trow = (...cells: unknown[]) => ({ type: 'tablerow', children: cells })
    const blocks = lexicalToBlocks({
      root: {
        type: 'root',
        children: [
          {
            type: 'table',
            children: [
              trow(tcell(3, 'A'), tcell(1, 'B')),
              trow(tcell(2, ''), tcell(0, '')),
              trow(tcell(2, 'x'), tcell(0, 'one', 'two')),
            ],
          },
          { type: 'table', children: [trow(tcell(1, 'A'), tcell(0, 'B'))] },
          { type: 'table', children: [trow(tcell(1, ''))] },
        ],
      },
    })
    expect(blocks).toEqual([table(true, ['A', 'B'], ['x', 'one two']), table(false, ['A', 'B'])])
  })

  it('renders an accessible, escaped <table> with <th scope="col"> for the header row', () => {
    const html = renderBlocksHtml([
      {
        header: true,
        rows: [
          { cells: [cell('Name'), cell('<Where>', '&lt;Where&gt;')] },
          { cells: [cell('A & B', 'A &amp; B'), cell('EU')] },
        ],
        type: 'table',
      },
      {
        header: false,
        rows: [{ cells: [{ text: '<script>', html: undefined as unknown as string }] }],
        type: 'table',
      },
    ])
    expect(html).toBe(
      '<table><thead><tr><th scope="col">Name</th><th scope="col">&lt;Where&gt;</th></tr></thead><tbody><tr><td>A &amp; B</td><td>EU</td></tr></tbody></table>' +
        '<table><tbody><tr><td>&lt;script&gt;</td></tr></tbody></table>',
    )
  })
})

describe('diffing tables row by row, keyed by the first cell', () => {
  it('reports a new row as one added row, the rest unchanged', () => {
    const next = table(true, ...SUBPROCESSORS.rows.map((r) => r.cells.map((c) => c.text)), [
      'Datadog',
      'Monitoring',
      'USA',
    ])
    const change = tableDiff(SUBPROCESSORS, next)
    expect(change.type).toBe('changed')
    expect(change.items.map((r) => [r.key, r.type])).toEqual([
      ['Sub-processor', 'unchanged'],
      ['Mailgun Technologies', 'unchanged'],
      ['Zendesk', 'unchanged'],
      ['Stripe', 'unchanged'],
      ['Datadog', 'added'],
    ])
    expect(change.items[4]!.cells.map((c) => c.newText)).toEqual(['Datadog', 'Monitoring', 'USA'])
  })

  it('reports a removed row, and a row whose other cells changed as changed with word marks per cell', () => {
    const next = table(
      true,
      ['Sub-processor', 'Purpose', 'Location'],
      ['Mailgun Technologies', 'E-mail delivery and tracking', 'EU'],
      ['Stripe', 'Payments', 'EU'],
    )
    const change = tableDiff(SUBPROCESSORS, next)
    expect(change.items.map((r) => [r.key, r.type])).toEqual([
      ['Sub-processor', 'unchanged'],
      ['Mailgun Technologies', 'changed'],
      ['Zendesk', 'removed'],
      ['Stripe', 'unchanged'],
    ])
    const mailgun = change.items[1]!
    expect(mailgun.cells[0]!.flavour).toBeNull()
    expect(mailgun.cells[1]!.flavour).toBe('words')
    expect(
      mailgun.cells[1]!.parts.filter((p) => p.type === 'insert').map((p) => p.text.trim()),
    ).toEqual(['and tracking'])
  })

  it('matches rows by key, not by similarity: a changed first cell is a different row', () => {
    const next = table(
      true,
      ['Sub-processor', 'Purpose', 'Location'],
      ['Mailgun Inc.', 'E-mail delivery', 'EU'],
      ['Zendesk', 'Customer support', 'EU'],
      ['Stripe', 'Payments', 'EU'],
    )
    const change = tableDiff(SUBPROCESSORS, next)
    expect(change.items.map((r) => [r.key, r.type])).toEqual([
      ['Sub-processor', 'unchanged'],
      ['Mailgun Technologies', 'removed'],
      ['Mailgun Inc.', 'added'],
      ['Zendesk', 'unchanged'],
      ['Stripe', 'unchanged'],
    ])
  })

  it('treats keys with other spacing or case as the same row and reports a reordered row as moved', () => {
    const next = table(
      true,
      ['Sub-processor', 'Purpose', 'Location'],
      ['stripe', 'Payments', 'EU'],
      ['Mailgun  Technologies', 'E-mail delivery', 'EU'],
      ['Zendesk', 'Customer support', 'USA'],
    )
    const change = tableDiff(SUBPROCESSORS, next)
    const byKey = Object.fromEntries(change.items.map((r) => [r.key, r]))
    expect(change.items).toHaveLength(4)
    expect(byKey.stripe!.type).toBe('moved')
    expect(byKey.stripe!.oldIndex).toBe(3)
    expect(byKey.stripe!.cells[0]!.flavour).toBe('case')
    expect(byKey.Zendesk!.type).toBe('changed')
    expect(byKey.Zendesk!.cells[2]).toMatchObject({
      newText: 'USA',
      oldText: 'EU',
      flavour: 'words',
    })
  })

  it('renders the diff as a table with per-row change types, <th scope="col"> header cells and ins/del in cells', () => {
    const next = table(
      true,
      ['Sub-processor', 'Purpose', 'Location'],
      ['Mailgun Technologies', 'E-mail delivery', 'EU'],
      ['Stripe', 'Payments', 'EU'],
      ['<Datadog>', 'Monitoring', 'USA'],
    )
    const diff = diffLocale(snapshot([SUBPROCESSORS]), snapshot([next]), { locale: 'en' })
    const html = renderDiffHtml(diff)
    expect(html).toContain(
      '<table class="pd-entry changed" data-change="changed"><thead><tr class="pd-entry unchanged" data-change="unchanged"><th scope="col">Sub-processor</th>',
    )
    expect(html).toContain(
      '</th></tr></thead><tbody><tr class="pd-entry unchanged" data-change="unchanged"><td>Mailgun Technologies</td>',
    )
    expect(html).toMatch(
      /<tr class="pd-entry removed" data-change="removed"><td><del>.*?Zendesk<\/del><\/td>/,
    )
    expect(html).toMatch(
      /<tr class="pd-entry added" data-change="added"><td><ins>.*?&lt;Datadog&gt;<\/ins><\/td>/,
    )
    expect(html).not.toContain('<Datadog>')
  })

  it('says "row added: <first cell>" in the summary', () => {
    const next = table(true, ...SUBPROCESSORS.rows.map((r) => r.cells.map((c) => c.text)), [
      'Datadog',
      'Monitoring',
      'USA',
    ])
    const summary = summarizeDiff(
      diffLocale(snapshot([SUBPROCESSORS]), snapshot([next]), { locale: 'en' }),
    )
    expect(summary).toContain('row added: “Datadog”')
    const removed = table(
      true,
      ...SUBPROCESSORS.rows.slice(0, 3).map((r) => r.cells.map((c) => c.text)),
    )
    expect(
      summarizeDiff(diffLocale(snapshot([SUBPROCESSORS]), snapshot([removed]), { locale: 'en' })),
    ).toContain('row removed: “Stripe”')
  })

  it('reports a whole new table as added (all rows added), and a header row that became a body row as formatting', () => {
    const added = diffLocale(snapshot([]), snapshot([SUBPROCESSORS]), { locale: 'en' })
    const block = added.sections[0]!.blocks[1]!
    expect(block).toMatchObject({ blockType: 'table', oldIndex: null, type: 'added' })
    expect(summarizeDiff(added)).toContain('a new table')
    const noHeader = tableDiff(SUBPROCESSORS, { ...SUBPROCESSORS, header: false })
    expect(noHeader).toMatchObject({ header: false, oldHeader: true, type: 'changed' })
    expect(noHeader.items.every((row) => row.type === 'unchanged')).toBe(true)
  })

  it('leaves an identical table unchanged', () => {
    const diff = diffLocale(
      snapshot([SUBPROCESSORS]),
      snapshot([table(true, ...SUBPROCESSORS.rows.map((r) => r.cells.map((c) => c.text)))]),
      { locale: 'en' },
    )
    expect(diff.sections[0]!.type).toBe('unchanged')
    expect(diff.sections[0]!.blocks[1]!.type).toBe('unchanged')
  })
})

describe('materiality of table rows', () => {
  it('counts a new sub-processor row as material, like a new list item', () => {
    const next = table(true, ...SUBPROCESSORS.rows.map((r) => r.cells.map((c) => c.text)), [
      'Datadog Inc.',
      'Monitoring',
      'USA',
    ])
    const recipients = classify(
      diffLocale(snapshot([SUBPROCESSORS], 'recipients'), snapshot([next], 'recipients'), {
        locale: 'en',
      }),
    )
    expect(recipients.proposal).toBe('material')
    expect(recipients.reasons.find((r) => r.code === 'list-item-added')).toMatchObject({
      material: true,
      section: 'services',
    })
  })

  it('counts a new sub-processor row as material in a section of another kind too (organisation and country added)', () => {
    const next = table(true, ...SUBPROCESSORS.rows.map((r) => r.cells.map((c) => c.text)), [
      'Datadog Inc.',
      'Monitoring',
      'USA',
    ])
    const general = classify(
      diffLocale(snapshot([SUBPROCESSORS], 'general'), snapshot([next], 'general'), {
        locale: 'en',
      }),
      { suggestKinds: false },
    )
    expect(general.proposal).toBe('material')
    expect(general.reasons.filter((r) => r.material).map((r) => r.code)).toContain(
      'key-term-changed',
    )
  })

  it('counts a re-ordered table as editorial', () => {
    const next = table(
      true,
      ['Sub-processor', 'Purpose', 'Location'],
      ['Stripe', 'Payments', 'EU'],
      ['Mailgun Technologies', 'E-mail delivery', 'EU'],
      ['Zendesk', 'Customer support', 'EU'],
    )
    const result = classify(
      diffLocale(snapshot([SUBPROCESSORS], 'recipients'), snapshot([next], 'recipients'), {
        locale: 'en',
      }),
    )
    expect(result.proposal).not.toBe('material')
    expect(result.reasons.map((r) => r.code)).toEqual(['order-changed'])
  })
})
