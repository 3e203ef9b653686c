import type { LocaleSnapshot } from '../../src/types.js'

import { diffLocale, renderDiffHtml } from '../../src/diff/index.js'
import {
  edited,
  item,
  list,
  listOf,
  p,
  paragraphOf,
  sectionOf,
  setText,
  statement,
} from '../fixtures/diff/statement.js'

/** Classic payloads for HTML text nodes and attributes (OWASP XSS filter evasion, PortSwigger cheat sheet). */
const XSS_PAYLOADS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' onmouseover='alert(1)' x='",
  '" onfocus="alert(1)" autofocus="',
  '</p></section><script>alert(document.cookie)</script>',
  '<svg/onload=alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>',
  'javascript:alert(1)',
  '<a href="javascript:alert(1)">klik</a>',
  '<!--<img src="--><img src=x onerror=alert(1)//">',
  '<style>@import "http://evil.example/x.css";</style>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '<details open ontoggle=alert(1)>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '</textarea><script>alert(1)</script>',
  '{{constructor.constructor("alert(1)")()}}',
  '<ins>falsk</ins><del>falsk</del>',
  '\u2028<script>alert(1)</script>\u2029',
  '`${alert(1)}`',
]

const ALLOWED_TAGS = new Set([
  'del',
  'details',
  'div',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ins',
  'li',
  'ol',
  'p',
  'section',
  'small',
  'span',
  'summary',
  'ul',
])
// `style` only on the visually hidden "added:"/"removed:" labels, checked below.
const ALLOWED_ATTRIBUTE = /^(class|lang|style|data-[a-z-]+)$/

/**
 * Walks every `<` in the output. Each must open a tag of the strict form we emit: an allowed
 * name and allowed attributes with double-quoted values free of `"`, `<` and `>`.
 * Returns the text content with tags removed and entities decoded.
 */
function inspect(html: string): { attributes: Array<[string, string]>; text: string } {
  const tag = /<(\/?)([a-z][a-z0-9]*)((?:\s+[a-z][a-z-]*="[^"<>]*")*)\s*>/y
  const attributes: Array<[string, string]> = []
  let text = ''
  let i = 0
  while (i < html.length) {
    const lt = html.indexOf('<', i)
    text += html.slice(i, lt === -1 ? html.length : lt)
    if (lt === -1) break
    tag.lastIndex = lt
    const match = tag.exec(html)
    if (!match) throw new Error(`stray "<" at ${lt}: ${html.slice(lt, lt + 60)}`)
    if (!ALLOWED_TAGS.has(match[2]!)) throw new Error(`unexpected tag <${match[2]}>`)
    for (const [, name, value] of match[3]!.matchAll(/([a-z][a-z-]*)="([^"]*)"/g)) {
      if (!ALLOWED_ATTRIBUTE.test(name!)) throw new Error(`unexpected attribute ${name}`)
      if (name === 'style' && !value!.startsWith('position:absolute;width:1px;height:1px;'))
        throw new Error(`unexpected style ${value}`)
      attributes.push([name!, decode(value!)])
    }
    i = lt + match[0].length
  }
  return { attributes, text: decode(text) }
}

