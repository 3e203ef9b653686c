/**
 * The publish rules, in one place: completeness, the justification of an override, dates, the
 * notice period, change notes per locale, translation gaps and settings left over from the previous
 * publish. `checkPublish` returns EVERY rule that fails at once, as structured problems (a code and
 * its params) that `renderPublishProblem` turns into Danish or English.
 *
 * Two callers, one function: the server runs it before a publish writes anything
 * (`plugin/hooks/freezeReleaseOnPublish.ts`), and the admin's changes panel runs it live on the
 * form's values with the facts the preview endpoint sends. So the panel cannot promise what the
 * server refuses. Everything here is plain, serializable data.
 */
import type { LocaleDiff, SectionChange, TextChange } from '../diff/types.js'
import type { ChangeKind, LocaleCode } from '../types.js'
import type { MissingContent } from './validateSnapshot.js'

import { EDITORIAL_FLAVOURS } from '../diff/summary.js'
import { formatVersion, nextVersion, parseVersion } from './version.js'

/** What the editor chose in the publish settings. */
export type EditorChoice = 'material' | 'minor' | 'proposed'

/**
 * A declaration that a locale's translation follows later: the release changes the content of
 * other locales but not this one, and the editor publishes anyway, giving a reason.
 */
export type TranslationFollows = {
  locale: LocaleCode
  reason: string
}

/** What a release records about a lagging translation (see `PublishOutcome.translationFollows`). */
export type TranslationFollowsRecord = TranslationFollows & {
  /** The locales whose text changed: the authoritative text for this release. */
  changedIn: LocaleCode[]
  /** Sections (key; `null` for the title) whose text changed elsewhere but not in `locale`. */
  sections: Array<null | string>
}

/** The publish settings as the editor left them on the draft ("Release" group). */
export type PublishSettings = {
  changeKind: EditorChoice
  changeNote: Record<LocaleCode, string>
  /** ISO date-time as entered; null when left empty ("at once"). */
  effectiveAt: null | string
  justification: null | string
  notifyMinor: boolean
  shortNoticeJustification: null | string
  translationFollows: TranslationFollows[]
}

/**
 * The publish settings exactly as found on the draft at a publish. A release stores them, so the
 * next publish can tell a new decision from a value left over from this one.
 */
export type DraftSettings = {
  changeNote: Record<LocaleCode, string>
  effectiveAt: null | string
  justification: null | string
  notifyMinor?: boolean
  shortNoticeJustification?: null | string
  translationFollows?: TranslationFollows[]
}

/** A text change in one locale that is more than editorial (formatting, punctuation, spelling…). */
export type ContentChange = {
  /** The heading in that locale, to name the section in messages. */
  heading: string
  /** The section key; `null` for the document title. */
  section: null | string
}

/**
 * Everything the rules need besides the editor's settings, computed by the server from the saved
 * draft and the latest release. Serializable: the preview endpoint sends it to the panel.
 */
export type PublishFacts = {
  /** Whether the content differs from the latest release (a publish without changes creates nothing). */
  changed: boolean
  /** Per locale, the sections whose text changed in substance (`contentChangesOf`). */
  contentChanges: Record<LocaleCode, ContentChange[]>
  /** Headings of every section per locale, to name sections in messages. */
  headings: Record<string, Record<LocaleCode, string>>
  /** The locales every release must be complete in, in the configured order. */
  locales: LocaleCode[]
  /** Days of notice a material change needs. */
  minNoticeDays: number
  /** Holes in the would-be release (`validateSnapshot`). */
  missing: MissingContent[]
  /** The latest release; null before the first. */
  previous: null | { draftSettings?: DraftSettings | null; effectiveAt: string; version: string }
  /** The classifier's proposal. */
  proposal: ChangeKind
  /**
   * GDPR Art. 13/14 elements missing per locale (`src/completeness`), and whether a missing one
   * refuses the publish (`publication.completeness`). Absent: not checked.
   */
  gdpr?: GdprFacts
}

/** See `PublishFacts.gdpr`. */
export type GdprFacts = {
  missing: Record<LocaleCode, string[]>
  mode: 'block' | 'warn'
  /** The editor's not-applicable declarations (element → reason), recorded with the release. */
  notApplicable?: Record<string, string>
}

/** A setting ignored because the previous publish already saw it on the draft. */
export type Leftover = { field: keyof DraftSettings; locale?: LocaleCode }

