/**
 * Suggests a section kind from the heading and body, for statements imported or written by
 * someone who does not know the kinds. Danish and English have phrase lists (`patterns/`); other
 * languages get no suggestion (`general`). The classifier uses a suggestion only where the editor
 * left the kind at `general`, and says so in its reasons.
 */
import type { Block, LocaleCode, SectionKind, SectionSnapshot } from '../types.js'
import type { KindPatternSet, KindSuggestion } from './types.js'

import { compilePhrase, normalizeForMatch, sectionSentences } from '../completeness/match.js'
import { da } from './patterns/da.js'
import { en } from './patterns/en.js'

/** The built-in phrase lists by language. */
export const KIND_PATTERNS: Readonly<Record<string, KindPatternSet>> = { da, en }

const HEADING_WEIGHT = 3
const BODY_CAP = 6

/** Suggests the kind of one section in `locale`; `general` with score 0 when nothing points anywhere. */
export function suggestKind(
  section: { blocks: Block[]; heading: string },
  locale: LocaleCode,
  patterns: Record<string, KindPatternSet> = KIND_PATTERNS,
): KindSuggestion {
  const set = patterns[locale.split('-')[0]!.toLowerCase()]
  const none: KindSuggestion = { alternative: null, kind: 'general', matched: [], score: 0 }
  if (!set) return none
  const heading = {
    lower: section.heading.toLowerCase(),
    normalized: normalizeForMatch(section.heading),
  }
  const body = sectionSentences({ blocks: section.blocks, heading: '' })
  const scored: Array<{ kind: SectionKind; matched: string[]; score: number }> = []
  for (const [kind, phrases] of Object.entries(set.kinds) as Array<
    [SectionKind, NonNullable<KindPatternSet['kinds'][SectionKind]>]
  >) {
    const matched: string[] = []
    let score = 0
    for (const phrase of phrases.heading ?? []) {
      if (compilePhrase(phrase)(heading)) {
        score += HEADING_WEIGHT
        matched.push(phrase)
      }
    }
    const bodyMatchers = (phrases.body ?? []).map(
      (phrase) => [phrase, compilePhrase(phrase)] as const,
    )
    let bodyScore = 0
    for (const sentence of body) {
      const hit = bodyMatchers.find(([, matches]) => matches(sentence))
      if (hit) {
        bodyScore += 1
        if (!matched.includes(hit[0])) matched.push(hit[0])
      }
    }
    score += Math.min(bodyScore, BODY_CAP)
    if (score > 0) scored.push({ kind, matched, score })
  }
  // Highest score wins; ties go to the kind declared first in the pattern file.
  scored.sort((a, b) => b.score - a.score)
  const best = scored[0]
  if (!best) return none
  const second = scored[1]
  return {
    alternative: second && best.score - second.score <= 1 ? second.kind : null,
    kind: best.kind,
    matched: best.matched,
    score: best.score,
  }
}

/** Suggestions for every section of a locale, by section key. */
export function suggestKinds(
  sections: Array<Pick<SectionSnapshot, 'blocks' | 'heading' | 'key'>>,
  locale: LocaleCode,
): Record<string, KindSuggestion> {
  return Object.fromEntries(sections.map((section) => [section.key, suggestKind(section, locale)]))
}
