/**
 * Shapes of an imported statement: what a .docx, HTML or Markdown file becomes before it is
 * saved as a draft policy document.
 */
import type { Block, LocaleCode, SectionKind } from '../types.js'

export type ImportFormat = 'docx' | 'html' | 'markdown'

/** One section found at a heading. */
export type ImportedSection = {
  blocks: Block[]
  heading: string
  /** Stable key derived from the heading (lowercase ASCII letters, digits, dashes; unique). */
  key: string
  /** The kind the heading and body suggest (`src/kinds`); `general` when nothing points anywhere. */
  kind: SectionKind
}

/** The statement as it would be created. */
export type ImportedStatement = {
  format: ImportFormat
  locale: LocaleCode
  sections: ImportedSection[]
  title: string
  /** What was dropped or changed on the way in (scripts, event handlers, unsafe links, tables). */
  warnings: string[]
}

/** What `importStatement` takes. */
export type ImportInput = {
  /** The file's bytes, or pasted text. */
  data: string | Uint8Array
  /** Overrides the format guessed from `filename` and `contentType`. */
  format?: ImportFormat
  filename?: string
  contentType?: string
  /** The language of the text (kind suggestions, the name of a leading untitled section). */
  locale: LocaleCode
}

/** Why an input was refused. Each has a message meant for the editor. */
export type ImportErrorCode = 'empty' | 'no-text' | 'too-large' | 'unreadable' | 'unsupported-type'