/** The params of each problem, by code. Dates are ISO strings; the renderer formats them. */
export type PublishProblemParams = {
  backdated: { effectiveAt: string; publishedAt: string }
  'before-previous': {
    effectiveAt: string
    entered: boolean
    previousEffectiveAt: string
    previousVersion: string
  }
  'gdpr-incomplete': { elements: string[]; locale: LocaleCode }
  incomplete: {
    locale: LocaleCode
    missing: Array<{ field: MissingContent['field']; heading?: string; section?: string }>
  }
  'missing-change-note': { leftoverFrom: null | string; locale: LocaleCode }
  'missing-justification': { chosen: ChangeKind; proposal: ChangeKind }
  'short-notice': {
    days: number
    earliest: string
    effectiveAt: string
    entered: boolean
    requiredDays: number
  }
  'translation-follows-reason': { locale: LocaleCode }
  'translation-gap': { changedIn: LocaleCode[]; locale: LocaleCode; sections: ContentChange[] }
}

export type PublishProblemCode = keyof PublishProblemParams

/** One failing rule: a code and what the message needs. */
export type PublishProblem = {
  [C in PublishProblemCode]: { code: C; params: PublishProblemParams[C] }
}[PublishProblemCode]

/** What a publish with these settings would do, when no rule fails. */
export type PublishOutcome = {
  /** Change notes that count (leftovers blanked). */
  changeNote: Record<LocaleCode, string>
  effectiveAt: string
  /** The justification that counts, or null. */
  justification: null | string
  kind: ChangeKind
  /** Whether subscribers are notified: a material change after the first release, a minor one on request. */
  notify: boolean
  shortNotice?: { days: number; justification: string; requiredDays: number }
  translationFollows: TranslationFollowsRecord[]
  version: string
}

export type PublishCheck = {
  /** The settings found on the draft (what the release records as `draftSettings`). */
  draftSettings: DraftSettings
  /** Settings ignored because they are left over from the previous publish. */
  leftovers: Leftover[]
  /** Null when the content did not change (nothing would be created) or a rule fails. */
  outcome: null | PublishOutcome
  problems: PublishProblem[]
}

const DAY_MS = 24 * 3600 * 1000
/** A minute of slack: "now" on the editor's clock and on the server's are not the same instant. */
const CLOCK_SLACK_MS = 60_000

const blank = (value: null | string | undefined): boolean => !value || !value.trim()

/** A text change that is more than editorial: words added, removed or replaced. */
function substantive(text: TextChange): boolean {
  if (text.flavour === null) {
    // Identical, or the text was only added or removed.
    return (
      (text.oldText ?? '') !== (text.newText ?? '') &&
      Boolean((text.oldText ?? text.newText ?? '').trim())
    )
  }
  return !EDITORIAL_FLAVOURS.includes(text.flavour)
}

function sectionChangedInSubstance(section: SectionChange): boolean {
  if (section.type === 'added' || section.type === 'removed') {
    // Structure is shared by every locale (and completeness is checked separately).
    return false
  }
  if (substantive(section.heading)) return true
  return section.blocks.some((block) => {
    if (block.type === 'added' || block.type === 'removed') return true
    if (block.blockType === 'paragraph') return substantive(block.text)
    return block.items.some(
      (item) => item.type === 'added' || item.type === 'removed' || substantive(item.text),
    )
  })
}

/**
 * The sections (and the title) whose text changed in substance in one locale's diff. Editorial
 * changes (formatting, links, spacing, case, punctuation, spelling) do not count: a formatting fix
 * in one language leaves no translation behind.
 */
export function contentChangesOf(diff: LocaleDiff): ContentChange[] {
  const changes: ContentChange[] = []
  if (diff.title && substantive(diff.title)) {
    changes.push({ heading: diff.title.newText ?? diff.title.oldText ?? '', section: null })
  }
  for (const section of diff.sections) {
    if (sectionChangedInSubstance(section)) {
      changes.push({
        heading: section.heading.newText ?? section.heading.oldText ?? section.key,
        section: section.key,
      })
    }
  }
  return changes
}

/**
 * Applies every publish rule to the settings and returns all failing ones at once, with what the
 * publish would do when none fails.
 *
 * @param settings what the editor left in the "Release" group (for the panel: the live form)
 * @param facts what the server knows about the draft and the latest release
 * @param publishedAt the moment of publication (ISO), "now" for a preview
 */
