/**
 * The domain core of payload-plugin-policy-docs: plain TypeScript with no Payload, Next or React
 * imports. Diffs releases structure first and words last, proposes whether a change is material,
 * and renders reader-facing copy in the reader's language.
 */
export * from './types.js'
export { escapeHtml, getTranslator, SUPPORTED_LANGUAGES } from './i18n/index.js'
export type { Translator } from './i18n/index.js'
export * from './diff/index.js'
export * from './materiality/index.js'
