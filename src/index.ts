/**
 * The domain core of payload-plugin-policy-docs: plain TypeScript with no Payload, Next or React
 * imports. Freezes and hash-chains releases, diffs them structure first and words last, proposes
 * whether a change is material, decides which banner shows, renders notices and signs links, all
 * in the reader's language. `import … from 'payload-plugin-policy-docs/core'`.
 */
export * from './types.js'
export {
  DOCUMENT_KEY_PATTERN,
  DOCUMENT_KEY_RULE,
  isDocumentKey,
  RESERVED_DOCUMENT_KEYS,
} from './documentKey.js'
export { escapeHtml, getTranslator, SUPPORTED_LANGUAGES } from './i18n/index.js'
export type { Translator } from './i18n/index.js'
export * from './diff/index.js'
export * from './materiality/index.js'
export * from './releases/index.js'
export * from './banner/index.js'
export * from './notices/index.js'
export * from './tokens/index.js'
export {
  blocksToLexical,
  lexicalToBlocks,
  renderBlocksHtml,
  renderStatementHtml,
} from './lexical/index.js'
export type { SerializedEditorState } from './lexical/index.js'
