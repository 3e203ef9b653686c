import {
  detectFormat,
  ImportError,
  importStatement,
  keyFromHeading,
  MAX_IMPORT_BYTES,
  uniqueKeys,
} from '../../src/import/index.js'
import { blocksToLexical, lexicalToBlocks } from '../../src/lexical/index.js'
import { makeDocx } from '../fixtures/import/makeDocx.js'
import { XSS_PAYLOADS } from '../fixtures/xss.js'

const html = (s: unknown) => JSON.stringify(s)

/** Every `html` string of the blocks (paragraphs and list items, nested). */
function allHtml(
  sections: Array<{ blocks: Array<{ html?: string; items?: unknown[]; rows?: unknown[] }> }>,
): string {
  const out: string[] = []
  const items = (list: Array<{ children: unknown[]; html: string }>): void => {
    for (const item of list) {
      out.push(item.html)
      items(item.children as never)
    }
  }
  for (const section of sections) {
    for (const block of section.blocks) {
      if (block.items) items(block.items as never)
      else if (block.rows)
        for (const row of block.rows as Array<{ cells: Array<{ html: string }> }>)
          out.push(...row.cells.map((cell) => cell.html))
      else out.push(block.html ?? '')
    }
  }
  return out.join('\n')
}

describe('importStatement: HTML', () => {
  const page = `<!doctype html><html><head><title>Privatliv</title><script>track()</script></head><body>
    <nav><a href="/">Forside</a></nav>
    <main>
      <h1>Privatlivspolitik</h1>
      <p>Vi er <b>Jackon</b>; læs <a href="https://jackon.dk/om">om os</a>.</p>
      <h2>Hvem er dataansvarlig?</h2><p>Jackon Danmark A/S er dataansvarlig.</p>
      <h3>Kontakt</h3><p>privacy@jackon.dk</p>
      <h2>Hvor længe opbevarer vi dine oplysninger?</h2><p>Vi opbevarer dem i <em>3 år</em>.</p>
      <h2>Underdatabehandlere</h2>
      <table><thead><tr><th>Navn</th><th>Land</th></tr></thead><tbody><tr><td>Zendesk Inc.</td><td>USA</td></tr></tbody></table>
      <h2>Dine rettigheder</h2><ol><li>Ret til indsigt<ul><li>kopi af dine oplysninger</li></ul></li><li>Ret til sletning</li></ol>
    </main><footer>© Jackon</footer></body></html>`

  it('splits at the top headings, keeps the title, lists, links, bold and italic, and suggests kinds', async () => {
    const result = await importStatement({ data: page, filename: 'privatliv.html', locale: 'da' })
    expect(result.title).toBe('Privatlivspolitik')
    expect(result.sections.map((s) => [s.key, s.heading, s.kind])).toEqual([
      ['indledning', 'Indledning', 'general'],
      ['hvem-er-dataansvarlig', 'Hvem er dataansvarlig?', 'controller'],
      [
        'hvor-laenge-opbevarer-vi-dine-oplysninger',
        'Hvor længe opbevarer vi dine oplysninger?',
        'retention',
      ],
      ['underdatabehandlere', 'Underdatabehandlere', 'recipients'],
      ['dine-rettigheder', 'Dine rettigheder', 'rights'],
    ])
    expect(result.sections[0]!.blocks).toEqual([
      {
        html: 'Vi er <strong>Jackon</strong>; læs <a href="https://jackon.dk/om">om os</a>.',
        text: 'Vi er Jackon; læs om os.',
        type: 'paragraph',
      },
    ])
    // A deeper heading stays in its section, as a bold paragraph.
    expect(result.sections[1]!.blocks.map((b) => (b.type === 'paragraph' ? b.html : ''))).toEqual([
      'Jackon Danmark A/S er dataansvarlig.',
      '<strong>Kontakt</strong>',
      'privacy@jackon.dk',
    ])
    expect(result.sections[2]!.blocks[0]).toMatchObject({
      html: 'Vi opbevarer dem i <em>3 år</em>.',
    })
    // A table stays a table; its <thead> row is the header row.
    expect(result.sections[3]!.blocks).toEqual([
      {
        header: true,
        rows: [
          {
            cells: [
              { html: 'Navn', text: 'Navn' },
              { html: 'Land', text: 'Land' },
            ],
          },
          {
            cells: [
              { html: 'Zendesk Inc.', text: 'Zendesk Inc.' },
              { html: 'USA', text: 'USA' },
            ],
          },
        ],
        type: 'table',
      },
    ])
    expect(result.sections[4]!.blocks).toEqual([
      {
        items: [
          {
            children: [
              { children: [], html: 'kopi af dine oplysninger', text: 'kopi af dine oplysninger' },
            ],
            html: 'Ret til indsigt',
            text: 'Ret til indsigt',
          },
          { children: [], html: 'Ret til sletning', text: 'Ret til sletning' },
        ],
        ordered: true,
        type: 'list',
      },
    ])
    // The site's menu and footer are not part of the statement.
    expect(html(result)).not.toMatch(/Forside|© Jackon/)
    expect(result.warnings).toEqual(['1 script removed'])
  })

  it('converts to Lexical and back without loss', async () => {
    const result = await importStatement({ data: page, format: 'html', locale: 'da' })
    for (const section of result.sections)
      expect(lexicalToBlocks(blocksToLexical(section.blocks))).toEqual(section.blocks)
  })

  it.each(XSS_PAYLOADS.map((payload) => [payload]))(
    'never lets script, event handlers or unsafe links through: %s',
    async (payload) => {
      const result = await importStatement({
        data: `<h2>Rettigheder</h2><p>Tekst ${payload} slut</p><ul><li>${payload}</li></ul>`,
        format: 'html',
        locale: 'da',
      })
      // Every tag in the stored html is one of the inline formats, and the only attribute is a safe href.
      for (const tag of allHtml(result.sections).match(/<[^>]*>/g) ?? []) {
        expect(tag).toMatch(
          /^<\/?(strong|em|u|s|sub|sup|code)>$|^<a href="(https?:|mailto:|tel:|\/|#)[^"<>]*"( rel="noopener noreferrer" target="_blank")?>$|^<\/a>$/,
        )
      }
    },
  )

  it('removes scripts, handlers and javascript: links, keeps the text, and says what it removed', async () => {
    const result = await importStatement({
      data: '<h2>Formål</h2><p onclick="steal()" onmouseover="x()">Vi bruger <a href="javascript:alert(1)">data</a> til levering.<script>alert(1)</script></p>',
      format: 'html',
      locale: 'da',
    })
    expect(result.sections[0]!.blocks).toEqual([
      {
        html: 'Vi bruger data til levering.',
        text: 'Vi bruger data til levering.',
        type: 'paragraph',
      },
    ])
    expect(result.warnings).toEqual([
      '1 script removed',
      '2 event handlers (on…) removed',
      '1 unsafe link (javascript:, data: …) removed; the link text is kept',
    ])
  })
})

