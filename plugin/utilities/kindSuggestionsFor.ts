import type { LocaleSnapshot, SectionKind } from '../../src/types.js'

import { suggestKind } from '../../src/kinds/index.js'

/** A kind the text suggests for a section, where it differs from the kind the section has. */
export type SectionKindSuggestion = {
  alternative: null | SectionKind
  current: SectionKind
  heading: string
  index: number
  key: string
  kind: SectionKind
}

/**
 * Suggestions for the sections of one locale whose kind is unset (`general`) or differs from the
 * suggestion. A section whose text suggests nothing gets no suggestion.
 */
export function kindSuggestionsFor(
  snapshot: LocaleSnapshot | undefined,
  locale: string,
): SectionKindSuggestion[] {
  const out: SectionKindSuggestion[] = []
  snapshot?.sections.forEach((section, index) => {
    const suggestion = suggestKind(section, locale)
    if (suggestion.kind === 'general' || suggestion.kind === section.kind) return
    out.push({
      alternative: suggestion.alternative,
      current: section.kind,
      heading: section.heading,
      index,
      key: section.key,
      kind: suggestion.kind,
    })
  })
  return out
}
