/**
 * Shapes of a materiality proposal: a `ChangeKind` plus reasons a person can read and check.
 */
import type { ChangeKind, LocaleCode, SectionKind } from '../types.js'
import type { SignalCategory } from './signals.js'

/** What a reason is about. `message` is the readable form; `code` and `params` are for code. */
export type ReasonCode =
  | 'editorial-only'
  | 'key-term-changed'
  | 'kind-changed'
  | 'kind-suggested'
  | 'list-item-added'
  | 'list-item-removed'
  | 'negation-added'
  | 'negation-removed'
  | 'no-changes'
  | 'not-compared'
  | 'number-changed'
  | 'order-changed'
  | 'section-added'
  | 'section-changed'
  | 'section-moved'
  | 'section-removed'
  | 'section-renamed'
  | 'title-changed'

/** Values a reason's message is built from. Lists are joined in the reader's language. */
export type ReasonParams = Record<string, number | string | string[]>

/** One finding of the classifier. */
export type Reason = {
  code: ReasonCode
  /** The locale of the text the finding is about. */
  locale: LocaleCode
  /** Whether this finding alone makes the change material. */
  material: boolean
  /** `params` rendered in the requested language, e.g. “New list item in ‘…’: Lokationsdata”. */
  message: string
  params: ReasonParams
  /** Key of the section concerned; `null` for document-level findings. */
  section: string | null
}

/** The classifier's proposal: material if any reason is. */
export type Classification = {
  proposal: ChangeKind
  reasons: Reason[]
}

/**
 * Where the line between material and minor lies. Every field has a default
 * (`DEFAULT_MATERIALITY_THRESHOLDS`); pass a partial object to change some.
 *
 * "Content words" are words outside the locale's `stopWords`, compared by a crude stem, so
 * "is corrected by contacting" → "will be corrected if you contact" adds and removes none.
 * A section's change size is max(content words removed, content words added): replacing one
 * term with another counts as one.
 */
export type MaterialityThresholds = {
  /**
   * Section kinds whose substantive changes people must be told about, after the EDPB/WP29
   * transparency guidelines (WP260 rev.01, §29–30: purposes, controller identity, recipients,
   * transfers, retention, rights), plus security and cookies.
   * @default ['controller', 'cookies', 'data-categories', 'purposes', 'recipients', 'retention', 'rights', 'security', 'transfers']
   */
  materialKinds: SectionKind[]
  /**
   * Content words that must change in a section of a material kind for a proposal of material.
   * Kinds listed in `minChangedTermsByKind` use their own value.
   * @default 2
   */
  minChangedTerms: number
  /**
   * Content words that make a change material in a section of *any* kind (a large rewrite of,
   * say, the introduction). `null` turns this off.
   * @default 25
   */
  minChangedTermsAnyKind: number | null
  /**
   * Per-kind overrides of `minChangedTerms`. In these kinds a single new term is a new data
   * category, purpose, recipient or country.
   * @default { 'data-categories': 1, purposes: 1, recipients: 1, transfers: 1 }
   */
  minChangedTermsByKind: Partial<Record<SectionKind, number>>
  /**
   * Inserting or removing a negation ("ikke", "not", "never") is material in any section.
   * @default true
   */
  negationIsMaterial: boolean
  /** Negation words per locale, lower case. Other locales have none. */
  negationWords: Record<LocaleCode, string[]>
  /**
   * Kinds in which a new list item alone is material (a new data category, purpose or recipient).
   * @default ['data-categories', 'purposes', 'recipients']
   */
  newListItemMaterialKinds: SectionKind[]
  /**
   * A new section is material.
   * @default true
   */
  newSectionIsMaterial: boolean
  /**
   * A text whose word diff timed out (reported as rewritten) is material, so a person reads it.
   * @default true
   */
  notComparedIsMaterial: boolean
  /**
   * Kinds in which a changed number (a retention period, an age, a count of days) is material.
   * @default the same as `materialKinds`
   */
  numberChangeMaterialKinds: SectionKind[]
  /**
   * Kinds in which a removed list item alone is material. Empty by default: a removal narrows
   * what is done with data, and its words still count towards `minChangedTerms`.
   * @default []
   */
  removedListItemMaterialKinds: SectionKind[]
  /**
   * A removed section is material.
   * @default true
   */
  removedSectionIsMaterial: boolean
  /**
   * Key facts whose change is material in a section of any kind, however few words changed
   * (`src/materiality/signals.ts`, word lists in `vocabulary.ts`): contact details, legal bases,
   * transfer mechanisms, rights, periods and ages, and newly named organisations and countries.
   * An empty list turns the rule off.
   * @default every category
   */
  signals: SignalCategory[]
  /** Function words per locale, lower case, that do not count as content words. */
  stopWords: Record<LocaleCode, string[]>
}

/** Options for `classify`. */
export type ClassifyOptions = {
  /** Kinds by section key, overriding the kinds stored in the snapshots. */
  kinds?: Record<string, SectionKind>
  /**
   * Language of the reasons' messages.
   * @default each locale diff's own locale
   */
  locale?: LocaleCode
  /**
   * Judge a section whose kind is `general` (the editor left it unset) by the kind its heading
   * and body suggest (`src/kinds`); a `kind-suggested` reason says so.
   * @default true
   */
  suggestKinds?: boolean
  /** Changes to `DEFAULT_MATERIALITY_THRESHOLDS`. */
  thresholds?: Partial<MaterialityThresholds>
}

/** What the editor decided: the proposal, or an override with a justification. */
export type MaterialityOverride = {
  /** Why the editor disagrees with the proposal. Required (non-blank) when `kind` differs from it. */
  justification?: string
  kind: ChangeKind
}

/** The final decision on a release, keeping the proposal and its reasons for the record. */
export type MaterialityDecision = {
  /** The decision, which is final. */
  kind: ChangeKind
  /** `null` when not overridden and none was given. */
  justification: string | null
  /** `kind` differs from the proposal. */
  overridden: boolean
  proposal: ChangeKind
  reasons: Reason[]
}