describe('importStatement: HTML tables', () => {
  it('keeps cells in their columns, links and bold inside cells, a <th> first row as header, and no header without one', async () => {
    const page = `<h2>Cookies</h2>
      <table><tr><th>Name</th><th>Purpose</th><th>Expiry</th></tr>
        <tr><td><b>_ga</b></td><td>Statistics, see <a href="https://policies.google.com" onclick="x()">Google</a><script>steal()</script></td><td></td></tr>
        <tr><td> </td><td></td><td></td></tr></table>
      <table><tr><td>Stripe</td><td>USA</td></tr></table>`
    const result = await importStatement({ data: page, format: 'html', locale: 'en' })
    expect(result.sections[0]!.blocks).toEqual([
      {
        header: true,
        rows: [
          {
            cells: [
              { html: 'Name', text: 'Name' },
              { html: 'Purpose', text: 'Purpose' },
              { html: 'Expiry', text: 'Expiry' },
            ],
          },
          {
            cells: [
              { html: '<strong>_ga</strong>', text: '_ga' },
              {
                html: 'Statistics, see <a href="https://policies.google.com">Google</a>',
                text: 'Statistics, see Google',
              },
              { html: '', text: '' },
            ],
          },
        ],
        type: 'table',
      },
      {
        header: false,
        rows: [
          {
            cells: [
              { html: 'Stripe', text: 'Stripe' },
              { html: 'USA', text: 'USA' },
            ],
          },
        ],
        type: 'table',
      },
    ])
    expect(result.warnings).toEqual(['1 script removed', '1 event handler (on…) removed'])
    // Stored as Lexical table nodes and read back unchanged.
    for (const section of result.sections)
      expect(lexicalToBlocks(blocksToLexical(section.blocks))).toEqual(section.blocks)
  })
})

