import type { LocaleDiff, SectionChange, SnapshotDiff, TextChange } from '../diff/types.js'
/**
 * Proposes whether a change is material or minor, with reasons a person can check.
 *
 * The rules follow the EDPB/WP29 transparency guidelines on changes to privacy notices (WP260
 * rev.01, §29–30): changes to purposes, controller identity, recipients, transfers, retention and
 * rights are the ones data subjects must be told about; typo, formatting, link and whitespace
 * fixes are not. A substantive change in a material kind, a new or removed section, or a new list
 * item in data categories, purposes or recipients proposes material. Everything is configurable
 * through `MaterialityThresholds`. The proposal is only a proposal: the editor decides
 * (`decideRelease`).
 */
import type { Block, LocaleCode, SectionKind } from '../types.js'
import type {
  Classification,
  ClassifyOptions,
  MaterialityThresholds,
  Reason,
  ReasonCode,
  ReasonParams,
} from './types.js'

import {
  EDITORIAL_FLAVOURS,
  editorialFlavours,
  headingOf,
  joinList,
  shorten,
} from '../diff/summary.js'
import { multisetDifference, words } from '../diff/text.js'
import { getTranslator } from '../i18n/index.js'
import { suggestKind } from '../kinds/index.js'
import { canonicalWords, compareSignals, sameButAddressCountries } from './signals.js'
import { resolveThresholds, stem } from './thresholds.js'

function language(locale: LocaleCode): string {
  return locale.split('-')[0] ?? locale
}

/** Renders a reason's message in `locale` from its code and params. */
export function renderReason(reason: Pick<Reason, 'code' | 'params'>, locale: LocaleCode): string {
  const t = getTranslator(locale)
  const p = reason.params
  const text = (name: string): string => {
    const value = p[name]
    return Array.isArray(value) ? joinList(value, locale) : String(value ?? '')
  }
  const kind = (name: string): string => t(`materiality.kinds.${text(name)}`)
  switch (reason.code) {
    case 'editorial-only': {
      const flavours = Array.isArray(p.flavours) ? p.flavours : []
      const what = joinList(
        flavours.map((f) => t(`diff.what.${f}`)),
        locale,
      )
      return t('materiality.reasons.editorialOnly', { heading: text('heading'), what })
    }
    case 'key-term-changed': {
      const list = (name: string): string =>
        Array.isArray(p[name]) && p[name].length ? (p[name] as string[]).join(', ') : '–'
      return t('materiality.reasons.keyTermChanged', {
        added: list('added'),
        heading: text('heading'),
        removed: list('removed'),
        what: t(`materiality.signals.${text('category')}`),
      })
    }
    case 'kind-suggested':
      return t('materiality.reasons.kindSuggested', {
        heading: text('heading'),
        kind: kind('kind'),
      })
    case 'kind-changed':
      return t('materiality.reasons.kindChanged', {
        heading: text('heading'),
        kind: kind('kind'),
        oldKind: kind('oldKind'),
      })
    case 'list-item-added':
      // Named by what the section is about: "new purpose", "new recipient", "new data category".
      return t(
        [
          `materiality.reasons.byKind.${text('kind')}.listItemAdded`,
          'materiality.reasons.listItemAdded',
        ],
        { heading: text('heading'), item: text('item') },
      )
    case 'list-item-removed':
      return t(
        [
          `materiality.reasons.byKind.${text('kind')}.listItemRemoved`,
          'materiality.reasons.listItemRemoved',
        ],
        { heading: text('heading'), item: text('item') },
      )
    case 'negation-added':
      return t('materiality.reasons.negationAdded', {
        heading: text('heading'),
        word: text('words'),
      })
    case 'negation-removed':
      return t('materiality.reasons.negationRemoved', {
        heading: text('heading'),
        word: text('words'),
      })
    case 'no-changes':
      return t('materiality.reasons.noChanges')
    case 'not-compared':
      return t('materiality.reasons.notCompared', { heading: text('heading') })
    case 'number-changed': {
      const list = (name: string): string =>
        Array.isArray(p[name]) && p[name].length ? (p[name] as string[]).join(', ') : '–'
      return t(
        [
          `materiality.reasons.byKind.${text('kind')}.numberChanged`,
          'materiality.reasons.numberChanged',
        ],
        { added: list('added'), heading: text('heading'), removed: list('removed') },
      )
    }
    case 'order-changed':
      return t('materiality.reasons.orderChanged', { heading: text('heading') })
    case 'section-added':
      return t('materiality.reasons.sectionAdded', { heading: text('heading') })
    case 'section-changed': {
      const terms = Number(p.terms ?? 0)
      return t('materiality.reasons.sectionChanged', {
        count: Number(p.words ?? 0),
        heading: text('heading'),
        terms: terms === 0 ? t('materiality.termsNone') : t('materiality.terms', { count: terms }),
      })
    }
    case 'section-moved':
      return t('materiality.reasons.sectionMoved', { heading: text('heading') })
    case 'section-removed':
      return t('materiality.reasons.sectionRemoved', { heading: text('heading') })
    case 'section-renamed':
      return t('materiality.reasons.sectionRenamed', { heading: text('heading'), old: text('old') })
    case 'title-changed':
      return t('materiality.reasons.titleChanged', { title: text('title') })
  }
}

