/**
 * The serialized Lexical editor state as Payload's `richtext-lexical` stores it, limited to the
 * nodes our converters write. Defined here rather than imported so that `src/` stays free of
 * Lexical and Payload; the shapes follow `exportJSON()` of lexical 0.50 (`TextNode`,
 * `ParagraphNode`, `RootNode`), `@lexical/list` (`ListNode`, `ListItemNode`), `@lexical/table`
 * (`TableNode`, `TableRowNode`, `TableCellNode`) and Payload's own
 * `LinkNode` (which keeps the target in `fields` rather than Lexical's top-level `url`).
 */

/** Text direction of an element, as Lexical computes it from its text. */
export type SerializedDirection = 'ltr' | 'rtl' | null

/** Fields every serialized element node carries. */
export type SerializedElementBase = {
  direction: SerializedDirection
  /** Block alignment ('' = default, 'left', 'center', …), not text formatting. */
  format: '' | 'center' | 'end' | 'justify' | 'left' | 'right' | 'start'
  indent: number
  version: number
}

/** A run of text with one set of format bits (see `TEXT_FORMAT`). */
export type SerializedTextNode = {
  detail: number
  format: number
  mode: 'normal' | 'segmented' | 'token'
  style: string
  text: string
  type: 'text'
  version: 1
}

/** Payload's link `fields`. We only write custom (URL) links; internal links point at documents. */
export type SerializedLinkFields = {
  linkType: 'custom'
  newTab: boolean
  url: string
}

/** Payload's link node (`type: 'link'`, version 3). */
export type SerializedLinkNode = SerializedElementBase & {
  children: SerializedTextNode[]
  fields: SerializedLinkFields
  id?: string
  type: 'link'
}

/** What may sit inside a paragraph or list item. */
export type SerializedInlineNode = SerializedLinkNode | SerializedTextNode

/** A paragraph. `textFormat`/`textStyle` mirror the first text child, as Lexical writes them. */
export type SerializedParagraphNode = SerializedElementBase & {
  children: SerializedInlineNode[]
  textFormat: number
  textStyle: string
  type: 'paragraph'
}

/**
 * A list item. Lexical nests lists by giving the nested list its own list item, placed right
 * after the item it belongs to; that wrapper item holds only the nested list.
 */
export type SerializedListItemNode = SerializedElementBase & {
  children: Array<SerializedInlineNode | SerializedListNode>
  type: 'listitem'
  /** Ordinal of the item; a wrapper item repeats the value of the item that follows it. */
  value: number
}

/** A bullet or numbered list. */
export type SerializedListNode = SerializedElementBase & {
  children: SerializedListItemNode[]
  listType: 'bullet' | 'number'
  start: number
  tag: 'ol' | 'ul'
  type: 'list'
}

/**
 * A table cell of `@lexical/table` (Payload's `EXPERIMENTAL_TableFeature`). `headerState` is a bit
 * set: 1 = a cell of the header row, 2 = of the header column.
 */
export type SerializedTableCellNode = SerializedElementBase & {
  backgroundColor: null | string
  children: SerializedParagraphNode[]
  colSpan: number
  headerState: number
  rowSpan: number
  type: 'tablecell'
  width?: number
}

/** A table row of `@lexical/table`. */
export type SerializedTableRowNode = SerializedElementBase & {
  children: SerializedTableCellNode[]
  type: 'tablerow'
}

/** A table of `@lexical/table`. */
export type SerializedTableNode = SerializedElementBase & {
  children: SerializedTableRowNode[]
  type: 'table'
}

/** The root node of an editor state. */
export type SerializedRootNode = SerializedElementBase & {
  children: Array<SerializedListNode | SerializedParagraphNode | SerializedTableNode>
  type: 'root'
}

/** The value of a Payload `richText` field using the Lexical editor. */
export type SerializedEditorState = {
  root: SerializedRootNode
}
