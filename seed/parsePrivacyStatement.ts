/**
 * Turns the plain-text privacy statement (as pasted from the old website) into our block model.
 *
 * The text format, as found in `data/privacy-statement.da.txt`:
 * - the first non-blank line is the title;
 * - headings are short standalone lines without closing punctuation;
 * - a line starting with `•` is a bullet, and the whitespace before the `•` is its depth
 *   (` • ` depth 1, `  • ` depth 2, `   • ` depth 3);
 * - every other line is one paragraph.
 */
import type { Block, ListItem } from '../src/types.js'
import type { ParsedSection, ParsedStatement } from './types.js'

import { escapeHtml } from '../src/i18n/index.js'

/**
 * Heading given to the text between the title and the first real heading. The source has no
 * heading there; 'Indledning' ("Introduction") is what a Danish editor would call it, and giving
 * it a section of its own keeps the data-controller paragraph addressable by a stable key.
 */
export const INTRODUCTION_HEADING = 'Indledning'

/** Longer standalone lines are sentences, not headings (the longest real heading is 41 characters). */
const MAX_HEADING_LENGTH = 80

// Bullet glyphs seen in text pasted from web pages and Word. A plain `-` is left out on purpose:
// it also starts ordinary sentences and ranges.
const BULLET = /^(\s*)[•◦▪‣●]\s*(.*)$/u

/** Trims and collapses whitespace runs (including non-breaking spaces) to one space. */
export function normalizeWhitespace(value: string): string {
  return value.replace(/\s+/g, ' ').trim()
}

/** A paragraph block whose `html` is the escaped text (the source has no inline formatting). */
export function makeParagraph(text: string): Block {
  const normalized = normalizeWhitespace(text)
  return { type: 'paragraph', html: escapeHtml(normalized), text: normalized }
}

/** A list item whose `html` is the escaped text, with optional nested items. */
export function makeListItem(text: string, children: ListItem[] = []): ListItem {
  const normalized = normalizeWhitespace(text)
  return { children, html: escapeHtml(normalized), text: normalized }
}

/** A bullet (or, with `ordered`, numbered) list block. */
export function makeList(items: ListItem[], ordered = false): Block {
  return { type: 'list', items, ordered }
}

type Line =
  | { kind: 'blank' }
  | { indent: number; kind: 'bullet'; text: string }
  | { kind: 'text'; text: string }

function classify(raw: string): Line {
  const bullet = BULLET.exec(raw)
  if (bullet) {
    // A tab counts as one level, like a space: the source uses one space per level.
    return {
      indent: (bullet[1] ?? '').length,
      kind: 'bullet',
      text: normalizeWhitespace(bullet[2] ?? ''),
    }
  }
  const text = normalizeWhitespace(raw)
  return text === '' ? { kind: 'blank' } : { kind: 'text', text }
}

/**
 * Whether a line looks like a heading on its own: standalone (a blank line or the title before
 * it), short, and not ending like a sentence or a lead-in (`.`, `:`, `;`, `,`). Question marks are
 * fine: several headings are questions.
 */
function looksLikeHeading(lines: readonly Line[], index: number): boolean {
  const line = lines[index]
  if (line?.kind !== 'text') {
    return false
  }
  const previous = lines[index - 1]
  if (previous && previous.kind !== 'blank') {
    return false
  }
  return line.text.length <= MAX_HEADING_LENGTH && !/[.:;,]$/.test(line.text)
}

// Headings are recognised by shape (see `looksLikeHeading`) plus one structural rule: a section is
// never empty, so a heading-shaped line that directly follows a heading (or the title) is body
// text. That is what tells 'Jackon behandler ikke nogen form for sensitive personoplysninger'
// (no closing period in the source) apart from a heading. The flip side: a document whose first
// line after the title is a heading would get that heading as an intro paragraph.
//
// Consecutive bullets form one list, also across blank lines: Lexical merges adjacent lists of the
// same type, so splitting them here would not survive a round trip through the editor anyway.
/** Parses plain statement text into a title and sections of blocks (see the module comment for the format). */
export function parsePrivacyStatement(text: string): ParsedStatement {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map(classify)

  const titleIndex = lines.findIndex((line) => line.kind !== 'blank')
  const titleLine = lines[titleIndex]
  if (titleLine?.kind !== 'text') {
    throw new Error('parsePrivacyStatement: the first non-blank line must be the title')
  }

  const sections: ParsedSection[] = []
  let current: ParsedSection = { blocks: [], heading: INTRODUCTION_HEADING }
  // The title plays the role of a heading for the "no empty section" rule.
  let sectionHasContent = false
  // Indentation of each open list level, outermost first, and the items at that level.
  let listStack: Array<{ indent: number; items: ListItem[] }> = []

  const closeSection = (): void => {
    if (current.blocks.length > 0) {
      sections.push(current)
    }
  }

  for (let index = titleIndex + 1; index < lines.length; index++) {
    const line = lines[index]
    if (!line || line.kind === 'blank') {
      continue
    }

    if (line.kind === 'bullet') {
      sectionHasContent = true
      const item = makeListItem(line.text)
      const lastBlock = current.blocks[current.blocks.length - 1]
      if (lastBlock?.type !== 'list' || listStack.length === 0) {
        const items = [item]
        current.blocks.push(makeList(items))
        listStack = [{ indent: line.indent, items }]
        continue
      }
      // Close deeper levels, then open one level if this bullet is indented further.
      while (listStack.length > 1 && line.indent < (listStack[listStack.length - 1]?.indent ?? 0)) {
        listStack.pop()
      }
      const level = listStack[listStack.length - 1]
      if (!level) {
        continue
      }
      const parent = level.items[level.items.length - 1]
      if (line.indent > level.indent && parent) {
        parent.children.push(item)
        listStack.push({ indent: line.indent, items: parent.children })
      } else {
        level.items.push(item)
      }
      continue
    }

    if (sectionHasContent && looksLikeHeading(lines, index)) {
      closeSection()
      current = { blocks: [], heading: line.text }
      sectionHasContent = false
      listStack = []
      continue
    }

    sectionHasContent = true
    listStack = []
    current.blocks.push(makeParagraph(line.text))
  }
  closeSection()

  return { sections, title: titleLine.text }
}