type Finding = Omit<Reason, 'locale' | 'message'>

/** Content words of a text: canonical (see `canonicalWords`), stop words dropped, stemmed. */
function contentWords(text: string, locale: LocaleCode, stopWords: Set<string>): string[] {
  const out: string[] = []
  for (const word of canonicalWords(text, locale)) {
    if (!stopWords.has(word)) out.push(stem(word, locale))
  }
  return out
}

/** Whether two words are one insertion, deletion or substitution apart (a spelling fix). */
function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1 || /\p{N}/u.test(a) || /\p{N}/u.test(b))
    return false
  let i = 0
  while (i < a.length && i < b.length && a[i] === b[i]) i++
  return a.slice(i + (a.length >= b.length ? 1 : 0)) === b.slice(i + (b.length >= a.length ? 1 : 0))
}

/**
 * Drops removed and added content words that are spelling fixes of each other, or of an added
 * function word ("passed tho third parties" → "passed to third parties").
 */
function withoutSpellingFixes(
  onlyA: string[],
  onlyB: string[],
  insertedWords: string[],
): { onlyA: string[]; onlyB: string[] } {
  const b = [...onlyB]
  const a = onlyA.filter((word) => {
    if (word.length < 3) return true
    const index = b.findIndex((other) => oneEditApart(word, other))
    if (index >= 0) {
      b.splice(index, 1)
      return false
    }
    return !insertedWords.some((other) => oneEditApart(word, other))
  })
  return { onlyA: a, onlyB: b }
}

function partsText(text: TextChange, type: 'delete' | 'insert'): string {
  // Parts are joined with a space so words from separate runs never fuse.
  return text.parts
    .filter((part) => part.type === type)
    .map((part) => part.text)
    .join(' ')
}

type SectionContext = {
  heading: string
  kinds: SectionKind[]
  locale: LocaleCode
  thresholds: MaterialityThresholds
}

function inKinds(ctx: SectionContext, kinds: SectionKind[]): boolean {
  return ctx.kinds.some((kind) => kinds.includes(kind))
}

