/**
 * Lexical editor state → blocks. Reads whatever an editor saved, so it trusts nothing: every
 * field may be missing or of the wrong type, node types we do not know are flattened to their
 * text or skipped, and every piece of text is escaped on its way into `html`.
 */
import type { Block, InlineText, ListItem, TableRow } from '../types.js'

import {
  type InlineLink,
  type InlineSegment,
  KNOWN_FORMAT_MASK,
  sanitizeUrl,
  segmentsToInlineText,
  TEXT_FORMAT,
} from './inline.js'

type JsonObject = Record<string, unknown>

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function typeOf(node: JsonObject): string {
  return typeof node.type === 'string' ? node.type : ''
}

function childrenOf(node: JsonObject): JsonObject[] {
  return Array.isArray(node.children) ? node.children.filter(isObject) : []
}

// Nodes that become one paragraph each. Headings belong to the section model, not the body,
// and quotes have no block of their own, so both are kept as paragraphs.
const PARAGRAPH_TYPES = new Set(['heading', 'paragraph', 'quote'])
// Element nodes that live inside a paragraph rather than containing paragraphs.
const INLINE_ELEMENT_TYPES = new Set(['autolink', 'link', 'mark'])

// Very old Lexical data may store a text format as a name instead of bits.
const FORMAT_NAMES: Readonly<Record<string, number>> = { ...TEXT_FORMAT }

function formatOf(node: JsonObject): number {
  if (typeof node.format === 'number' && Number.isInteger(node.format)) {
    return node.format & KNOWN_FORMAT_MASK
  }
  return typeof node.format === 'string' ? (FORMAT_NAMES[node.format] ?? 0) : 0
}

/** The target of a Payload link (`fields.url`) or a plain Lexical link (`url`), if safe. */
function linkOf(node: JsonObject): InlineLink | undefined {
  const fields = isObject(node.fields) ? node.fields : {}
  // Internal links point at a document by ID; without a resolver there is no URL to link to,
  // so the text is kept and the link dropped, as for unsafe URLs.
  if (fields.linkType === 'internal') {
    return undefined
  }
  const url = sanitizeUrl(typeof fields.url === 'string' ? fields.url : node.url)
  if (url === null) {
    return undefined
  }
  return { newTab: fields.newTab === true || node.target === '_blank', url }
}

function collectInline(
  nodes: readonly JsonObject[],
  link: InlineLink | undefined,
  out: InlineSegment[],
): void {
  for (const node of nodes) {
    const type = typeOf(node)
    if (type === 'linebreak' || type === 'tab') {
      // Text is whitespace-normalized, so a line break reads as a word boundary.
      out.push(link ? { format: 0, link, text: ' ' } : { format: 0, text: ' ' })
    } else if (type === 'link' || type === 'autolink') {
      // An anchor cannot contain another; an inner link inherits the outer one.
      collectInline(childrenOf(node), link ?? linkOf(node), out)
    } else if (typeof node.text === 'string') {
      // `text` and text-like nodes (code highlights, hashtags, …) all carry `text`.
      out.push(
        link
          ? { format: formatOf(node), link, text: node.text }
          : { format: formatOf(node), text: node.text },
      )
    } else if (Array.isArray(node.children)) {
      collectInline(childrenOf(node), link, out)
    }
    // Anything else (uploads, relationships, blocks, rules) has no text of its own.
  }
}

function inlineOf(nodes: readonly JsonObject[]): ReturnType<typeof segmentsToInlineText> {
  const segments: InlineSegment[] = []
  collectInline(nodes, undefined, segments)
  return segmentsToInlineText(segments)
}

/**
 * Items of a list node. A list item holding a nested list (Lexical's wrapper item, or an item
 * with both text and a list) gives the nested items to the item with text before it; a nested
 * list with no item before it is lifted to this level rather than lost.
 */