function decode(value: string): string {
  expect(value).not.toMatch(/&(?!(amp|lt|gt|quot|#39);)/)
  return value
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
}

/** The HTML without the visually hidden "added:"/"removed:" labels, for comparing marks. */
const visible = (html: string) => html.replace(/<span class="pd-sr"[^>]*>[^<]*<\/span>/g, '')

describe('renderDiffHtml', () => {
  const base = statement('da')

  it('marks sections by key and change, words with <ins>/<del>, and collapses unchanged sections', () => {
    const next = edited(base, (s) => {
      listOf(s, 'personal-data').items.splice(4, 0, item('Lokationsdata'))
      setText(
        paragraphOf(s, 'correction-erasure', 0),
        'Information rettes eller slettes på anmodning ved at kontakte vores kundeservice.',
      )
      s.sections = s.sections.filter((x) => x.key !== 'third-parties')
    })
    const marked = renderDiffHtml(diffLocale(base, next, { locale: 'da' }))
    inspect(marked)
    const html = visible(marked)
    expect(html).toMatch(/^<div class="pd-diff" lang="da" data-complete="true">/)
    const sections = [
      ...html.matchAll(/<section class="pd-section (\w+)" data-key="([^"]+)"/g),
    ].map((m) => `${m[2]}:${m[1]}`)
    expect(sections).toEqual([
      'introduction:unchanged',
      'key-concepts:unchanged',
      'personal-data:changed',
      'collection:unchanged',
      'purposes:unchanged',
      'rights:unchanged',
      'correction-erasure:changed',
      'third-parties:removed',
    ])
    expect(html).toContain(
      '<li class="pd-entry added" data-change="added"><ins>Lokationsdata</ins></li>',
    )
    expect(html).toContain('på <del>opfordring</del><ins>anmodning</ins> ved')
    expect(html).toMatch(
      /<section class="pd-section unchanged" data-key="rights"[^>]*><details><summary><h2 class="pd-heading">Rettigheder<\/h2><\/summary>/,
    )
    expect(html).toMatch(
      /data-key="third-parties"[^>]*><h2 class="pd-heading"><del>Udlevering af information til tredjepart\?<\/del><\/h2>/,
    )
  })

  it('rebuilds nested lists and labels notes in the requested language', () => {
    const next = edited(base, (s) => {
      listOf(s, 'collection').items[1]!.children[0]!.children.push(
        item('Tilmelding til nyhedsbrev'),
      )
      setText(
        paragraphOf(s, 'personal-data', 0),
        'Jackon behandler ikke nogen form for sensitive personoplysninger.',
      )
      const moved = s.sections.pop()!
      s.sections.unshift(moved)
    })
    const diff = diffLocale(base, next, { locale: 'da' })
    const da = visible(renderDiffHtml(diff))
    const en = visible(renderDiffHtml(diff, { headingLevel: 3, locale: 'en' }))
    inspect(da)
    expect(da).toContain('<small class="pd-note">Kun tegnsætningen er ændret</small>')
    expect(en).toContain('<small class="pd-note">Only punctuation changed</small>')
    expect(da).toContain(`<p class="pd-note">Flyttet fra plads ${base.sections.length}</p>`)
    expect(en).toContain(`<p class="pd-note">Moved from position ${base.sections.length}</p>`)
    expect(en).toContain('<h3 class="pd-heading">')
    // Depth 0 → 1 → 2 nesting, with the new sub-bullet as the last item of the innermost list.
    expect(da).toMatch(
      /<li class="pd-entry unchanged" data-change="unchanged">Eksempler:<ul><li[^>]*>Kontakt- eller henvendelsesskema<\/li><li[^>]*>Skema[^<]*<\/li><li class="pd-entry added" data-change="added"><ins>Tilmelding til nyhedsbrev<\/ins><\/li><\/ul><\/li><\/ul><\/li><\/ul>/,
    )
  })

  it('announces insertions and deletions in the reader’s language, and says in visible text that an item moved (issue 15)', () => {
    const next = edited(base, (s) => {
      setText(
        paragraphOf(s, 'correction-erasure', 0),
        'Information rettes eller slettes på anmodning ved at kontakte vores kundeservice.',
      )
      const items = listOf(s, 'personal-data').items
      items.push(items.shift()!)
    })
    const diff = diffLocale(base, next, { locale: 'da' })
    const da = renderDiffHtml(diff)
    const en = renderDiffHtml(diff, { locale: 'en' })
    expect(da).toMatch(
      /<del><span class="pd-sr" style="position:absolute;[^"]*">fjernet: <\/span>opfordring<\/del><ins><span class="pd-sr" style="[^"]*">tilføjet: <\/span>anmodning<\/ins>/,
    )
    expect(en).toMatch(
      /<del><span class="pd-sr"[^>]*>removed: <\/span>opfordring<\/del><ins><span class="pd-sr"[^>]*>added: <\/span>anmodning<\/ins>/,
    )
    // No title attributes: the move is said in the text itself.
    expect(en).not.toContain('title=')
    expect(en).toMatch(
      /<li class="pd-entry moved"[^>]*data-moved-from="1">[^<]*<small class="pd-note pd-moved">Moved from position 1<\/small>/,
    )
  })

  it.each(XSS_PAYLOADS)('renders %j inert wherever it appears', (payload) => {
    const prev: LocaleSnapshot = edited(base, (s) => {
      setText(
        paragraphOf(s, 'introduction', 0),
        `Jackon er optaget af at beskytte dine personoplysninger. ${payload}`,
      )
    })
    const next = edited(prev, (s) => {
      s.title = `${s.title} ${payload}`
      // In a changed paragraph, a renamed heading, a new item, a new section with a hostile key
      // and html, a link whose target is the payload, and a removed paragraph.
      setText(
        paragraphOf(s, 'introduction', 1),
        `${paragraphOf(s, 'introduction', 1).text} ${payload}`,
      )
      sectionOf(s, 'rights').heading = `Rettigheder ${payload}`
      listOf(s, 'personal-data').items.push(item(payload))
      s.sections.push({
        blocks: [p(payload, payload), list([item(payload, [item(payload)])])],
        heading: payload,
        key: payload,
        kind: 'general',
      })
      const cookies = listOf(s, 'collection').items[0]!
      cookies.html = cookies.html.replace(
        'href="/cookies"',
        `href="${payload.replace(/"/g, '&quot;')}"`,
      )
      sectionOf(s, 'introduction').blocks.splice(0, 1)
    })
    const html = renderDiffHtml(diffLocale(prev, next, { locale: 'da' }))
    const { attributes, text } = inspect(html)
    // The payload survives as text (inert), it is not dropped, and no raw html field leaked in.
    expect(text.split(payload).length - 1).toBeGreaterThanOrEqual(7)
    expect(attributes).toContainEqual(['data-key', payload])
    expect(html).not.toMatch(/<(script|img|svg|iframe|style|a|math)\b/i)
  })
})
