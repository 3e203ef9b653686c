/**
 * The domain model of a policy document, as plain data.
 *
 * Nothing here knows Payload, Lexical or HTTP: `plugin/` adapts Payload documents into these shapes
 * (see `plugin/utilities/toSnapshot.ts`), and everything in `src/` works on them alone.
 */

/** A locale code such as `da` or `en`. */
export type LocaleCode = string

/** Document IDs are numbers on SQL adapters and strings on MongoDB. */
export type DocumentID = number | string

/**
 * What a section is about. Materiality rules key on this, following the EDPB/WP29 transparency
 * guidance (WP260 rev.01 §29–30): changes to purposes, controller identity, recipients, transfers,
 * retention and rights are the ones people must be told about.
 */
export type SectionKind =
  | 'controller'
  | 'cookies'
  | 'data-categories'
  | 'definitions'
  | 'general'
  | 'purposes'
  | 'recipients'
  | 'retention'
  | 'rights'
  | 'security'
  | 'sources'
  | 'transfers'

export const SECTION_KINDS: readonly SectionKind[] = [
  'general',
  'controller',
  'definitions',
  'data-categories',
  'sources',
  'purposes',
  'recipients',
  'transfers',
  'retention',
  'rights',
  'security',
  'cookies',
]

/**
 * A piece of running text. `text` is the plain text (what the diff compares);
 * `html` is the same text with inline formatting and links, already escaped and safe to embed.
 * Formatting-only and link-only changes show up as equal `text` with different `html`.
 */
export type InlineText = {
  html: string
  text: string
}

/** One bullet. Nested bullets live in `children`. */
export type ListItem = InlineText & {
  children: ListItem[]
}

/** One row of a table: its cells in order. The first cell is the row's key when tables are diffed. */
export type TableRow = {
  cells: InlineText[]
}

/** A block inside a section body. A table's first row is its column headings when `header` is true. */
export type Block =
  | (InlineText & { type: 'paragraph' })
  | { items: ListItem[]; ordered: boolean; type: 'list' }
  | { header: boolean; rows: TableRow[]; type: 'table' }

/** One section of one locale, frozen in normalized form. */
export type SectionSnapshot = {
  blocks: Block[]
  heading: string
  /** Stable identifier: survives rewording of the heading and reordering. */
  key: string
  kind: SectionKind
}

/** Everything a release froze for one locale. */
export type LocaleSnapshot = {
  /** Rendered HTML of the whole statement in this locale (sections with headings and bodies). */
  html: string
  sections: SectionSnapshot[]
  title: string
}

/** A frozen release body: every configured locale. */
export type ReleaseSnapshot = Record<LocaleCode, LocaleSnapshot>

/** `major.minor`. */
export type Version = {
  major: number
  minor: number
}

/** Whether a change is one people must be told about. */
export type ChangeKind = 'material' | 'minor'
