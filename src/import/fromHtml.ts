/**
 * HTML → headings and blocks, through htmlparser2. Only what a statement needs is kept:
 * headings, paragraphs, lists (nested), tables (rows of cells; the first row is the header row when
 * it sits in <thead> or has only <th> cells),
 * and bold, italic, underline and links inside text. Everything is rebuilt from text and format
 * bits (`renderSegments`), so no tag or attribute of the input reaches the output: scripts, styles,
 * event handlers and unsafe links never survive; the warnings say what was dropped.
 */
import type { ChildNode, Element } from 'domhandler'

import { parseDocument } from 'htmlparser2'

import type { InlineSegment } from '../lexical/inline.js'
import type { Block, InlineText, ListItem, TableRow } from '../types.js'

import {
  normalizeSegments,
  sanitizeUrl,
  segmentsToInlineText,
  TEXT_FORMAT,
} from '../lexical/inline.js'

/** A heading or a block, in document order. */
export type HtmlEvent =
  { inline: InlineText; level: number; type: 'heading' } | { block: Block; type: 'block' }

export type HtmlReadResult = { events: HtmlEvent[]; warnings: string[] }

// Dropped with everything inside them.
const DROPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'object',
  'embed',
  'svg',
  'canvas',
  'head',
  'nav',
  'form',
  'button',
  'select',
  'textarea',
  'input',
  'video',
  'audio',
  'img',
  'picture',
  'frame',
  'frameset',
  'applet',
  'math',
])
const INLINE_FORMAT: Record<string, number> = {
  b: TEXT_FORMAT.bold,
  strong: TEXT_FORMAT.bold,
  em: TEXT_FORMAT.italic,
  i: TEXT_FORMAT.italic,
  u: TEXT_FORMAT.underline,
  s: TEXT_FORMAT.strikethrough,
  del: TEXT_FORMAT.strikethrough,
  sub: TEXT_FORMAT.subscript,
  sup: TEXT_FORMAT.superscript,
  code: TEXT_FORMAT.code,
}
const BLOCK = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'header',
  'footer',
  'aside',
  'blockquote',
  'pre',
  'address',
  'figure',
  'figcaption',
  'dl',
  'dt',
  'dd',
  'body',
  'html',
  'center',
  'fieldset',
  'details',
  'summary',
  'hr',
])

type Counts = { handlers: number; links: number; scripts: number }

function isElement(node: ChildNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style'
}

function countUnsafe(node: ChildNode, counts: Counts): void {
  if (!isElement(node)) return
  if (node.name === 'script') counts.scripts++
  for (const name of Object.keys(node.attribs)) if (/^on/i.test(name)) counts.handlers++
  for (const child of node.children) countUnsafe(child, counts)
}

/** Inline segments of `nodes` (text, formats, links), lists and tables excluded. */
function inlineSegments(
  nodes: ChildNode[],
  format: number,
  link: InlineSegment['link'],
  out: InlineSegment[],
  counts: Counts,
): void {
  for (const node of nodes) {
    if (node.type === 'text') {
      const text = node.data.replace(/\s+/g, ' ')
      if (text) out.push({ format, text, ...(link ? { link } : {}) })
      continue
    }
    if (
      !isElement(node) ||
      DROPPED.has(node.name) ||
      node.name === 'ul' ||
      node.name === 'ol' ||
      node.name === 'table'
    )
      continue
    if (node.name === 'br') {
      out.push({ format, text: ' ', ...(link ? { link } : {}) })
      continue
    }
    let nextLink = link
    if (node.name === 'a') {
      const url = sanitizeUrl(node.attribs.href)
      if (node.attribs.href !== undefined && !url) counts.links++
      nextLink = url ? { newTab: node.attribs.target === '_blank', url } : link
    }
    inlineSegments(node.children, format | (INLINE_FORMAT[node.name] ?? 0), nextLink, out, counts)
    // A block element inside inline content (a <p> in an <li>) is a word break.
    if (BLOCK.has(node.name)) out.push({ format, text: ' ' })
  }
}

function toInline(segments: InlineSegment[]): InlineText | null {
  const trimmed = segments.map((s) => ({ ...s }))
  // Collapse spaces across segment borders and trim the ends.
  let previousSpace = true
  for (const segment of trimmed) {
    let text = segment.text.replace(/\s+/g, ' ')
    if (previousSpace) text = text.replace(/^ /, '')
    if (text) previousSpace = text.endsWith(' ')
    segment.text = text
  }
  const last = [...trimmed].reverse().find((s) => s.text)
  if (last) last.text = last.text.replace(/ $/, '')
  const kept = normalizeSegments(trimmed.filter((s) => s.text))
  if (kept.length === 0) return null
  return segmentsToInlineText(kept)
}

