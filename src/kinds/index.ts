/**
 * Kind suggestions: which `SectionKind` a section looks like, from its heading and body (da, en).
 */
export { KIND_PATTERNS, suggestKind, suggestKinds } from './suggestKind.js'
export type { KindPatternSet, KindPhrases, KindSuggestion } from './types.js'