function listItemsOf(list: JsonObject): ListItem[] {
  const items: ListItem[] = []
  for (const child of childrenOf(list)) {
    const contents = typeOf(child) === 'listitem' ? childrenOf(child) : [child]
    const inlineNodes: JsonObject[] = []
    const nested: ListItem[] = []
    for (const node of contents) {
      const type = typeOf(node)
      if (type === 'list') {
        nested.push(...listItemsOf(node))
      } else if (PARAGRAPH_TYPES.has(type)) {
        // Some importers wrap item text in a paragraph; keep paragraphs apart by a space.
        inlineNodes.push(...childrenOf(node), { type: 'linebreak' })
      } else {
        inlineNodes.push(node)
      }
    }
    const inline = inlineOf(inlineNodes)
    if (inline.text !== '') {
      items.push({ ...inline, children: nested })
      continue
    }
    const previous = items[items.length - 1]
    if (previous) {
      previous.children.push(...nested)
    } else {
      items.push(...nested)
    }
  }
  return items
}

/** The text of a table cell: its paragraphs (and any lists) run together, kept apart by a space. */
function cellInline(cell: JsonObject): InlineText {
  const nodes: JsonObject[] = []
  for (const node of childrenOf(cell)) {
    nodes.push(node, { type: 'linebreak' })
  }
  return inlineOf(nodes)
}

/**
 * A `@lexical/table` table node as a table block. The first row is the header row when all its
 * cells have the row-header bit (1) of `headerState`. Rows with no text at all are dropped.
 */
function tableOf(table: JsonObject): Block | null {
  const rows: TableRow[] = []
  let header = false
  for (const [index, row] of childrenOf(table)
    .filter((node) => typeOf(node) === 'tablerow')
    .entries()) {
    const cellNodes = childrenOf(row).filter((node) => typeOf(node) === 'tablecell')
    if (index === 0) {
      header =
        cellNodes.length > 0 &&
        cellNodes.every(
          (cell) => typeof cell.headerState === 'number' && (cell.headerState & 1) === 1,
        )
    }
    const cells = cellNodes.map(cellInline)
    if (cells.some((cell) => cell.text !== '')) rows.push({ cells })
    else if (index === 0) header = false
  }
  return rows.length > 0 ? { header, rows, type: 'table' } : null
}

function isBlockContainer(node: JsonObject): boolean {
  return childrenOf(node).some((child) => {
    const type = typeOf(child)
    return (
      type === 'list' ||
      PARAGRAPH_TYPES.has(type) ||
      (Array.isArray(child.children) && !INLINE_ELEMENT_TYPES.has(type))
    )
  })
}

function collectBlocks(nodes: readonly JsonObject[], out: Block[]): void {
  for (const node of nodes) {
    const type = typeOf(node)
    if (type === 'list') {
      const items = listItemsOf(node)
      if (items.length > 0) {
        out.push({ type: 'list', items, ordered: node.listType === 'number' || node.tag === 'ol' })
      }
    } else if (type === 'table') {
      const table = tableOf(node)
      if (table) out.push(table)
    } else if (!PARAGRAPH_TYPES.has(type) && isBlockContainer(node)) {
      // Columns, collapsibles and the like: their paragraphs and lists become ours.
      collectBlocks(childrenOf(node), out)
    } else if (Array.isArray(node.children) || typeof node.text === 'string') {
      const inline = inlineOf(PARAGRAPH_TYPES.has(type) ? childrenOf(node) : [node])
      // Empty paragraphs are editor artefacts (a trailing Enter), not content.
      if (inline.text !== '') {
        out.push({ type: 'paragraph', ...inline })
      }
    }
  }
}

// Anything unreadable gives an empty list rather than an error: a body we cannot read is then
// reported as empty by release validation instead of failing the request.
/** Converts a serialized Lexical editor state (or its root node, or its JSON string) to blocks. */
export function lexicalToBlocks(state: unknown): Block[] {
  let value = state
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown
    } catch {
      return []
    }
  }
  if (!isObject(value)) {
    return []
  }
  const root = isObject(value.root) ? value.root : value
  const blocks: Block[] = []
  collectBlocks(childrenOf(root), blocks)
  return blocks
}