export function checkPublish(
  settings: PublishSettings,
  facts: PublishFacts,
  publishedAt: string,
): PublishCheck {
  const problems: PublishProblem[] = []
  const draftSettings: DraftSettings = {
    changeNote: Object.fromEntries(
      facts.locales.map((locale) => [locale, (settings.changeNote[locale] ?? '').trim()]),
    ),
    effectiveAt: settings.effectiveAt ? new Date(settings.effectiveAt).toISOString() : null,
    justification: settings.justification?.trim() || null,
    notifyMinor: Boolean(settings.notifyMinor),
    shortNoticeJustification: settings.shortNoticeJustification?.trim() || null,
    translationFollows: settings.translationFollows
      .filter((entry) => entry && facts.locales.includes(entry.locale))
      .map((entry) => ({ locale: entry.locale, reason: (entry.reason ?? '').trim() })),
  }

  for (const locale of facts.locales) {
    const missing = facts.missing.filter((item) => item.locale === locale)
    if (missing.length > 0) {
      problems.push({
        code: 'incomplete',
        params: {
          locale,
          missing: missing.map((item) => ({
            field: item.field,
            ...(item.sectionKey
              ? { heading: headingFor(facts, item.sectionKey), section: item.sectionKey }
              : {}),
          })),
        },
      })
    }
  }
  // GDPR Art. 13/14 (issue 12): with `publication.completeness: 'block'`, a missing element refuses.
  if (facts.gdpr?.mode === 'block') {
    for (const locale of facts.locales) {
      const elements = facts.gdpr.missing[locale] ?? []
      if (elements.length > 0)
        problems.push({ code: 'gdpr-incomplete', params: { elements, locale } })
    }
  }
  if (!facts.changed) {
    return { draftSettings, leftovers: [], outcome: null, problems }
  }

  // The settings live on the draft. A value the previous publish already saw there is a leftover,
  // not a decision about this release: never reuse it.
  const seen = facts.previous?.draftSettings ?? undefined
  const leftovers: Leftover[] = []
  const fresh = <T>(
    field: keyof DraftSettings,
    value: T,
    seenValue: T | undefined,
    locale?: LocaleCode,
  ): T | undefined => {
    if (!seen || value === null || value === undefined || value === '' || value === false)
      return value
    if (JSON.stringify(value) !== JSON.stringify(seenValue)) return value
    leftovers.push(locale ? { field, locale } : { field })
    return undefined
  }
  const justification =
    fresh('justification', draftSettings.justification, seen?.justification) ?? null
  const changeNote: Record<LocaleCode, string> = {}
  for (const locale of facts.locales) {
    changeNote[locale] =
      fresh(
        'changeNote',
        draftSettings.changeNote[locale] ?? '',
        seen?.changeNote?.[locale],
        locale,
      ) ?? ''
  }
  const enteredEffectiveAt =
    fresh('effectiveAt', draftSettings.effectiveAt, seen?.effectiveAt) ?? null
  const shortNoticeReason =
    fresh(
      'shortNoticeJustification',
      draftSettings.shortNoticeJustification ?? null,
      seen?.shortNoticeJustification ?? undefined,
    ) ?? null
  const notifyMinor =
    fresh('notifyMinor', draftSettings.notifyMinor ?? false, seen?.notifyMinor) ?? false
  const declarations =
    fresh(
      'translationFollows',
      draftSettings.translationFollows?.length ? draftSettings.translationFollows : undefined,
      seen?.translationFollows?.length ? seen.translationFollows : undefined,
    ) ?? []

  const chosen: ChangeKind =
    settings.changeKind === 'material' || settings.changeKind === 'minor'
      ? settings.changeKind
      : facts.proposal
  if (chosen !== facts.proposal && !justification) {
    problems.push({ code: 'missing-justification', params: { chosen, proposal: facts.proposal } })
  }

  const effectiveAt = enteredEffectiveAt ?? publishedAt
  const publishedMs = Date.parse(publishedAt)
  if (enteredEffectiveAt && Date.parse(enteredEffectiveAt) < publishedMs - CLOCK_SLACK_MS) {
    problems.push({ code: 'backdated', params: { effectiveAt: enteredEffectiveAt, publishedAt } })
  } else if (facts.previous && Date.parse(effectiveAt) < Date.parse(facts.previous.effectiveAt)) {
    problems.push({
      code: 'before-previous',
      params: {
        effectiveAt,
        entered: enteredEffectiveAt !== null,
        previousEffectiveAt: facts.previous.effectiveAt,
        previousVersion: facts.previous.version,
      },
    })
  }

  // Rules for material changes (not for the first release, which changes nothing anyone agreed to).
  let shortNotice: PublishOutcome['shortNotice']
  const translationFollows: TranslationFollowsRecord[] = []
  if (chosen === 'material' && facts.previous) {
    for (const locale of facts.locales) {
      if (blank(changeNote[locale])) {
        const leftover = leftovers.some(
          (item) => item.field === 'changeNote' && item.locale === locale,
        )
        problems.push({
          code: 'missing-change-note',
          params: { leftoverFrom: leftover ? facts.previous.version : null, locale },
        })
      }
    }
    const requiredDays = facts.minNoticeDays
    const noticeDays = (Date.parse(effectiveAt) - publishedMs) / DAY_MS
    if (noticeDays < requiredDays) {
      if (!shortNoticeReason) {
        problems.push({
          code: 'short-notice',
          params: {
            days: Math.max(0, Math.floor(noticeDays)),
            earliest: new Date(publishedMs + requiredDays * DAY_MS).toISOString(),
            effectiveAt,
            entered: enteredEffectiveAt !== null,
            requiredDays,
          },
        })
      } else {
        shortNotice = {
          days: Math.max(0, Math.round(noticeDays * 10) / 10),
          justification: shortNoticeReason,
          requiredDays,
        }
      }
    }
    // A material change whose text changed in one language but not in another: the other
    // language's readers would be told of a change their text does not contain.
    for (const gap of translationGaps(facts)) {
      const declared = declarations.find((entry) => entry.locale === gap.locale)
      if (!declared) {
        problems.push({ code: 'translation-gap', params: gap })
      } else if (blank(declared.reason)) {
        problems.push({ code: 'translation-follows-reason', params: { locale: gap.locale } })
      } else {
        translationFollows.push({
          changedIn: gap.changedIn,
          locale: gap.locale,
          reason: declared.reason.trim(),
          sections: gap.sections.map((change) => change.section),
        })
      }
    }
  }

  if (problems.length > 0) {
    return { draftSettings, leftovers, outcome: null, problems }
  }
  const previousVersion = facts.previous ? parseVersion(facts.previous.version) : null
  return {
    draftSettings,
    leftovers,
    outcome: {
      changeNote,
      effectiveAt,
      justification,
      kind: chosen,
      notify: Boolean(facts.previous) && (chosen === 'material' || Boolean(notifyMinor)),
      ...(shortNotice ? { shortNotice } : {}),
      translationFollows,
      version: formatVersion(nextVersion(previousVersion, chosen)),
    },
    problems,
  }
}

