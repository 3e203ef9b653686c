import type { Block, SectionSnapshot } from '../../src/types.js'

import { seedReleases } from '../../seed/data/history.js'
import { makeList, makeListItem, makeParagraph } from '../../seed/parsePrivacyStatement.js'
import {
  blocksToLexical,
  lexicalToBlocks,
  renderStatementHtml,
  sanitizeUrl,
  type SerializedListNode,
  type SerializedParagraphNode,
} from '../../src/lexical/index.js'

/** A Lexical text node as the editor saves it. */
function text(value: string, format = 0): Record<string, unknown> {
  return { type: 'text', detail: 0, format, mode: 'normal', style: '', text: value, version: 1 }
}

/** A Payload link node (`fields`), as richtext-lexical saves it. */
function link(
  url: unknown,
  children: unknown[],
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    type: 'link',
    children,
    direction: 'ltr',
    fields: { linkType: 'custom', newTab: false, url, ...extra },
    format: '',
    indent: 0,
    version: 3,
  }
}

function paragraph(...children: unknown[]): Record<string, unknown> {
  return {
    type: 'paragraph',
    children,
    direction: 'ltr',
    format: '',
    indent: 0,
    textFormat: 0,
    textStyle: '',
    version: 1,
  }
}

function state(...children: unknown[]): unknown {
  return { root: { type: 'root', children, direction: 'ltr', format: '', indent: 0, version: 1 } }
}

function only(blocks: Block[]): Block {
  expect(blocks).toHaveLength(1)
  const [block] = blocks
  if (!block) {
    throw new Error('no block')
  }
  return block
}

describe('blocksToLexical / lexicalToBlocks round trip', () => {
  it('is the identity on every section of every seed release, in both locales, through JSON', () => {
    let checked = 0
    for (const release of seedReleases) {
      for (const section of release.statement.sections) {
        for (const locale of ['da', 'en'] as const) {
          const blocks = section.blocks[locale]
          const stored: unknown = JSON.parse(JSON.stringify(blocksToLexical(blocks)))
          expect(lexicalToBlocks(stored)).toEqual(blocks)
          checked++
        }
      }
    }
    expect(checked).toBe(3 * 9 * 2)
  })

  it('is the identity on formatted and linked text', () => {
    const blocks: Block[] = [
      {
        type: 'paragraph',
        html: 'Læs <strong>vores</strong> <a href="https://example.com/?a=1&amp;b=2">cookie<em>politik</em></a> og <strong><em>skriv</em></strong> til <a href="mailto:dpo@example.com" rel="noopener noreferrer" target="_blank">os</a>.',
        text: 'Læs vores cookiepolitik og skriv til os.',
      },
      {
        type: 'list',
        items: [
          {
            children: [
              { children: [], html: 'H<sub>2</sub>O <code>x &lt; y</code>', text: 'H2O x < y' },
            ],
            html: '<s>gammel</s> <u>ny</u>',
            text: 'gammel ny',
          },
        ],
        ordered: true,
      },
    ]
    expect(lexicalToBlocks(blocksToLexical(blocks))).toEqual(blocks)
  })

  it('reads back the editor state it writes (lexical → blocks → lexical)', () => {
    const editorState = state(
      paragraph(
        text('Se '),
        link('https://example.com', [text('her', 1)]),
        text(' og '),
        text('der', 2),
      ),
    )
    const blocks = lexicalToBlocks(editorState)
    const again = blocksToLexical(blocks)
    expect(lexicalToBlocks(again)).toEqual(blocks)
    const [first] = again.root.children
    expect(first?.type).toBe('paragraph')
    expect((first as SerializedParagraphNode).children.map((child) => child.type)).toEqual([
      'text',
      'link',
      'text',
      'text',
    ])
  })
})

