import type { Translator } from '../i18n/index.js'
/**
 * Safe HTML for a diff: `<ins>`/`<del>` inside sections marked with their key and change type.
 *
 * Escaping rule: every piece of text that came from a document (headings, body text, keys, link
 * targets) and every translated label goes through `escapeHtml`, which is safe both in text nodes
 * and in quoted attribute values. The snapshots' `html` is never embedded: the diff compares plain
 * text, and rendering only that text means a crafted `html` field cannot reach the page.
 * Link targets are shown as text, never as `href`, so `javascript:` URLs stay inert.
 */
import type { LocaleCode } from '../types.js'
import type {
  BlockChange,
  ItemChange,
  LocaleDiff,
  RowChange,
  SectionChange,
  TableChange,
  TextChange,
} from './types.js'

import { escapeHtml, getTranslator } from '../i18n/index.js'
import { editorialFlavours } from './summary.js'

/** Options for `renderDiffHtml`. */
export type RenderDiffHtmlOptions = {
  /**
   * Level of the section headings (`h2` by default); clamped to 1–6.
   * @default 2
   */
  headingLevel?: number
  /**
   * Language of the labels (notes such as "Only punctuation changed").
   * @default the diff's own locale
   */
  locale?: LocaleCode
}

/**
 * Hidden from sight, not from screen readers (the usual "visually hidden" rules, inline so the HTML
 * works on a host page without our stylesheet).
 */
const SR_ONLY =
  'position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0'

/**
 * The text with `<ins>`/`<del>` marks. Each mark starts with a visually hidden, localized
 * "added:"/"removed:", because many screen readers announce `<ins>` and `<del>` as plain text.
 */
function renderParts(text: TextChange, t: Translator): string {
  let html = ''
  for (const part of text.parts) {
    const escaped = escapeHtml(part.text)
    if (part.type === 'insert')
      html += `<ins><span class="pd-sr" style="${SR_ONLY}">${escapeHtml(t('diff.html.srInserted'))} </span>${escaped}</ins>`
    else if (part.type === 'delete')
      html += `<del><span class="pd-sr" style="${SR_ONLY}">${escapeHtml(t('diff.html.srDeleted'))} </span>${escaped}</del>`
    else html += escaped
  }
  return html
}

/** A note naming what kind of change this was, when the marks alone would not show it. */
function renderNote(text: TextChange, t: Translator): string {
  const notes: string[] = []
  if (text.flavour && text.flavour !== 'words') {
    const flavours = editorialFlavours(text)
    const key = flavours.length === 2 ? 'punctuationAndCase' : text.flavour
    // A link change is described by the link line below; "only a link changed" would repeat it.
    if (!(text.flavour === 'link' && text.links)) notes.push(t(`diff.note.${key}`))
  }
  if (text.links) {
    notes.push(
      t('diff.html.linkChanged', {
        added: text.links.added.join(', ') || '–',
        removed: text.links.removed.join(', ') || '–',
      }),
    )
  }
  return notes.map((note) => ` <small class="pd-note">${escapeHtml(note)}</small>`).join('')
}

function changeAttributes(type: string, text: TextChange | null, baseClass = 'pd-entry'): string {
  const flavour = text?.flavour ? ` data-flavour="${escapeHtml(text.flavour)}"` : ''
  return ` class="${escapeHtml(`${baseClass} ${type}`)}" data-change="${escapeHtml(type)}"${flavour}`
}

function movedAttributes(oldIndex: number | null, type: string): string {
  if (type !== 'moved' || oldIndex === null) return ''
  return ` data-moved-from="${oldIndex + 1}"`
}

/** "Moved from position 3" as visible text (a `title` reaches neither touch nor most screen-reader users). */
function movedNote(oldIndex: number | null, type: string, t: Translator): string {
  if (type !== 'moved' || oldIndex === null) return ''
  return ` <small class="pd-note pd-moved">${escapeHtml(t('diff.html.moved', { from: oldIndex + 1 }))}</small>`
}

function renderItems(items: ItemChange[], tag: 'ol' | 'ul', t: Translator): string {
  let html = ''
  let depth = 0
  let open = false
  for (const item of items) {
    if (item.depth > depth) {
      // Nested items go inside the previous <li>; a jump of more than one level gets empty holders.
      while (depth < item.depth) {
        if (!open) html += '<li class="pd-holder">'
        html += `<${tag}>`
        depth++
        open = false
      }
    } else {
      if (open) html += '</li>'
      while (depth > item.depth) {
        html += `</${tag}></li>`
        depth--
      }
    }
    html += `<li${changeAttributes(item.type, item.text)}${movedAttributes(item.oldIndex, item.type)}>${renderParts(item.text, t)}${renderNote(item.text, t)}${movedNote(item.oldIndex, item.type, t)}`
    open = true
  }
  if (open) html += '</li>'
  while (depth > 0) {
    html += `</${tag}></li>`
    depth--
  }
  return html
}

/**
 * A table row: the row carries its change type (added, removed, moved, changed); each cell shows
 * its own word marks. The header row (new position 0 of a table with a header, or old position 0
 * of a removed header row) goes in `<thead>` with `<th scope="col">` cells.
 */
function isHeaderRow(row: RowChange, table: TableChange): boolean {
  return row.newIndex !== null
    ? table.header && row.newIndex === 0
    : (table.oldHeader ?? table.header) && row.oldIndex === 0
}

