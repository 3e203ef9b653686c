/**
 * HTML of a whole statement, for the public page, e-mails and the frozen `LocaleSnapshot.html`.
 * Block `html` is already escaped and safe (see `InlineText`); everything else is escaped here.
 */
import type { Block, ListItem, SectionSnapshot, TableRow } from '../types.js'

import { escapeHtml } from '../i18n/index.js'

/** The part of a locale snapshot that the statement HTML is made from. */
export type RenderableStatement = {
  sections: readonly SectionSnapshot[]
  title: string
}

// Falls back to the plain text if a block arrives without `html` (e.g. hand-written data).
function inlineHtml(inline: { html?: unknown; text?: unknown }): string {
  return typeof inline.html === 'string' ? inline.html : escapeHtml(inline.text)
}

function renderItems(items: readonly ListItem[], tag: 'ol' | 'ul'): string {
  const body = items
    .map(
      (item) =>
        `<li>${inlineHtml(item)}${item.children.length > 0 ? renderItems(item.children, tag) : ''}</li>`,
    )
    .join('')
  return `<${tag}>${body}</${tag}>`
}

/** A `<table>`; a header row goes in `<thead>` with `<th scope="col">` cells. */
function renderTable(rows: readonly TableRow[], header: boolean): string {
  const row = (r: TableRow, cellTag: 'td' | 'th'): string =>
    `<tr>${r.cells.map((cell) => (cellTag === 'th' ? `<th scope="col">${inlineHtml(cell)}</th>` : `<td>${inlineHtml(cell)}</td>`)).join('')}</tr>`
  const head = header && rows.length > 0 ? `<thead>${row(rows[0]!, 'th')}</thead>` : ''
  const body = (header ? rows.slice(1) : rows).map((r) => row(r, 'td')).join('')
  return `<table>${head}${body ? `<tbody>${body}</tbody>` : ''}</table>`
}

/** HTML of a section body: `<p>` per paragraph, nested `<ul>`/`<ol>` per list, `<table>` per table. */
export function renderBlocksHtml(blocks: readonly Block[]): string {
  return blocks
    .map((block) =>
      block.type === 'list'
        ? renderItems(block.items, block.ordered ? 'ol' : 'ul')
        : block.type === 'table'
          ? renderTable(block.rows, block.header)
          : `<p>${inlineHtml(block)}</p>`,
    )
    .join('')
}

/** HTML of a statement: `<article class="policy">`, `<h1>` title, `<section id="policy-KEY" data-key="KEY">` with `<h2>` per section. */
export function renderStatementHtml(snapshot: RenderableStatement): string {
  const sections = snapshot.sections.map((section) => {
    const key = escapeHtml(section.key)
    return `<section id="policy-${key}" data-key="${key}"><h2>${escapeHtml(section.heading)}</h2>${renderBlocksHtml(section.blocks)}</section>`
  })
  return `<article class="policy"><h1>${escapeHtml(snapshot.title)}</h1>${sections.join('')}</article>`
}
