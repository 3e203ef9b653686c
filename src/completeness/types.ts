/**
 * Shapes of the GDPR Art. 13/14 completeness check: which information a privacy statement must
 * give, and what the check found for each element in one locale.
 */
import type { LocaleCode, SectionKind } from '../types.js'

/** One piece of information Art. 13 or 14 requires. */
export type ElementId =
  | 'automated-decisions'
  | 'complaint'
  | 'controller'
  | 'dpo'
  | 'legal-basis'
  | 'legitimate-interests'
  | 'purposes'
  | 'recipients'
  | 'retention'
  | 'right-access'
  | 'right-erasure'
  | 'right-objection'
  | 'right-portability'
  | 'right-rectification'
  | 'right-restriction'
  | 'source'
  | 'statutory-requirement'
  | 'transfers'
  | 'withdraw-consent'

/** A provision of the GDPR, e.g. Art. 13(1)(a): `{ article: 13, paragraph: 1, point: 'a' }`. */
export type Provision = {
  article: number
  paragraph: number
  point?: string
}

/** What the check knows about an element, independent of language. */
export type ElementDefinition = {
  id: ElementId
  /** Where the GDPR requires it. */
  provisions: Provision[]
  /**
   * Section kinds whose sections are about this element. Phrases listed under `inKinds` in a
   * pattern file only count inside these sections; locales without a pattern file fall back to
   * "a section of this kind exists".
   */
  kinds: SectionKind[]
  /**
   * Whether a section of one of `kinds` is enough evidence in a language without a pattern file
   * (a retention section gives retention; a purposes section does not prove a legal basis).
   */
  kindSuffices: boolean
  /** Parts that must all be found, e.g. a transfer *and* its safeguard. */
  parts: string[]
}

/**
 * The phrases that show one part of an element in one language. See `patterns/README.md` for the
 * syntax (`word*`, `...`, `re:`).
 */
export type PartPatterns = {
  /** Phrases that count wherever they appear. */
  anywhere?: string[]
  /** Phrases that count only in sections of the element's kinds (too general elsewhere). */
  inKinds?: string[]
}

/** One language's phrases, element by element and part by part. */
export type PatternSet = {
  language: string
  elements: Partial<Record<ElementId, Record<string, PartPatterns>>>
}

/** A section and the sentences in it that satisfy an element. */
export type Evidence = {
  heading: string
  /** `kind` when only the section's kind (no phrase) was the evidence. */
  basis: 'kind' | 'text'
  section: string
  sentences: string[]
}

export type ElementStatus = 'missing' | 'not-applicable' | 'present'

/** The result for one element. */
export type ElementResult = {
  /** e.g. "Art. 13(1)(a), Art. 14(1)(a)". */
  citation: string
  element: ElementId
  evidence: Evidence[]
  /** Parts found nowhere (empty unless `missing`). */
  missingParts: string[]
  provisions: Provision[]
  /** The editor's reason, for `not-applicable`. */
  reason: string | null
  status: ElementStatus
}

/** The checklist of one locale. */
export type CompletenessReport = {
  /** `text` when a pattern file exists for the language; `kinds` when only section kinds were used. */
  basis: 'kinds' | 'text'
  complete: boolean
  elements: ElementResult[]
  locale: LocaleCode
  missing: ElementId[]
}

/** Options for `checkCompleteness`. */
export type CompletenessOptions = {
  /** Elements the editor declared not applicable, with the reason. Blank reasons are ignored. */
  notApplicable?: Partial<Record<ElementId, string>>
  /** Extra or replacement pattern sets by language (merged phrase by phrase with the built-in ones). */
  patterns?: Record<string, PatternSet>
}
