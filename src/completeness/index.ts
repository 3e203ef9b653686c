/**
 * GDPR Art. 13/14 completeness check of a privacy statement, one locale at a time.
 */
export { checkCompleteness, COMPLETENESS_PATTERNS } from './check.js'
export { ELEMENT_IDS, ELEMENTS, formatProvision } from './elements.js'
export { ELEMENT_LABELS, elementLabel } from './labels.js'
export { compilePhrase, normalizeForMatch, sectionSentences } from './match.js'
export type {
  CompletenessOptions,
  CompletenessReport,
  ElementDefinition,
  ElementId,
  ElementResult,
  ElementStatus,
  Evidence,
  PartPatterns,
  PatternSet,
  Provision,
} from './types.js'
