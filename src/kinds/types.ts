/**
 * Shapes of kind suggestions: which `SectionKind` a section looks like, from its heading and body.
 */
import type { SectionKind } from '../types.js'

/** Phrases (syntax of `src/completeness/patterns/README.md`) that point to one kind. */
export type KindPhrases = {
  /** Phrases looked for in the heading (strong evidence). */
  heading?: string[]
  /** Phrases looked for in the body, sentence by sentence (weaker; counted per sentence). */
  body?: string[]
}

/** One language's phrases, by kind. */
export type KindPatternSet = {
  language: string
  kinds: Partial<Record<SectionKind, KindPhrases>>
}

/** A suggested kind with the evidence behind it. */
export type KindSuggestion = {
  /** `general` when nothing pointed anywhere. */
  kind: SectionKind
  /** Score of the suggested kind: 3 per heading phrase, 1 per body sentence (at most 6 from the body). */
  score: number
  /** The phrases that matched, heading first. */
  matched: string[]
  /** The runner-up, when it came close (within one point): the editor should look twice. */
  alternative: SectionKind | null
}