describe('importStatement: Markdown', () => {
  it('reads headings, lists, tables, links and emphasis', async () => {
    const md =
      '# Privacy notice\n\n## Who we are\n\nWe are **Acme Ltd**, see [our site](https://acme.test) and *this*.\n\n## Your rights\n\n- access\n- erasure\n  - on request\n\n## Sub-processors\n\n| Name | Country |\n|---|---|\n| Stripe Inc. | USA |\n'
    const result = await importStatement({ data: md, filename: 'privacy.md', locale: 'en' })
    expect(result.title).toBe('Privacy notice')
    expect(result.sections.map((s) => [s.key, s.kind])).toEqual([
      ['who-we-are', 'controller'],
      ['your-rights', 'rights'],
      ['sub-processors', 'recipients'],
    ])
    expect(result.sections[0]!.blocks[0]).toEqual({
      html: 'We are <strong>Acme Ltd</strong>, see <a href="https://acme.test">our site</a> and <em>this</em>.',
      text: 'We are Acme Ltd, see our site and this.',
      type: 'paragraph',
    })
    expect(result.sections[1]!.blocks[0]).toMatchObject({
      items: [{ text: 'access' }, { children: [{ text: 'on request' }], text: 'erasure' }],
      type: 'list',
    })
    expect(result.sections[2]!.blocks[0]).toEqual({
      header: true,
      rows: [
        {
          cells: [
            { html: 'Name', text: 'Name' },
            { html: 'Country', text: 'Country' },
          ],
        },
        {
          cells: [
            { html: 'Stripe Inc.', text: 'Stripe Inc.' },
            { html: 'USA', text: 'USA' },
          ],
        },
      ],
      type: 'table',
    })
  })

  it('drops raw HTML scripts embedded in Markdown', async () => {
    const result = await importStatement({
      data: '## Formål\n\nTekst <img src=x onerror="alert(1)"> og <script>alert(1)</script> [klik](javascript:alert(1)).\n',
      format: 'markdown',
      locale: 'da',
    })
    expect(html(result.sections)).not.toMatch(/<script|<img|onerror|javascript:/i)
    expect(result.sections[0]!.blocks[0]).toMatchObject({ text: expect.stringContaining('Tekst') })
  })
})

