import type { LocaleCode, ReleaseSnapshot } from '../types.js'

/** One hole in a would-be release: a locale that lacks a title, a heading or a body. */
export type MissingContent = {
  field: 'body' | 'heading' | 'title'
  locale: LocaleCode
  /** Undefined for the title. */
  sectionKey?: string
}

/**
 * Lists every locale × section that has no content. A release must be complete in every
 * configured locale: we refuse to publish rather than silently fall back to another language,
 * because a reader is entitled to the statement in the language it is offered in.
 */
export function validateSnapshot(
  snapshot: ReleaseSnapshot,
  locales: readonly LocaleCode[],
): MissingContent[] {
  const missing: MissingContent[] = []
  for (const locale of locales) {
    const localeSnapshot = snapshot[locale]
    if (!localeSnapshot || !localeSnapshot.title.trim()) {
      missing.push({ field: 'title', locale })
    }
    for (const section of localeSnapshot?.sections ?? []) {
      if (!section.heading.trim()) {
        missing.push({ field: 'heading', locale, sectionKey: section.key })
      }
      if (section.blocks.length === 0) {
        missing.push({ field: 'body', locale, sectionKey: section.key })
      }
    }
  }
  return missing
}
