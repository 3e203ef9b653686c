import type { Translator } from '../i18n/index.js'
/**
 * A plain-text summary of a diff for e-mails, in the reader's language: one `- ` line per changed
 * section (the notice renderer turns such lines into a list), then a line on what stayed the same.
 */
import type { LocaleCode } from '../types.js'
import type { ChangeFlavour, LocaleDiff, SectionChange, TextChange } from './types.js'

import { getTranslator } from '../i18n/index.js'

/** Flavours that leave the words alone, in the order they are named. */
export const EDITORIAL_FLAVOURS: readonly ChangeFlavour[] = [
  'punctuation',
  'case',
  'typo',
  'whitespace',
  'formatting',
  'link',
]

/** Longest list item quoted in a summary line; longer ones are cut at a word with an ellipsis. */
const MAX_QUOTED = 80
/** At most this many items are named per line; the count still covers all of them. */
const MAX_NAMED = 5

/** Cuts `text` to about `max` characters at a word boundary. */
export function shorten(text: string, max = MAX_QUOTED): string {
  const clean = text.replace(/\s+/gu, ' ').trim()
  if (clean.length <= max) return clean
  const cut = clean.slice(0, max)
  const space = cut.lastIndexOf(' ')
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/u, '')}…`
}

/** Editorial flavours of a text, with `punctuation` + `caseChanged` counted as both. */
export function editorialFlavours(text: TextChange): ChangeFlavour[] {
  if (text.flavour === null || !EDITORIAL_FLAVOURS.includes(text.flavour)) return []
  return text.flavour === 'punctuation' && text.caseChanged
    ? ['punctuation', 'case']
    : [text.flavour]
}

/** Joins localized nouns as "a, b and c" in the reader's language. */
export function joinList(values: string[], locale: LocaleCode): string {
  try {
    return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(values)
  } catch {
    return values.join(', ')
  }
}

/** What a section's body change consists of, counted. */
export type SectionTally = {
  editorial: Set<ChangeFlavour>
  itemsAdded: string[]
  itemsRemoved: string[]
  listsAdded: number
  listsRemoved: number
  paragraphsAdded: number
  paragraphsRemoved: number
  reordered: boolean
  reworded: number
  rewordedWords: number
  rewritten: number
  /** Table rows added, by their first cell (the row's key). */
  rowsAdded: string[]
  /** Table rows removed, by their first cell. */
  rowsRemoved: string[]
  tablesAdded: number
  tablesRemoved: number
  /** Texts in which words were only added (an appended sentence), as the added words. */
  textAdded: string[]
  /** Texts from which words were only removed, as the removed words. */
  textRemoved: string[]
}

/** Counts what changed in a section body. */
export function tallySection(section: SectionChange): SectionTally {
  const tally: SectionTally = {
    editorial: new Set(),
    itemsAdded: [],
    itemsRemoved: [],
    listsAdded: 0,
    listsRemoved: 0,
    paragraphsAdded: 0,
    paragraphsRemoved: 0,
    reordered: false,
    reworded: 0,
    rewordedWords: 0,
    textAdded: [],
    textRemoved: [],
    rewritten: 0,
    rowsAdded: [],
    rowsRemoved: [],
    tablesAdded: 0,
    tablesRemoved: 0,
  }
  const changedText = (text: TextChange): void => {
    // Words only added (an appended sentence) or only removed are said as such, not as "reworded".
    if (text.flavour === 'words' && text.deletedWords === 0 && text.insertedWords > 0) {
      tally.textAdded.push(
        text.parts
          .filter((part) => part.type === 'insert')
          .map((part) => part.text)
          .join(' … ')
          .trim(),
      )
    } else if (text.flavour === 'words' && text.insertedWords === 0 && text.deletedWords > 0) {
      tally.textRemoved.push(
        text.parts
          .filter((part) => part.type === 'delete')
          .map((part) => part.text)
          .join(' … ')
          .trim(),
      )
    } else if (text.flavour === 'words') {
      tally.reworded++
      tally.rewordedWords += text.insertedWords + text.deletedWords
    } else if (text.flavour === 'rewritten') tally.rewritten++
    else for (const flavour of editorialFlavours(text)) tally.editorial.add(flavour)
  }
  for (const block of section.blocks) {
    if (block.type === 'moved') tally.reordered = true
    if (block.blockType === 'paragraph') {
      if (block.type === 'added') tally.paragraphsAdded++
      else if (block.type === 'removed') tally.paragraphsRemoved++
      else changedText(block.text)
      continue
    }
    if (block.blockType === 'table') {
      if (block.type === 'added') tally.tablesAdded++
      else if (block.type === 'removed') tally.tablesRemoved++
      else {
        if (block.oldHeader !== null && block.oldHeader !== block.header)
          tally.editorial.add('formatting')
        for (const row of block.items) {
          if (row.type === 'added') tally.rowsAdded.push(row.key)
          else if (row.type === 'removed') tally.rowsRemoved.push(row.key)
          else {
            if (row.type === 'moved') tally.reordered = true
            changedText(row.text)
          }
        }
      }
      continue
    }
    if (block.type === 'added') tally.listsAdded++
    else if (block.type === 'removed') tally.listsRemoved++
    else {
      if (block.oldOrdered !== null && block.oldOrdered !== block.ordered)
        tally.editorial.add('formatting')
      for (const item of block.items) {
        if (item.type === 'added') tally.itemsAdded.push(item.text.newText ?? '')
        else if (item.type === 'removed') tally.itemsRemoved.push(item.text.oldText ?? '')
        else {
          if (item.type === 'moved') tally.reordered = true
          changedText(item.text)
        }
      }
    }
  }
  return tally
}

function quoteItems(items: string[], t: Translator, locale: LocaleCode): string {
  const named = items
    .slice(0, MAX_NAMED)
    .map((item) => t('diff.summary.quoted', { text: shorten(item) }))
  if (items.length > MAX_NAMED) named.push('…')
  return joinList(named, locale)
}

function details(section: SectionChange, t: Translator, locale: LocaleCode): string | null {
  const tally = tallySection(section)
  const pieces: string[] = []
  if (tally.itemsAdded.length) {
    pieces.push(
      t('diff.summary.itemsAdded', {
        count: tally.itemsAdded.length,
        items: quoteItems(tally.itemsAdded, t, locale),
      }),
    )
  }
  if (tally.itemsRemoved.length) {
    pieces.push(
      t('diff.summary.itemsRemoved', {
        count: tally.itemsRemoved.length,
        items: quoteItems(tally.itemsRemoved, t, locale),
      }),
    )
  }
  if (tally.rowsAdded.length) {
    pieces.push(
      t('diff.summary.rowsAdded', {
        count: tally.rowsAdded.length,
        items: quoteItems(tally.rowsAdded, t, locale),
      }),
    )
  }
  if (tally.rowsRemoved.length) {
    pieces.push(
      t('diff.summary.rowsRemoved', {
        count: tally.rowsRemoved.length,
        items: quoteItems(tally.rowsRemoved, t, locale),
      }),
    )
  }
  if (tally.paragraphsAdded)
    pieces.push(t('diff.summary.paragraphsAdded', { count: tally.paragraphsAdded }))
  if (tally.paragraphsRemoved)
    pieces.push(t('diff.summary.paragraphsRemoved', { count: tally.paragraphsRemoved }))
  if (tally.listsAdded) pieces.push(t('diff.summary.listsAdded', { count: tally.listsAdded }))
  if (tally.listsRemoved) pieces.push(t('diff.summary.listsRemoved', { count: tally.listsRemoved }))
  if (tally.tablesAdded) pieces.push(t('diff.summary.tablesAdded', { count: tally.tablesAdded }))
  if (tally.tablesRemoved)
    pieces.push(t('diff.summary.tablesRemoved', { count: tally.tablesRemoved }))
  if (tally.textAdded.length)
    pieces.push(
      t('diff.summary.textAdded', {
        count: tally.textAdded.length,
        text: quoteItems(tally.textAdded, t, locale),
      }),
    )
  if (tally.textRemoved.length)
    pieces.push(
      t('diff.summary.textRemoved', {
        count: tally.textRemoved.length,
        text: quoteItems(tally.textRemoved, t, locale),
      }),
    )
  if (tally.reworded) {
    pieces.push(
      `${t('diff.summary.reworded', { count: tally.reworded })} (${t('diff.summary.words', { count: tally.rewordedWords })})`,
    )
  }
  if (tally.rewritten) pieces.push(t('diff.summary.rewritten', { count: tally.rewritten }))
  if (tally.reordered) pieces.push(t('diff.summary.reordered'))
  // Editorial fixes are only worth a mention when nothing more substantial happened.
  if (pieces.length === 0 && tally.editorial.size > 0) {
    const what = EDITORIAL_FLAVOURS.filter((f) => tally.editorial.has(f)).map((f) =>
      t(`diff.what.${f}`),
    )
    pieces.push(t('diff.summary.minorOnly', { what: joinList(what, locale) }))
  }
  return pieces.length
    ? t('diff.summary.details', { details: pieces.join('; '), heading: headingOf(section) })
    : null
}

/** The heading a reader knows the section by: the new one, or the old one for removed sections. */
export function headingOf(section: SectionChange): string {
  return section.heading.newText ?? section.heading.oldText ?? section.key
}

/** The summary as lines: one per change, without the unchanged count. */
export function summarizeDiffLines(diff: LocaleDiff, locale: LocaleCode = diff.locale): string[] {
  const t = getTranslator(locale)
  const lines: string[] = []
  if (diff.title.flavour !== null && diff.title.flavour !== 'whitespace' && diff.title.newText) {
    lines.push(t('diff.summary.titleChanged', { title: diff.title.newText }))
  }
  for (const section of diff.sections) {
    const heading = headingOf(section)
    if (section.type === 'added') lines.push(t('diff.summary.sectionAdded', { heading }))
    else if (section.type === 'removed') lines.push(t('diff.summary.sectionRemoved', { heading }))
    else {
      if (section.renamed && section.heading.flavour !== 'whitespace') {
        lines.push(
          t('diff.summary.sectionRenamed', { heading, old: section.heading.oldText ?? '' }),
        )
      }
      if (section.moved) lines.push(t('diff.summary.sectionMoved', { heading }))
      if (section.bodyChanged) {
        const line = details(section, t, locale)
        if (line) lines.push(line)
      }
    }
  }
  return lines
}

/**
 * Plain text for an e-mail, in the reader's `locale` (defaults to the diff's own): `- ` lines
 * for what changed, then a paragraph with the number of unchanged sections. Headings and list
 * items are quoted as they are; nothing is escaped, because this is not HTML.
 */
export function summarizeDiff(diff: LocaleDiff, locale: LocaleCode = diff.locale): string {
  const t = getTranslator(locale)
  const lines = summarizeDiffLines(diff, locale)
  if (lines.length === 0) return t('diff.summary.noChanges')
  const paragraphs = [lines.map((line) => `- ${line}`).join('\n')]
  const unchanged = diff.sections.filter((s) => s.type === 'unchanged').length
  const footer: string[] = []
  if (unchanged > 0) footer.push(t('diff.summary.unchanged', { count: unchanged }))
  if (!diff.complete) footer.push(t('diff.summary.incomplete'))
  if (footer.length) paragraphs.push(footer.join(' '))
  return paragraphs.join('\n\n')
}
