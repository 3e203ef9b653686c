import type { Classification, MaterialityDecision } from '../materiality/index.js'
import type { ChangeKind, LocaleCode, ReleaseSnapshot } from '../types.js'

import { decideRelease } from '../materiality/index.js'

import { GENESIS_HASH, hashRelease, hashSnapshot } from './hash.js'
import { formatVersion, nextVersion, parseVersion } from './version.js'

/** A refusal to publish, with a message meant for the editor. */
export class ReleaseRefused extends Error {
  constructor(
    message: string,
    readonly code: 'backdated' | 'before-previous' | 'missing-change-note' | 'missing-justification' | 'short-notice',
  ) {
    super(message)
    this.name = 'ReleaseRefused'
  }
}

/** What the editor chose in the publish settings. */
export type EditorChoice = 'material' | 'minor' | 'proposed'

/**
 * The decision stored with a release: the proposal and its reasons, the final kind, and the
 * justification of an override (see `decideRelease`).
 */
export type ReleaseDecision = MaterialityDecision & {
  /** Set when a material release takes effect with less than the required notice. */
  shortNotice?: { days: number; justification: string; requiredDays: number }
  /**
   * The publish settings exactly as found on the draft. They stay on the draft after publishing,
   * so the next publish compares against them to tell a new decision from a leftover.
   */
  draftSettings: DraftSettings
}

/** The publish settings on the draft (see `ReleaseDecision.draftSettings`). */
export type DraftSettings = {
  changeNote: Record<LocaleCode, string>
  effectiveAt: null | string
  justification: null | string
  notifyMinor?: boolean
  shortNoticeJustification?: null | string
}

/** The latest release of the document, as far as planning the next one needs it. */
export type PreviousRelease = {
  contentHash: string
  decision?: null | { draftSettings?: DraftSettings }
  effectiveAt: string
  hash: string
  version: string
}

export type PlanReleaseInput = {
  changeNote: Record<LocaleCode, string>
  choice: EditorChoice
  documentKey: string
  /** ISO date-time; defaults to `publishedAt`. */
  effectiveAt?: null | string
  justification?: null | string
  previous: null | PreviousRelease
  /**
   * Days of advance notice a material change needs between publication and effect (regulators
   * expect people to be told before a material change applies). Publishing sooner needs
   * `shortNoticeJustification`, which the release records.
   * @default 30
   */
  minNoticeDays?: number
  /** The editor asks for a notice about a minor release too. */
  notifyMinor?: boolean
  /** Why a material change takes effect with less than `minNoticeDays` notice. */
  shortNoticeJustification?: null | string
  /** The classifier's proposal with its reasons (`classify` in `src/materiality`). */
  proposal: Classification
  publishedAt: string
  snapshot: ReleaseSnapshot
}

/** Everything a new ledger entry records besides the snapshot. */
export type PlannedRelease = {
  changeNote: Record<LocaleCode, string>
  contentHash: string
  decision: ReleaseDecision
  effectiveAt: string
  hash: string
  kind: ChangeKind
  major: number
  minor: number
  /** Whether subscribers are notified: always for a material change, for a minor one on request. */
  notify: boolean
  previousHash: string
  publishedAt: string
  version: string
}

/**
 * Plans the next release, or returns null when the content did not change (a publish that
 * changes nothing creates no release). The editor's choice is final, but overriding the
 * proposal needs a written justification, and the release records both.
 */
