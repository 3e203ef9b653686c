/**
 * The JSON model of a diff between two releases. It is our own shape, not jsdiff's: jsdiff's
 * `ChangeObject` never leaves `src/diff/words.ts`, so the UI, e-mails and the materiality rules
 * depend only on these types. Everything here is plain data and survives `JSON.stringify`.
 */
import type { LocaleCode, SectionKind } from '../types.js'

/** One run of text in a word diff. */
export type TextPart = {
  text: string
  type: 'delete' | 'equal' | 'insert'
}

/**
 * What kind of edit turned the old text into the new one, from the most harmless to the most
 * drastic. Checked in this order, so `punctuation` means "nothing but punctuation (and maybe
 * capitalization) changed", and `words` is only used when no cheaper explanation fits.
 *
 * - `formatting`: same plain text, different inline formatting in `html` (bold, italics, list depth).
 * - `link`: same plain text, a link target (`href`) differs.
 * - `whitespace`: the texts differ only in spaces, tabs or line breaks.
 * - `case`: only capitalization differs.
 * - `punctuation`: only punctuation differs, possibly together with capitalization (`caseChanged`).
 * - `typo`: every changed word was replaced by a word one or two letters away (a spelling fix).
 * - `words`: words were added, removed or replaced.
 * - `rewritten`: no word diff was computed, because it timed out or the budget ran out;
 *   the parts are simply the whole old text deleted and the whole new text inserted.
 */
export type ChangeFlavour =
  'case' | 'formatting' | 'link' | 'punctuation' | 'rewritten' | 'typo' | 'whitespace' | 'words'

/** A piece of running text (heading, paragraph, list item or title) compared across releases. */
export type TextChange = {
  /** Only for `punctuation`: capitalization changed as well. */
  caseChanged?: boolean
  /** Words (letters or digits, `e-mail` counting once) in deleted parts. */
  deletedWords: number
  /** `null` when old and new are identical in text and html, or when the text was only added or removed. */
  flavour: ChangeFlavour | null
  /** Words in inserted parts. */
  insertedWords: number
  /** Link targets that differ, whatever the flavour. Targets are untrusted text, never markup. */
  links?: { added: string[]; removed: string[] }
  /** `null` when the text is new. */
  oldText: string | null
  /** Concatenating `equal` + `delete` parts gives the old text, `equal` + `insert` the new one (up to whitespace). */
  parts: TextPart[]
  /** `null` when the text was removed. */
  newText: string | null
  /** Only for `rewritten`: why the word diff was skipped. */
  rewrittenBecause?: 'budget' | 'timeout'
}

/** What happened to one entry (block or list item) of a sequence. */
export type EntryChangeType = 'added' | 'changed' | 'moved' | 'removed' | 'unchanged'

/**
 * One list item. Nested lists are flattened in document order with a `depth`, so an added
 * sub-bullet is one added item and the renderer can rebuild the nesting.
 * `moved` means the same text now sits elsewhere in the list (its `text` may still carry a
 * formatting change).
 */
export type ItemChange = {
  /** 0 for top-level bullets. */
  depth: number
  newIndex: number | null
  oldDepth: number | null
  oldIndex: number | null
  text: TextChange
  type: EntryChangeType
}

/** A paragraph compared across releases. Indices count blocks within the section. */
export type ParagraphChange = {
  blockType: 'paragraph'
  newIndex: number | null
  oldIndex: number | null
  text: TextChange
  type: EntryChangeType
}

/** A list compared item by item. `changed` when any item or the numbering changed. */
export type ListChange = {
  blockType: 'list'
  items: ItemChange[]
  newIndex: number | null
  oldIndex: number | null
  oldOrdered: boolean | null
  ordered: boolean
  type: EntryChangeType
}

/**
 * One table row, matched across releases by its key (the first cell's text, whitespace and case
 * normalized). It is an `ItemChange` (depth 0) whose `text` compares the whole row, cells joined
 * by " | ", so everything that reads list items (summary, materiality, publish rules) reads rows
 * too; `cells` compares the cells one by one, by position, for the HTML.
 */
export type RowChange = ItemChange & {
  cells: TextChange[]
  /** The first cell's text in the new release (the old one for removed rows). */
  key: string
}