describe('importStatement: .docx', () => {
  it('reads headings, bold, italic, links, bullets and tables from a Word document', async () => {
    const bytes = await makeDocx([
      { heading: 1, text: 'Privatlivspolitik' },
      { heading: 2, text: 'Dataansvarlig' },
      {
        bold: 'dataansvarlig',
        italic: ' for dine oplysninger',
        link: { text: ' læs mere', url: 'https://jackon.dk/om' },
        text: 'Jackon Danmark A/S er ',
      },
      { heading: 2, text: 'Dine rettigheder' },
      { bullet: 'Ret til indsigt' },
      { bullet: 'Ret til sletning' },
      { heading: 2, text: 'Underdatabehandlere' },
      {
        table: [
          ['Navn', 'Land'],
          ['Zendesk Inc.', 'USA'],
        ],
      },
    ])
    const result = await importStatement({
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      data: bytes,
      locale: 'da',
    })
    expect(result.format).toBe('docx')
    expect(result.title).toBe('Privatlivspolitik')
    expect(result.sections.map((s) => [s.key, s.kind])).toEqual([
      ['dataansvarlig', 'controller'],
      ['dine-rettigheder', 'rights'],
      ['underdatabehandlere', 'recipients'],
    ])
    expect(result.sections[0]!.blocks[0]).toEqual({
      html: 'Jackon Danmark A/S er <strong>dataansvarlig</strong><em> for dine oplysninger</em><a href="https://jackon.dk/om"> læs mere</a>',
      text: 'Jackon Danmark A/S er dataansvarlig for dine oplysninger læs mere',
      type: 'paragraph',
    })
    expect(result.sections[1]!.blocks[0]).toMatchObject({
      items: [{ text: 'Ret til indsigt' }, { text: 'Ret til sletning' }],
      type: 'list',
    })
    expect(result.sections[2]!.blocks[0]).toMatchObject({
      rows: [
        { cells: [{ text: 'Navn' }, { text: 'Land' }] },
        { cells: [{ text: 'Zendesk Inc.' }, { text: 'USA' }] },
      ],
      type: 'table',
    })
  })

  it('refuses a file that is not a Word document, and a pasted .docx', async () => {
    await expect(
      importStatement({
        data: new TextEncoder().encode('not a zip'),
        filename: 'x.docx',
        locale: 'da',
      }),
    ).rejects.toMatchObject({
      code: 'unreadable',
      message:
        'The file is not a readable Word document (.docx). Save it as .docx in Word and try again.',
    })
    await expect(
      importStatement({ data: 'text', format: 'docx', locale: 'da' }),
    ).rejects.toMatchObject({ code: 'unreadable' })
  })
})

describe('importStatement: bad input', () => {
  it('refuses empty input, input over 5 MB and unsupported types with a clear message and a status', async () => {
    await expect(importStatement({ data: '', format: 'html', locale: 'da' })).rejects.toMatchObject(
      {
        code: 'empty',
        message: 'The file or text is empty: there is nothing to import.',
        status: 400,
      },
    )
    await expect(
      importStatement({ data: '   \n ', format: 'markdown', locale: 'da' }),
    ).rejects.toMatchObject({ code: 'empty' })
    await expect(
      importStatement({
        data: new Uint8Array(MAX_IMPORT_BYTES + 1),
        filename: 'big.docx',
        locale: 'da',
      }),
    ).rejects.toMatchObject({ code: 'too-large', status: 413 })
    await expect(
      importStatement({ data: 'x', filename: 'policy.pdf', locale: 'da' }),
    ).rejects.toMatchObject({
      code: 'unsupported-type',
      message:
        'Files of type .pdf cannot be imported: upload a Word document (.docx), an HTML page (.html) or Markdown (.md).',
      status: 415,
    })
    await expect(
      importStatement({ data: 'x', format: 'pdf' as never, locale: 'da' }),
    ).rejects.toBeInstanceOf(ImportError)
    await expect(
      importStatement({
        data: '<script>alert(1)</script><img src=x>',
        format: 'html',
        locale: 'da',
      }),
    ).rejects.toMatchObject({ code: 'no-text' })
  })

  it('guesses the format from the file name, then the content type', () => {
    expect(detectFormat({ filename: 'a.MD' })).toBe('markdown')
    expect(detectFormat({ contentType: 'text/html; charset=utf-8' })).toBe('html')
    expect(() => detectFormat({})).toThrow(ImportError)
  })
})

describe('section keys', () => {
  it('derives stable lowercase ASCII keys, unique within the statement', () => {
    expect(keyFromHeading('Hvordan beskytter vi dine oplysninger?')).toBe(
      'hvordan-beskytter-vi-dine-oplysninger',
    )
    expect(keyFromHeading('Åbenhed & ærlighed')).toBe('aabenhed-aerlighed')
    expect(keyFromHeading('???')).toBe('section')
    expect(uniqueKeys(['Rights', 'Rights', 'Rights 2'])).toEqual([
      'rights',
      'rights-2',
      'rights-2-2',
    ])
    for (const key of uniqueKeys(['x'.repeat(200), 'Ünïcødé']))
      expect(key).toMatch(/^[a-z0-9][a-z0-9-]{0,63}$/)
  })
})