/** Findings for the body of a kept section. */
function bodyFindings(section: SectionChange, ctx: SectionContext): Finding[] {
  const { thresholds } = ctx
  const findings: Finding[] = []
  const deleted: string[] = []
  const inserted: string[] = []
  const editorial = new Set<string>()
  let changedWords = 0
  let notCompared = false
  let reordered = false
  // Numbers and negations are compared over the whole section, so a sentence moved into a new
  // paragraph (a paragraph split) neither adds nor removes one.
  const numberWords = { deleted: [] as string[], inserted: [] as string[] }
  const negationHits = { deleted: [] as string[], inserted: [] as string[] }
  const negationWords = new Set(thresholds.negationWords[language(ctx.locale)] ?? [])

  const substantive = (text: TextChange): void => {
    changedWords += text.deletedWords + text.insertedWords
    // An address with its country written out (or dropped) says nothing new: no changed terms.
    if (
      text.oldText &&
      text.newText &&
      sameButAddressCountries(text.oldText, text.newText, ctx.locale)
    )
      return
    const del = partsText(text, 'delete')
    const ins = partsText(text, 'insert')
    deleted.push(del)
    inserted.push(ins)
    // Only word changes and whole added or removed texts: a spelling fix changes no number.
    if (text.flavour !== 'words' && text.flavour !== null) return
    numberWords.deleted.push(...canonicalWords(del, ctx.locale).filter((w) => /\p{N}/u.test(w)))
    numberWords.inserted.push(...canonicalWords(ins, ctx.locale).filter((w) => /\p{N}/u.test(w)))
    negationHits.deleted.push(
      ...words(del.toLowerCase().replace(/’/g, "'")).filter((w) => negationWords.has(w)),
    )
    negationHits.inserted.push(
      ...words(ins.toLowerCase().replace(/’/g, "'")).filter((w) => negationWords.has(w)),
    )
  }
  const changed = (text: TextChange): void => {
    if (text.flavour === 'words') substantive(text)
    else if (text.flavour === 'rewritten') notCompared = true
    else for (const flavour of editorialFlavours(text)) editorial.add(flavour)
  }

  for (const block of section.blocks) {
    if (block.type === 'moved') reordered = true
    if (block.blockType === 'paragraph') {
      if (block.type === 'added' || block.type === 'removed') substantive(block.text)
      else changed(block.text)
      continue
    }
    // Numbering changed, or a table's header row: formatting. Table rows are read like list items.
    if (
      block.blockType === 'list'
        ? block.oldOrdered !== null && block.oldOrdered !== block.ordered
        : block.oldHeader !== null && block.oldHeader !== block.header
    ) {
      editorial.add('formatting')
    }
    for (const item of block.items) {
      if (item.type === 'added' || item.type === 'removed') {
        const added = item.type === 'added'
        const material = inKinds(
          ctx,
          added ? thresholds.newListItemMaterialKinds : thresholds.removedListItemMaterialKinds,
        )
        findings.push({
          code: added ? 'list-item-added' : 'list-item-removed',
          material,
          params: {
            heading: ctx.heading,
            item: shorten((added ? item.text.newText : item.text.oldText) ?? ''),
            kind: section.kind,
          },
          section: section.key,
        })
        // An item already reported as material is not counted again in the section's size.
        if (!material) substantive(item.text)
      } else {
        if (item.type === 'moved') reordered = true
        changed(item.text)
      }
    }
  }

  const num = multisetDifference(numberWords.deleted, numberWords.inserted)
  const numbers = { added: num.onlyB, removed: num.onlyA }
  const neg = multisetDifference(negationHits.deleted, negationHits.inserted)
  const negations = { added: neg.onlyB, removed: neg.onlyA }

  if (changedWords > 0) {
    const stopWords = new Set(thresholds.stopWords[language(ctx.locale)] ?? [])
    const lang = language(ctx.locale)
    const { onlyA, onlyB } = withoutSpellingFixes(
      ...(Object.values(
        multisetDifference(
          deleted.flatMap((text) => contentWords(text, lang, stopWords)),
          inserted.flatMap((text) => contentWords(text, lang, stopWords)),
        ),
      ) as [string[], string[]]),
      inserted.flatMap((text) => canonicalWords(text, lang)),
    )
    const terms = Math.max(onlyA.length, onlyB.length)
    const minTerms = Math.min(
      ...ctx.kinds.map(
        (kind) => thresholds.minChangedTermsByKind[kind] ?? thresholds.minChangedTerms,
      ),
    )
    const material =
      (inKinds(ctx, thresholds.materialKinds) && terms >= minTerms && terms > 0) ||
      (thresholds.minChangedTermsAnyKind !== null && terms >= thresholds.minChangedTermsAnyKind)
    findings.push({
      code: 'section-changed',
      material,
      params: { heading: ctx.heading, terms, words: changedWords },
      section: section.key,
    })
  }
  if (numbers.added.length || numbers.removed.length) {
    findings.push({
      code: 'number-changed',
      material: inKinds(ctx, thresholds.numberChangeMaterialKinds),
      params: {
        added: numbers.added,
        heading: ctx.heading,
        kind: section.kind,
        removed: numbers.removed,
      },
      section: section.key,
    })
  }
  for (const [code, list] of [
    ['negation-added', negations.added],
    ['negation-removed', negations.removed],
  ] as const) {
    if (list.length) {
      findings.push({
        code,
        material: thresholds.negationIsMaterial,
        params: { heading: ctx.heading, words: [...new Set(list)] },
        section: section.key,
      })
    }
  }
  // Key facts (contacts, legal bases, transfer mechanisms, rights, periods, organisations,
  // countries) compared over the whole body, old against new, whatever the section's kind.
  if (thresholds.signals.length > 0) {
    const oldTexts: string[] = []
    const newTexts: string[] = []
    const collect = (text: TextChange): void => {
      if (text.oldText) oldTexts.push(text.oldText)
      if (text.newText) newTexts.push(text.newText)
    }
    for (const block of section.blocks) {
      if (block.blockType === 'paragraph') collect(block.text)
      else for (const item of block.items) collect(item.text)
    }
    for (const change of compareSignals(oldTexts, newTexts, ctx.locale, thresholds.signals)) {
      findings.push({
        code: 'key-term-changed',
        material: true,
        params: {
          added: change.added,
          category: change.category,
          heading: ctx.heading,
          removed: change.removed,
        },
        section: section.key,
      })
    }
  }
  if (notCompared) {
    findings.push({
      code: 'not-compared',
      material: thresholds.notComparedIsMaterial,
      params: { heading: ctx.heading },
      section: section.key,
    })
  }
  // Reordering says nothing new, but a reader comparing versions should know why things moved.
  if (reordered)
    findings.push({
      code: 'order-changed',
      material: false,
      params: { heading: ctx.heading },
      section: section.key,
    })
  // "Only punctuation changed" would be untrue next to substantive findings.
  if (findings.every((f) => f.code === 'order-changed') && editorial.size > 0) {
    findings.push({
      code: 'editorial-only',
      material: false,
      params: {
        flavours: EDITORIAL_FLAVOURS.filter((f) => editorial.has(f)),
        heading: ctx.heading,
      },
      section: section.key,
    })
  }
  return findings
}