function renderRow(row: RowChange, isHeader: boolean, t: Translator): string {
  const cells = row.cells
    .map((cell, c) => {
      const note = `${renderNote(cell, t)}${c === 0 ? movedNote(row.oldIndex, row.type, t) : ''}`
      return isHeader
        ? `<th scope="col">${renderParts(cell, t)}${note}</th>`
        : `<td>${renderParts(cell, t)}${note}</td>`
    })
    .join('')
  return `<tr${changeAttributes(row.type, row.text)}${movedAttributes(row.oldIndex, row.type)}>${cells}</tr>`
}

function renderTable(block: TableChange, t: Translator): string {
  const headerChanged = block.oldHeader !== null && block.oldHeader !== block.header
  const headerNote = headerChanged
    ? `<small class="pd-note">${escapeHtml(t('diff.note.formatting'))}</small>`
    : ''
  const movedTable =
    block.type === 'moved' && block.oldIndex !== null
      ? `<p class="pd-note pd-moved">${escapeHtml(t('diff.html.moved', { from: block.oldIndex + 1 }))}</p>`
      : ''
  const head = block.items
    .filter((row) => isHeaderRow(row, block))
    .map((row) => renderRow(row, true, t))
    .join('')
  const body = block.items
    .filter((row) => !isHeaderRow(row, block))
    .map((row) => renderRow(row, false, t))
    .join('')
  const table = `${head ? `<thead>${head}</thead>` : ''}${body ? `<tbody>${body}</tbody>` : ''}`
  return `${movedTable}<table${changeAttributes(block.type, null)}${movedAttributes(block.oldIndex, block.type)}>${table}</table>${headerNote}`
}

function renderBlock(block: BlockChange, t: Translator): string {
  const moved = movedAttributes(block.oldIndex, block.type)
  if (block.blockType === 'paragraph') {
    return `<p${changeAttributes(block.type, block.text)}${moved}>${renderParts(block.text, t)}${renderNote(block.text, t)}${movedNote(block.oldIndex, block.type, t)}</p>`
  }
  if (block.blockType === 'table') return renderTable(block, t)
  const tag = block.ordered ? 'ol' : 'ul'
  const orderedNote =
    block.oldOrdered !== null && block.oldOrdered !== block.ordered
      ? `<small class="pd-note">${escapeHtml(t('diff.note.formatting'))}</small>`
      : ''
  const movedList =
    block.type === 'moved' && block.oldIndex !== null
      ? `<p class="pd-note pd-moved">${escapeHtml(t('diff.html.moved', { from: block.oldIndex + 1 }))}</p>`
      : ''
  return `${movedList}<${tag}${changeAttributes(block.type, null)}${moved}>${renderItems(block.items, tag, t)}</${tag}>${orderedNote}`
}

function renderSection(section: SectionChange, level: number, t: Translator): string {
  const h = `h${level}`
  const attrs =
    ` class="${escapeHtml(`pd-section ${section.type}`)}" data-key="${escapeHtml(section.key)}"` +
    ` data-change="${escapeHtml(section.type)}" data-kind="${escapeHtml(section.kind)}"` +
    (section.moved ? ' data-moved="true"' : '') +
    (section.renamed ? ' data-renamed="true"' : '')
  const reworded = section.heading.flavour === 'words' || section.heading.flavour === 'rewritten'
  // A reworded heading shows its marks plus the former heading; a heading with only an editorial
  // change gets the usual note instead.
  const headingNote = section.heading.flavour && !reworded ? renderNote(section.heading, t) : ''
  const heading = `<${h} class="pd-heading">${renderParts(section.heading, t)}${headingNote}</${h}>`
  const body = section.blocks.map((block) => renderBlock(block, t)).join('\n')
  if (section.type === 'unchanged') {
    // Unchanged sections stay in the page for context but start collapsed.
    return `<section${attrs}><details><summary>${heading}</summary>\n${body}\n</details></section>`
  }
  const notes: string[] = []
  if (section.moved && section.oldIndex !== null)
    notes.push(t('diff.html.moved', { from: section.oldIndex + 1 }))
  if (section.renamed && reworded && section.heading.oldText !== null) {
    notes.push(t('diff.html.formerHeading', { heading: section.heading.oldText }))
  }
  const noteHtml = notes.map((note) => `\n<p class="pd-note">${escapeHtml(note)}</p>`).join('')
  return `<section${attrs}>${heading}${noteHtml}\n${body}\n</section>`
}

/**
 * Renders one locale's diff as an HTML fragment. Every section is included, in the new order
 * with removed ones where they were; unchanged sections are wrapped in a closed `<details>`.
 */
export function renderDiffHtml(diff: LocaleDiff, options: RenderDiffHtmlOptions = {}): string {
  const t = getTranslator(options.locale ?? diff.locale)
  const requested = Math.trunc(options.headingLevel ?? 2)
  const level = Number.isFinite(requested) ? Math.min(6, Math.max(1, requested)) : 2
  const parts: string[] = []
  if (diff.title.flavour !== null || diff.title.oldText === null || diff.title.newText === null) {
    const type =
      diff.title.oldText === null ? 'added' : diff.title.newText === null ? 'removed' : 'changed'
    parts.push(
      `<p${changeAttributes(type, diff.title, 'pd-title')}>${renderParts(diff.title, t)}${renderNote(diff.title, t)}</p>`,
    )
  }
  for (const section of diff.sections) parts.push(renderSection(section, level, t))
  return `<div class="pd-diff" lang="${escapeHtml(diff.locale)}" data-complete="${diff.complete}">\n${parts.join('\n')}\n</div>`
}