function listItems(list: Element, counts: Counts): ListItem[] {
  const items: ListItem[] = []
  for (const child of list.children) {
    if (!isElement(child) || child.name !== 'li') continue
    const segments: InlineSegment[] = []
    inlineSegments(child.children, 0, undefined, segments, counts)
    const inline = toInline(segments)
    const nested: ListItem[] = []
    const collectNested = (nodes: ChildNode[]): void => {
      for (const node of nodes) {
        if (!isElement(node) || DROPPED.has(node.name)) continue
        if (node.name === 'ul' || node.name === 'ol') nested.push(...listItems(node, counts))
        else if (node.name !== 'li') collectNested(node.children)
      }
    }
    collectNested(child.children)
    if (inline) items.push({ ...inline, children: nested })
    else items.push(...nested)
  }
  return items
}

/**
 * A table's rows, cells in order (an empty cell stays, so columns line up; a row without any text
 * is dropped). Nested tables are not descended into. `header`: the first row sits in `<thead>` or
 * has only `<th>` cells.
 */
function tableOf(table: Element, counts: Counts): { header: boolean; rows: TableRow[] } {
  const rows: TableRow[] = []
  let header = false
  const visit = (nodes: ChildNode[], inHead: boolean): void => {
    for (const node of nodes) {
      if (!isElement(node) || DROPPED.has(node.name)) continue
      if (node.name === 'tr') {
        const cells: InlineText[] = []
        let allTh = true
        for (const cell of node.children) {
          if (!isElement(cell) || (cell.name !== 'td' && cell.name !== 'th')) continue
          if (cell.name === 'td') allTh = false
          const segments: InlineSegment[] = []
          inlineSegments(cell.children, 0, undefined, segments, counts)
          cells.push(toInline(segments) ?? { html: '', text: '' })
        }
        if (!cells.some((cell) => cell.text !== '')) continue
        if (rows.length === 0) header = inHead || allTh
        rows.push({ cells })
      } else if (node.name !== 'table') visit(node.children, inHead || node.name === 'thead')
    }
  }
  visit(table.children, false)
  return { header, rows }
}

/** Reads HTML into headings and blocks, with warnings about what was dropped. */
export function readHtml(html: string): HtmlReadResult {
  const document = parseDocument(html, {
    decodeEntities: true,
    lowerCaseAttributeNames: true,
    lowerCaseTags: true,
  })
  const counts: Counts = { handlers: 0, links: 0, scripts: 0 }
  for (const node of document.children) countUnsafe(node, counts)
  const events: HtmlEvent[] = []
  let pending: InlineSegment[] = []
  const flush = (): void => {
    const inline = toInline(pending)
    pending = []
    if (inline) events.push({ block: { ...inline, type: 'paragraph' }, type: 'block' })
  }
  const walk = (nodes: ChildNode[]): void => {
    for (const node of nodes) {
      if (node.type === 'text') {
        pending.push({ format: 0, text: node.data })
        continue
      }
      if (!isElement(node) || DROPPED.has(node.name)) continue
      const heading = /^h([1-6])$/.exec(node.name)
      if (heading) {
        flush()
        const segments: InlineSegment[] = []
        inlineSegments(node.children, 0, undefined, segments, counts)
        const inline = toInline(segments)
        if (inline) events.push({ inline, level: Number(heading[1]), type: 'heading' })
      } else if (node.name === 'ul' || node.name === 'ol') {
        flush()
        const items = listItems(node, counts)
        if (items.length)
          events.push({
            block: { items, ordered: node.name === 'ol', type: 'list' },
            type: 'block',
          })
      } else if (node.name === 'table') {
        flush()
        const { header, rows } = tableOf(node, counts)
        if (rows.length) events.push({ block: { header, rows, type: 'table' }, type: 'block' })
      } else if (BLOCK.has(node.name) || node.name === 'li') {
        flush()
        walk(node.children)
        flush()
      } else if (node.name === 'br') {
        flush()
      } else {
        // Inline element with loose text around it.
        inlineSegments([node], 0, undefined, pending, counts)
      }
    }
  }
  // A saved web page: only its main content, when it marks one, not the site's menus and footer.
  const main =
    findFirst(document.children, (el) => el.name === 'main') ??
    findFirst(document.children, (el) => el.name === 'article')
  walk(main ? main.children : document.children)
  flush()
  const warnings: string[] = []
  if (counts.scripts)
    warnings.push(`${counts.scripts} script${counts.scripts === 1 ? '' : 's'} removed`)
  if (counts.handlers)
    warnings.push(
      `${counts.handlers} event handler${counts.handlers === 1 ? '' : 's'} (on…) removed`,
    )
  if (counts.links)
    warnings.push(
      `${counts.links} unsafe link${counts.links === 1 ? '' : 's'} (javascript:, data: …) removed; the link text is kept`,
    )
  return { events, warnings }
}

function findFirst(nodes: ChildNode[], test: (el: Element) => boolean): Element | null {
  for (const node of nodes) {
    if (!isElement(node) || DROPPED.has(node.name)) continue
    if (test(node)) return node
    const found = findFirst(node.children, test)
    if (found) return found
  }
  return null
}
