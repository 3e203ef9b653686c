/**
 * Shapes of the demo seed: the parsed Danish source text, the bilingual statement built from it,
 * and the demo release history. Plain data only, so tests and the seed script share them.
 */
import type { Block, ChangeKind, SectionKind } from '../src/types.js'

/** The locales the demo statement ships in; `da` is the default and the source language. */
export type SeedLocale = 'da' | 'en'

/** One value per seed locale. */
export type Localized<T> = Record<SeedLocale, T>

/** One section as the text parser found it: a heading and its body, in one language. */
export type ParsedSection = {
  blocks: Block[]
  heading: string
}

/** What `parsePrivacyStatement` returns for a plain-text statement. */
export type ParsedStatement = {
  sections: ParsedSection[]
  title: string
}

/** One section of the bilingual seed statement. `key` and `kind` are shared by both locales. */
export type SeedSection = {
  blocks: Localized<Block[]>
  heading: Localized<string>
  key: string
  kind: SectionKind
}

/** The bilingual seed statement. */
export type SeedStatement = {
  sections: SeedSection[]
  title: Localized<string>
}

/** The release versions of the demo history. */
export type SeedVersion = '1.0' | '1.1' | '2.0'

/** One release of the demo history: what changed, when it takes effect, and the full statement. */
export type SeedRelease = {
  changeNote: Localized<string>
  /** ISO 8601 timestamp (UTC midnight of the effective day). */
  effectiveAt: string
  kind: ChangeKind
  statement: SeedStatement
  version: SeedVersion
}