/**
 * Locales left behind: for each locale, the sections whose text changed in substance in some
 * other locale but not in this one.
 */
export function translationGaps(
  facts: Pick<PublishFacts, 'contentChanges' | 'locales'>,
): Array<PublishProblemParams['translation-gap']> {
  const gaps: Array<PublishProblemParams['translation-gap']> = []
  const keyOf = (section: null | string) => section ?? '\u0000title'
  for (const locale of facts.locales) {
    const own = new Set((facts.contentChanges[locale] ?? []).map((change) => keyOf(change.section)))
    const lagging = new Map<string, ContentChange>()
    const changedIn = new Set<LocaleCode>()
    for (const other of facts.locales) {
      if (other === locale) continue
      for (const change of facts.contentChanges[other] ?? []) {
        if (!own.has(keyOf(change.section))) {
          changedIn.add(other)
          if (!lagging.has(keyOf(change.section))) lagging.set(keyOf(change.section), change)
        }
      }
    }
    if (lagging.size > 0) {
      gaps.push({
        changedIn: facts.locales.filter((code) => changedIn.has(code)),
        locale,
        sections: [...lagging.values()],
      })
    }
  }
  return gaps
}

function headingFor(facts: PublishFacts, section: string): string {
  const headings = facts.headings[section] ?? {}
  return Object.values(headings).find((heading) => heading.trim()) ?? section
}
