/**
 * Conversions between our block model and Lexical's serialized editor state (as Payload's
 * richtext-lexical stores it), and the statement HTML renderer. Pure: no Lexical or Payload import.
 */
export { lexicalToBlocks } from './fromLexical.js'
export {
  type InlineLink,
  type InlineSegment,
  parseInlineHtml,
  renderSegments,
  sanitizeUrl,
  segmentsToInlineText,
  TEXT_FORMAT,
} from './inline.js'
export { type RenderableStatement, renderBlocksHtml, renderStatementHtml } from './render.js'
export { blocksToLexical } from './toLexical.js'
export type {
  SerializedEditorState,
  SerializedInlineNode,
  SerializedLinkFields,
  SerializedLinkNode,
  SerializedListItemNode,
  SerializedListNode,
  SerializedParagraphNode,
  SerializedRootNode,
  SerializedTableCellNode,
  SerializedTableNode,
  SerializedTableRowNode,
  SerializedTextNode,
} from './types.js'