describe('blocksToLexical output', () => {
  it('writes the node fields Payload and Lexical expect', () => {
    const out = blocksToLexical([makeParagraph('Hej')])
    expect(out).toEqual({
      root: {
        type: 'root',
        children: [
          {
            type: 'paragraph',
            children: [
              {
                type: 'text',
                detail: 0,
                format: 0,
                mode: 'normal',
                style: '',
                text: 'Hej',
                version: 1,
              },
            ],
            direction: 'ltr',
            format: '',
            indent: 0,
            textFormat: 0,
            textStyle: '',
            version: 1,
          },
        ],
        direction: 'ltr',
        format: '',
        indent: 0,
        version: 1,
      },
    })
  })

  it('nests lists the Lexical way, with a wrapper item after the parent and Lexical item values', () => {
    const out = blocksToLexical([
      makeList(
        [
          makeListItem('A', [makeListItem('A1'), makeListItem('A2', [makeListItem('A2a')])]),
          makeListItem('B'),
        ],
        true,
      ),
    ])
    const list = out.root.children[0] as SerializedListNode
    expect([list.type, list.listType, list.tag, list.start]).toEqual(['list', 'number', 'ol', 1])
    expect(list.children.map((item) => [item.value, item.indent, item.children[0]?.type])).toEqual([
      [1, 0, 'text'],
      [2, 0, 'list'],
      [2, 0, 'text'],
    ])
    const nested = list.children[1]?.children[0] as SerializedListNode
    expect([nested.listType, nested.tag]).toEqual(['number', 'ol'])
    expect(
      nested.children.map((item) => [item.value, item.indent, item.children[0]?.type]),
    ).toEqual([
      [1, 1, 'text'],
      [2, 1, 'text'],
      [3, 1, 'list'],
    ])
    const deepest = nested.children[2]?.children[0] as SerializedListNode
    expect(deepest.children.map((item) => [item.value, item.indent])).toEqual([[1, 2]])

    const bullets = blocksToLexical([makeList([makeListItem('x')])]).root
      .children[0] as SerializedListNode
    expect([bullets.listType, bullets.tag]).toEqual(['bullet', 'ul'])
  })

  it('writes formatting as text format bits and links as Payload link nodes', () => {
    const out = blocksToLexical([
      {
        type: 'paragraph',
        html: '<strong>fed</strong> <a href="https://example.com" rel="noopener noreferrer" target="_blank"><em>link</em></a>',
        text: 'fed link',
      },
    ])
    const para = out.root.children[0] as SerializedParagraphNode
    expect(para.textFormat).toBe(1)
    expect(para.children).toEqual([
      { type: 'text', detail: 0, format: 1, mode: 'normal', style: '', text: 'fed', version: 1 },
      { type: 'text', detail: 0, format: 0, mode: 'normal', style: '', text: ' ', version: 1 },
      {
        type: 'link',
        children: [
          {
            type: 'text',
            detail: 0,
            format: 2,
            mode: 'normal',
            style: '',
            text: 'link',
            version: 1,
          },
        ],
        direction: 'ltr',
        fields: { linkType: 'custom', newTab: true, url: 'https://example.com' },
        format: '',
        indent: 0,
        version: 3,
      },
    ])
  })

  it('drops unsafe links and unknown markup found in a block html', () => {
    const out = blocksToLexical([
      {
        type: 'paragraph',
        html: '<a href="javascript:alert(1)">klik</a> <img src=x onerror=alert(1)><b>her</b>',
        text: 'klik her',
      },
    ])
    expect(JSON.stringify(out)).not.toMatch(/javascript|onerror|img/)
    expect(lexicalToBlocks(out)).toEqual([
      { type: 'paragraph', html: 'klik <strong>her</strong>', text: 'klik her' },
    ])
  })
})