/** The new text of a kept section (the old where removed), as blocks, for `suggestKind`. */
function newTextOf(section: SectionChange): { blocks: Block[]; heading: string } {
  const text = (change: TextChange): string => change.newText ?? change.oldText ?? ''
  const blocks: Block[] = section.blocks.map((block) =>
    block.blockType === 'paragraph'
      ? { html: '', text: text(block.text), type: 'paragraph' }
      : block.blockType === 'table'
        ? {
            header: block.header,
            rows: block.items.map((row) => ({
              cells: row.cells.map((cell) => ({ html: '', text: text(cell) })),
            })),
            type: 'table',
          }
        : {
            items: block.items.map((item) => ({ children: [], html: '', text: text(item.text) })),
            ordered: block.ordered,
            type: 'list',
          },
  )
  return { blocks, heading: text(section.heading) }
}

function sectionFindings(
  section: SectionChange,
  locale: LocaleCode,
  thresholds: MaterialityThresholds,
  kindOverride?: SectionKind,
  suggest = true,
): Finding[] {
  const heading = headingOf(section)
  let kind = kindOverride ?? section.kind
  // A section left at `general` (imported, or written by someone who does not know the kinds) is
  // judged by the kind its heading and body suggest, and the reasons say so.
  let suggested: SectionKind | null = null
  if (
    suggest &&
    !kindOverride &&
    kind === 'general' &&
    (section.oldKind ?? 'general') === 'general' &&
    section.type !== 'added' &&
    section.type !== 'removed'
  ) {
    const suggestion = suggestKind(newTextOf(section), locale)
    if (suggestion.kind !== 'general') kind = suggested = suggestion.kind
  }
  // Judge by both the old and the new kind, so re-tagging a section cannot hide a change.
  const kinds =
    section.oldKind && section.oldKind !== kind && !kindOverride ? [kind, section.oldKind] : [kind]
  const ctx: SectionContext = { heading, kinds, locale, thresholds }
  if (section.type === 'added' || section.type === 'removed') {
    const added = section.type === 'added'
    return [
      {
        code: added ? 'section-added' : 'section-removed',
        material: added ? thresholds.newSectionIsMaterial : thresholds.removedSectionIsMaterial,
        params: { heading },
        section: section.key,
      },
    ]
  }
  const findings = section.bodyChanged ? bodyFindings(section, ctx) : []
  const headingFlavour = section.heading.flavour
  if (headingFlavour === 'words' || headingFlavour === 'rewritten') {
    findings.push({
      code: 'section-renamed',
      material: false,
      params: { heading, old: section.heading.oldText ?? '' },
      section: section.key,
    })
  } else if (headingFlavour !== null) {
    const flavours = editorialFlavours(section.heading)
    const existing = findings.find((f) => f.code === 'editorial-only')
    if (existing && Array.isArray(existing.params.flavours)) {
      existing.params.flavours = EDITORIAL_FLAVOURS.filter(
        (f) => flavours.includes(f) || (existing.params.flavours as string[]).includes(f),
      )
    } else if (findings.every((f) => f.code === 'order-changed')) {
      findings.push({
        code: 'editorial-only',
        material: false,
        params: { flavours, heading },
        section: section.key,
      })
    }
  }
  if (section.moved)
    findings.push({
      code: 'section-moved',
      material: false,
      params: { heading },
      section: section.key,
    })
  if (suggested && findings.length > 0) {
    findings.push({
      code: 'kind-suggested',
      material: false,
      params: { heading, kind: suggested },
      section: section.key,
    })
  }
  if (section.oldKind && section.oldKind !== section.kind) {
    findings.push({
      code: 'kind-changed',
      material: false,
      params: { heading, kind: section.kind, oldKind: section.oldKind },
      section: section.key,
    })
  }
  return findings
}