/** A table compared row by row. `changed` when any row or the header flag changed. */
export type TableChange = {
  blockType: 'table'
  /** The first row is the column headings (in the new release, the old one for removed tables). */
  header: boolean
  items: RowChange[]
  newIndex: number | null
  oldHeader: boolean | null
  oldIndex: number | null
  type: EntryChangeType
}

/** One block of a section body. */
export type BlockChange = ListChange | ParagraphChange | TableChange

/**
 * What happened to a section, as one word. A section can be moved, renamed and edited at once:
 * `type` names the most significant fact (`changed` > `renamed` > `moved` > `unchanged`)
 * and the flags tell the full story.
 */
export type SectionChangeType = 'added' | 'changed' | 'moved' | 'removed' | 'renamed' | 'unchanged'

/** One section, matched across releases by its stable key. */
export type SectionChange = {
  blocks: BlockChange[]
  /** The body (not the heading) changed in any way, formatting included. */
  bodyChanged: boolean
  /** Words deleted in heading and body. */
  deletedWords: number
  heading: TextChange
  /** Words inserted in heading and body. */
  insertedWords: number
  key: string
  /** The kind in the new release (the old one for removed sections). */
  kind: SectionKind
  /** Its position among the other kept sections changed (not just shifted by an insertion). */
  moved: boolean
  newIndex: number | null
  /** `null` for added sections. */
  oldKind: SectionKind | null
  oldIndex: number | null
  /** The heading text changed. */
  renamed: boolean
  type: SectionChangeType
}

/** Counts over one locale's diff. */
export type DiffStats = {
  deletedWords: number
  insertedWords: number
  /** Texts reported as `rewritten` because their word diff timed out or the budget ran out. */
  rewrittenTexts: number
  sectionsAdded: number
  sectionsChanged: number
  sectionsMoved: number
  sectionsRemoved: number
  sectionsRenamed: number
  sectionsUnchanged: number
}

/** The diff of one locale. Sections come in the new order, removed ones where they used to be. */
export type LocaleDiff = {
  /** `false` if some texts were reported as `rewritten` because their word diff timed out or the budget ran out. */
  complete: boolean
  elapsedMs: number
  locale: LocaleCode
  sections: SectionChange[]
  stats: DiffStats
  title: TextChange
}

/** The diff of two releases, one entry per locale present in either. */
export type SnapshotDiff = {
  elapsedMs: number
  locales: Record<LocaleCode, LocaleDiff>
}

/** Options for `diffLocale` and `diffSnapshots`. */
export type DiffOptions = {
  /**
   * The content's locale, used to split words (`Intl.Segmenter`); required by `diffLocale`.
   * `diffSnapshots` ignores it and uses each locale's own code.
   */
  locale?: LocaleCode
  /**
   * Restrict `diffSnapshots` to these locales.
   * @default every locale present in either release
   */
  locales?: LocaleCode[]
  /**
   * Texts longer than this (old + new, in characters, after trimming the common prefix and suffix)
   * are split with jsdiff's built-in word regex instead of `Intl.Segmenter`. jsdiff re-segments
   * whole change values while tidying whitespace, which ran out of memory on a 124k-character text.
   * The regex already treats æ, ø and å as letters.
   * @default 20000
   */
  maxSegmenterChars?: number
  /**
   * Two different paragraphs or list items are shown as one edited text when at least this share
   * of their words is common (Dice coefficient, 0–1); below it, as a removal plus an addition.
   * This is what makes a new bullet show as one added item and not as a rewritten neighbour.
   * Exception: one old and one new entry left alone in the same place are paired if they share
   * any word, since they are almost certainly the same entry edited.
   * @default 0.5
   */
  minPairSimilarity?: number
  /**
   * A gap of unmatched old × new entries larger than this is not searched for similar pairs
   * (its entries are reported as removed and added), which keeps matching linear on huge lists.
   * @default 2500
   */
  maxPairCandidates?: number
  /**
   * Upper bound for a single jsdiff call, in milliseconds. A text whose word diff takes longer is
   * reported as `rewritten`.
   * @default 250
   */
  perBlockTimeoutMs?: number
  /**
   * Wall-clock budget for the whole call, in milliseconds. Once spent, remaining changed texts are
   * reported as `rewritten` without a word diff, so the call ends shortly after the budget.
   * @default 2000
   */
  timeoutMs?: number
}