describe('lexicalToBlocks', () => {
  it('renders every text format bit as its tag while text stays plain', () => {
    const cases: Array<[number, string]> = [
      [1, '<strong>x</strong>'],
      [2, '<em>x</em>'],
      [4, '<s>x</s>'],
      [8, '<u>x</u>'],
      [16, '<code>x</code>'],
      [32, '<sub>x</sub>'],
      [64, '<sup>x</sup>'],
      [1 | 2, '<strong><em>x</em></strong>'],
      [128, 'x'],
    ]
    for (const [format, html] of cases) {
      expect({ format, block: only(lexicalToBlocks(state(paragraph(text('x', format))))) }).toEqual(
        {
          format,
          block: { type: 'paragraph', html, text: 'x' },
        },
      )
    }
  })

  it('renders Payload links, autolinks and plain Lexical links, and keeps newTab', () => {
    const block = only(
      lexicalToBlocks(
        state(
          paragraph(
            link('https://a.example/x?y=1&z=2', [text('A')]),
            text(' '),
            { ...link('mailto:dpo@example.com', [text('B')]), type: 'autolink', version: 2 },
            text(' '),
            {
              type: 'link',
              children: [text('C')],
              url: '/privacy#rights',
              target: '_blank',
              version: 1,
            },
            text(' '),
            link('tel:+4512345678', [text('D')], { newTab: true }),
          ),
        ),
      ),
    )
    expect(block).toEqual({
      type: 'paragraph',
      html:
        '<a href="https://a.example/x?y=1&amp;z=2">A</a> <a href="mailto:dpo@example.com">B</a> ' +
        '<a href="/privacy#rights" rel="noopener noreferrer" target="_blank">C</a> ' +
        '<a href="tel:+4512345678" rel="noopener noreferrer" target="_blank">D</a>',
      text: 'A B C D',
    })
  })

  it('drops javascript:, data: and other unsafe link targets but keeps the link text', () => {
    const unsafe = [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' java\tscript:alert(1)',
      'java\nscript:alert(1)',
      '\u0001javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      '',
      42,
    ]
    for (const url of unsafe) {
      const block = only(lexicalToBlocks(state(paragraph(link(url, [text('klik')])))))
      expect({ url, block }).toEqual({
        url,
        block: { type: 'paragraph', html: 'klik', text: 'klik' },
      })
    }
    // An internal link has no URL without a resolver; its text survives as plain text.
    expect(
      only(
        lexicalToBlocks(
          state(
            paragraph(
              link(undefined, [text('dok')], {
                linkType: 'internal',
                doc: { relationTo: 'pages', value: 1 },
              }),
            ),
          ),
        ),
      ),
    ).toEqual({
      type: 'paragraph',
      html: 'dok',
      text: 'dok',
    })
  })

  it('escapes markup in text and attribute-breaking payloads in URLs', () => {
    const block = only(
      lexicalToBlocks(
        state(
          paragraph(
            text('<script>alert("x")</script> & '),
            link('https://example.com/" onmouseover="alert(1)', [text("it's")]),
          ),
        ),
      ),
    )
    expect(block).toEqual({
      type: 'paragraph',
      html: '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; <a href="https://example.com/&quot; onmouseover=&quot;alert(1)">it&#39;s</a>',
      text: '<script>alert("x")</script> & it\'s',
    })
    if (block.type !== 'paragraph') {
      throw new Error('expected a paragraph')
    }
    expect(block.html).not.toMatch(/<script|" onmouseover/)
    // The only tag is the anchor, and its only attribute is href.
    expect(block.html.match(/<[a-z][^>]*>/g)).toEqual([
      '<a href="https://example.com/&quot; onmouseover=&quot;alert(1)">',
    ])
  })

  it('normalizes whitespace across text nodes, line breaks and tabs', () => {
    const block = only(
      lexicalToBlocks(
        state(
          paragraph(
            text('  Hej   '),
            text(' verden ', 1),
            { type: 'linebreak', version: 1 },
            text('ny'),
            { type: 'tab', text: '\t' },
            text('linje  '),
          ),
        ),
      ),
    )
    expect(block).toEqual({
      type: 'paragraph',
      html: 'Hej <strong>verden </strong>ny linje',
      text: 'Hej verden ny linje',
    })
  })

  it('turns headings and quotes into paragraphs and drops empty paragraphs and text-less nodes', () => {
    const blocks = lexicalToBlocks(
      state(
        { type: 'heading', tag: 'h2', children: [text('Overskrift')], version: 1 },
        paragraph(),
        paragraph(text('   ')),
        { type: 'quote', children: [text('Citat')], version: 1 },
        { type: 'horizontalrule', version: 1 },
        { type: 'upload', value: 1, relationTo: 'media', version: 3 },
        {
          type: 'table',
          children: [
            {
              type: 'tablerow',
              children: [{ type: 'tablecell', children: [paragraph(text('Celle'))] }],
            },
          ],
        },
      ),
    )
    expect(blocks).toEqual([
      { type: 'paragraph', html: 'Overskrift', text: 'Overskrift' },
      { type: 'paragraph', html: 'Citat', text: 'Citat' },
      { type: 'table', header: false, rows: [{ cells: [{ html: 'Celle', text: 'Celle' }] }] },
    ])
  })

  it('reads nested lists, also when the nested list has no item before it or shares an item with text', () => {
    const item = (...children: unknown[]): Record<string, unknown> => ({
      type: 'listitem',
      children,
      value: 1,
      version: 1,
    })
    const list = (listType: string, ...children: unknown[]): Record<string, unknown> => ({
      type: 'list',
      listType,
      tag: listType === 'number' ? 'ol' : 'ul',
      children,
      version: 1,
    })
    const blocks = lexicalToBlocks(
      state(
        list(
          'bullet',
          item(list('bullet', item(text('løftet')))),
          item(text('A'), list('bullet', item(text('A1')))),
          item(list('bullet', item(text('A2')))),
          item(),
          item(paragraph(text('B'))),
        ),
        list('number', item(text('1'))),
        list('check', item(text('tjek'))),
      ),
    )
    expect(blocks).toEqual([
      {
        type: 'list',
        items: [
          { children: [], html: 'løftet', text: 'løftet' },
          {
            children: [
              { children: [], html: 'A1', text: 'A1' },
              { children: [], html: 'A2', text: 'A2' },
            ],
            html: 'A',
            text: 'A',
          },
          { children: [], html: 'B', text: 'B' },
        ],
        ordered: false,
      },
      { type: 'list', items: [{ children: [], html: '1', text: '1' }], ordered: true },
      { type: 'list', items: [{ children: [], html: 'tjek', text: 'tjek' }], ordered: false },
    ])
  })

  it('accepts the root node or a JSON string, and returns [] for anything unreadable', () => {
    const editorState = state(paragraph(text('Hej')))
    const expected = [{ type: 'paragraph', html: 'Hej', text: 'Hej' }]
    expect(lexicalToBlocks(editorState)).toEqual(expected)
    expect(lexicalToBlocks(JSON.stringify(editorState))).toEqual(expected)
    expect(lexicalToBlocks((editorState as { root: unknown }).root)).toEqual(expected)
    for (const bad of [
      null,
      undefined,
      42,
      'not json',
      [],
      {},
      { root: null },
      { root: { children: 'x' } },
      { root: { children: [null, 1, 'x', { type: 'paragraph', children: [{ type: 'text' }] }] } },
    ]) {
      expect(lexicalToBlocks(bad)).toEqual([])
    }
  })
})

describe('sanitizeUrl', () => {
  it('allows http(s), mailto, tel and relative URLs only', () => {
    for (const ok of [
      'https://example.com',
      'HTTP://example.com',
      'mailto:a@b.dk',
      'tel:+45',
      '/a/b',
      '#x',
      '?q=1',
      'side.html',
      '//cdn.example.com/x',
    ]) {
      expect({ ok, result: sanitizeUrl(ok) }).toEqual({ ok, result: ok })
    }
    for (const bad of [
      'javascript:x',
      'data:x',
      'blob:https://x',
      'ftp://x',
      'jav&#x09;ascript:x'.replace('&#x09;', '\t'),
    ]) {
      expect({ bad, result: sanitizeUrl(bad) }).toEqual({ bad, result: null })
    }
  })
})

describe('renderStatementHtml', () => {
  it('renders the title, sections, paragraphs and nested lists, escaping title, headings and keys', () => {
    const sections: SectionSnapshot[] = [
      {
        blocks: [
          makeParagraph('Tekst <b>'),
          makeList([makeListItem('A', [makeListItem('A1')]), makeListItem('B')], true),
        ],
        heading: 'Overskrift & "mere"',
        key: 'intro"><script>',
        kind: 'general',
      },
      {
        blocks: [{ type: 'paragraph', html: '<strong>fed</strong>', text: 'fed' }],
        heading: 'To',
        key: 'two',
        kind: 'rights',
      },
    ]
    expect(renderStatementHtml({ sections, title: '<Titel>' })).toBe(
      '<article class="policy"><h1>&lt;Titel&gt;</h1>' +
        '<section id="policy-intro&quot;&gt;&lt;script&gt;" data-key="intro&quot;&gt;&lt;script&gt;"><h2>Overskrift &amp; &quot;mere&quot;</h2>' +
        '<p>Tekst &lt;b&gt;</p><ol><li>A<ol><li>A1</li></ol></li><li>B</li></ol></section>' +
        '<section id="policy-two" data-key="two"><h2>To</h2><p><strong>fed</strong></p></section></article>',
    )
  })

  it('renders the whole seed statement with one section per key and one <li> per item', () => {
    const statement = seedReleases[2]?.statement
    if (!statement) {
      throw new Error('no release 2.0')
    }
    const html = renderStatementHtml({
      sections: statement.sections.map((section) => ({
        blocks: section.blocks.da,
        heading: section.heading.da,
        key: section.key,
        kind: section.kind,
      })),
      title: statement.title.da,
    })
    expect(html.match(/<section id="policy-([a-z-]+)" data-key="\1">/g)).toHaveLength(9)
    expect(html).toContain(
      '<section id="policy-personal-data" data-key="personal-data"><h2>Hvilke personoplysninger behandler vi?</h2>',
    )
    // 4 + 8 + 5 (2 items, 1 nested, 2 nested deeper) + 7 + 3 items in release 2.0.
    expect(html.match(/<li>/g)).toHaveLength(27)
    expect(html).toContain('<li>Eksempler:<ul><li>Kontakt- eller henvendelsesskema</li>')
    expect(html).toContain('«cookies»')
  })
})