function localeFindings(
  diff: LocaleDiff,
  thresholds: MaterialityThresholds,
  kinds: Record<string, SectionKind> | undefined,
  suggest: boolean,
): Finding[] {
  const findings: Finding[] = []
  if (diff.title.flavour !== null && diff.title.flavour !== 'whitespace' && diff.title.newText) {
    findings.push({
      code: 'title-changed',
      material: false,
      params: { title: diff.title.newText },
      section: null,
    })
  }
  for (const section of diff.sections)
    findings.push(
      ...sectionFindings(section, diff.locale, thresholds, kinds?.[section.key], suggest),
    )
  return findings
}

/**
 * Classifies a diff (one locale, or all locales of a release) as material or minor. Reasons come
 * material first, then in document order; with nothing to report there is one `no-changes` reason.
 */
export function classify(
  diff: LocaleDiff | SnapshotDiff,
  options: ClassifyOptions = {},
): Classification {
  const thresholds = resolveThresholds(options.thresholds)
  const localeDiffs = 'locales' in diff ? Object.values(diff.locales) : [diff]
  const reasons: Reason[] = []
  for (const localeDiff of localeDiffs) {
    const messageLocale = options.locale ?? localeDiff.locale
    for (const finding of localeFindings(
      localeDiff,
      thresholds,
      options.kinds,
      options.suggestKinds !== false,
    )) {
      reasons.push({
        ...finding,
        locale: localeDiff.locale,
        message: renderReason(finding, messageLocale),
      })
    }
  }
  if (reasons.length === 0) {
    const locale = options.locale ?? localeDiffs[0]?.locale ?? 'en'
    const finding: Finding = {
      code: 'no-changes' satisfies ReasonCode,
      material: false,
      params: {} as ReasonParams,
      section: null,
    }
    reasons.push({ ...finding, locale, message: renderReason(finding, locale) })
  }
  // Stable sort: material findings first, document order otherwise.
  reasons.sort((a, b) => Number(b.material) - Number(a.material))
  return { proposal: reasons.some((r) => r.material) ? 'material' : 'minor', reasons }
}
