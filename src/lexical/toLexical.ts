/**
 * Blocks → Lexical editor state, in the shape Payload's Lexical editor loads and saves.
 * Used to seed `richText` fields from plain data; `lexicalToBlocks` is the inverse.
 */
import type { Block, InlineText, ListItem, TableRow } from '../types.js'
import type {
  SerializedEditorState,
  SerializedInlineNode,
  SerializedLinkNode,
  SerializedListItemNode,
  SerializedListNode,
  SerializedParagraphNode,
  SerializedTableNode,
  SerializedTextNode,
} from './types.js'

import { type InlineSegment, inlineTextToSegments } from './inline.js'

// The element fields Lexical writes for left-to-right text with default alignment.
const ELEMENT = { direction: 'ltr', format: '', version: 1 } as const

function textNode(segment: InlineSegment): SerializedTextNode {
  return {
    type: 'text',
    detail: 0,
    format: segment.format,
    mode: 'normal',
    style: '',
    text: segment.text,
    version: 1,
  }
}

/** Lexical nodes for inline text: text nodes, with runs that share a link wrapped in a link node. */
function inlineNodes(inline: InlineText): SerializedInlineNode[] {
  const nodes: SerializedInlineNode[] = []
  let currentLink: SerializedLinkNode | undefined
  for (const segment of inlineTextToSegments(inline)) {
    const link = segment.link
    if (!link) {
      currentLink = undefined
      nodes.push(textNode(segment))
      continue
    }
    if (
      !currentLink ||
      currentLink.fields.url !== link.url ||
      currentLink.fields.newTab !== link.newTab
    ) {
      // Payload's LinkNode, version 3. `id` is optional and Payload assigns one when it loads the node.
      currentLink = {
        ...ELEMENT,
        type: 'link',
        children: [],
        fields: { linkType: 'custom', newTab: link.newTab, url: link.url },
        indent: 0,
        version: 3,
      }
      nodes.push(currentLink)
    }
    currentLink.children.push(textNode(segment))
  }
  return nodes
}

function paragraphNode(inline: InlineText): SerializedParagraphNode {
  const children = inlineNodes(inline)
  // Lexical records the format of the first direct text child, so new text typed there matches.
  const firstText = children.find((child): child is SerializedTextNode => child.type === 'text')
  return {
    ...ELEMENT,
    type: 'paragraph',
    children,
    indent: 0,
    textFormat: firstText?.format ?? 0,
    textStyle: '',
  }
}

/**
 * A list node. Nested items go the Lexical way: a wrapper list item holding only the nested list,
 * right after its parent item. Values follow `@lexical/list`'s `updateChildrenListItemValue`:
 * items count up from `start`, and a wrapper takes the value of the item after it.
 */
function listNode(
  items: readonly ListItem[],
  ordered: boolean,
  indent: number,
): SerializedListNode {
  const children: SerializedListItemNode[] = []
  let value = 1
  for (const item of items) {
    children.push({ ...ELEMENT, type: 'listitem', children: inlineNodes(item), indent, value })
    value++
    if (item.children.length > 0) {
      children.push({
        ...ELEMENT,
        type: 'listitem',
        children: [listNode(item.children, ordered, indent + 1)],
        indent,
        value,
      })
    }
  }
  return {
    ...ELEMENT,
    type: 'list',
    children,
    indent: 0,
    listType: ordered ? 'number' : 'bullet',
    start: 1,
    tag: ordered ? 'ol' : 'ul',
  }
}

/** A table node: one paragraph per cell; the cells of a header row carry `headerState` 1 (row header). */
function tableNode(rows: readonly TableRow[], header: boolean): SerializedTableNode {
  return {
    ...ELEMENT,
    type: 'table',
    children: rows.map((row, r) => ({
      ...ELEMENT,
      type: 'tablerow',
      children: row.cells.map((cell) => ({
        ...ELEMENT,
        type: 'tablecell',
        backgroundColor: null,
        children: [paragraphNode(cell)],
        colSpan: 1,
        headerState: header && r === 0 ? 1 : 0,
        indent: 0,
        rowSpan: 1,
      })),
      indent: 0,
    })),
    indent: 0,
  }
}

/** Converts blocks to a serialized Lexical editor state (root > paragraph | list | table). */
export function blocksToLexical(blocks: readonly Block[]): SerializedEditorState {
  return {
    root: {
      ...ELEMENT,
      type: 'root',
      children: blocks.map((block) =>
        block.type === 'list'
          ? listNode(block.items, block.ordered, 0)
          : block.type === 'table'
            ? tableNode(block.rows, block.header)
            : paragraphNode(block),
      ),
      indent: 0,
    },
  }
}