export function planRelease(input: PlanReleaseInput): null | PlannedRelease {
  const contentHash = hashSnapshot(input.snapshot)
  if (input.previous && input.previous.contentHash === contentHash) {
    return null
  }
  // The publish settings live on the draft and survive a publish. A value the previous publish
  // already saw on the draft is a leftover, not a decision about this release: never reuse it.
  const draftSettings: DraftSettings = {
    changeNote: input.changeNote,
    effectiveAt: input.effectiveAt ? new Date(input.effectiveAt).toISOString() : null,
    justification: input.justification?.trim() || null,
    notifyMinor: Boolean(input.notifyMinor),
    shortNoticeJustification: input.shortNoticeJustification?.trim() || null,
  }
  const seen = input.previous?.decision?.draftSettings
  const fresh = <T>(value: T, seenValue: T | undefined): T | undefined => (seen && value === seenValue ? undefined : value)
  const justification = fresh(draftSettings.justification, seen?.justification) ?? null
  const changeNote: Record<LocaleCode, string> = {}
  for (const [locale, note] of Object.entries(input.changeNote)) {
    changeNote[locale] = fresh(note, seen?.changeNote[locale]) ?? ''
  }
  const effectiveAtInput = fresh(draftSettings.effectiveAt, seen?.effectiveAt)
  const chosen = input.choice === 'proposed' ? input.proposal.proposal : input.choice
  if (chosen !== input.proposal.proposal && !justification) {
    throw new ReleaseRefused(
      `The proposal is "${input.proposal.proposal}" and you chose "${chosen}": write a justification to override it.`,
      'missing-justification',
    )
  }
  const decision = decideRelease(input.proposal, { justification: justification ?? undefined, kind: chosen })
  const kind = decision.kind
  const effectiveAt = effectiveAtInput ?? input.publishedAt
  if (Date.parse(effectiveAt) < Date.parse(input.publishedAt) - 60_000) {
    throw new ReleaseRefused(
      `The effective date ${effectiveAt} is in the past: a release cannot take effect before it is published.`,
      'backdated',
    )
  }
  if (input.previous && Date.parse(effectiveAt) < Date.parse(input.previous.effectiveAt)) {
    throw new ReleaseRefused(
      `The effective date ${effectiveAt} is before that of release ${input.previous.version} (${input.previous.effectiveAt}); releases take effect in order.`,
      'before-previous',
    )
  }
  // Rules for material changes (not for the first release, which changes nothing anyone agreed to).
  let shortNotice: ReleaseDecision['shortNotice']
  if (kind === 'material' && input.previous) {
    const missingNotes = Object.entries(changeNote).filter(([, note]) => !note.trim()).map(([locale]) => locale)
    if (missingNotes.length > 0) {
      throw new ReleaseRefused(
        `A material change needs a change note in every language; write one for ${missingNotes.join(', ')}.`,
        'missing-change-note',
      )
    }
    const requiredDays = input.minNoticeDays ?? 30
    const noticeDays = (Date.parse(effectiveAt) - Date.parse(input.publishedAt)) / (24 * 3600 * 1000)
    if (noticeDays < requiredDays) {
      const reason = fresh(draftSettings.shortNoticeJustification ?? null, seen?.shortNoticeJustification ?? undefined)
      if (!reason) {
        throw new ReleaseRefused(
          `A material change must be announced at least ${requiredDays} days before it takes effect; this one gives ${Math.max(0, Math.floor(noticeDays))}. Set a later effective date, or give a reason for the short notice.`,
          'short-notice',
        )
      }
      shortNotice = { days: Math.max(0, Math.round(noticeDays * 10) / 10), justification: reason, requiredDays }
    }
  }
  const version = nextVersion(input.previous ? parseVersion(input.previous.version) : null, kind)
  const previousHash = input.previous?.hash ?? GENESIS_HASH
  const label = formatVersion(version)
  const hash = hashRelease({
    changeNote,
    contentHash,
    documentKey: input.documentKey,
    effectiveAt,
    kind,
    previousHash,
    publishedAt: input.publishedAt,
    version: label,
  })
  return {
    changeNote,
    contentHash,
    decision: { ...decision, draftSettings, ...(shortNotice ? { shortNotice } : {}) },
    effectiveAt,
    hash,
    kind,
    major: version.major,
    minor: version.minor,
    // A request to notify about a minor change, left ticked from the previous publish, is not renewed silently.
    notify: kind === 'material' || Boolean(fresh(draftSettings.notifyMinor, seen?.notifyMinor) ?? false),
    previousHash,
    publishedAt: input.publishedAt,
    version: label,
  }
}
