import type { Classification, MaterialityDecision } from '../materiality/index.js'
import type { ChangeKind, LocaleCode, ReleaseSnapshot } from '../types.js'
import type {
  ContentChange,
  DraftSettings,
  EditorChoice,
  GdprFacts,
  PublishFacts,
  PublishProblem,
  PublishProblemCode,
  PublishSettings,
  TranslationFollows,
  TranslationFollowsRecord,
} from './publishRules.js'
import type { MissingContent } from './validateSnapshot.js'

import { decideRelease } from '../materiality/index.js'
import { GENESIS_HASH, hashRelease, hashSnapshot } from './hash.js'
import { checkPublish } from './publishRules.js'
import { renderRefusal } from './renderPublishProblem.js'
import { parseVersion } from './version.js'

/**
 * A refusal to publish: every rule that failed (`checkPublish`), each a code with params that
 * `renderPublishProblem` renders in the editor's language. `message` is the English rendering.
 */
export class ReleaseRefused extends Error {
  /** The first problem's code (kept for callers that only need one). */
  readonly code: PublishProblemCode
  constructor(readonly problems: PublishProblem[]) {
    super(renderRefusal(problems, { language: 'en', timeZone: 'UTC' }))
    this.name = 'ReleaseRefused'
    this.code = problems[0]!.code
  }
}

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
  /** Locales published with a declaration that their translation follows (see `checkPublish`). */
  translationFollows?: TranslationFollowsRecord[]
  /** The GDPR Art. 13/14 elements missing at publish and the editor's not-applicable declarations. */
  gdpr?: GdprFacts
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
  /**
   * Per locale, the sections whose text changed in substance (`contentChangesOf` on the diff).
   * Without it no translation gap can be found.
   */
  contentChanges?: Record<LocaleCode, ContentChange[]>
  documentKey: string
  /** ISO date-time; defaults to `publishedAt`. */
  effectiveAt?: null | string
  justification?: null | string
  /** The locales a release must be complete in; defaults to the snapshot's. */
  locales?: LocaleCode[]
  previous: null | PreviousRelease
  /**
   * Days of advance notice a material change needs between publication and effect (regulators
   * expect people to be told before a material change applies). Publishing sooner needs
   * `shortNoticeJustification`, which the release records.
   * @default 30
   */
  minNoticeDays?: number
  /** Holes in the snapshot (`validateSnapshot`); any refuses the publish. */
  missing?: MissingContent[]
  /** GDPR Art. 13/14 elements missing per locale, and whether that refuses (`PublishFacts.gdpr`). */
  gdpr?: GdprFacts
  /** The editor asks for a notice about a minor release too. */
  notifyMinor?: boolean
  /** Why a material change takes effect with less than `minNoticeDays` notice. */
  shortNoticeJustification?: null | string
  /** The classifier's proposal with its reasons (`classify` in `src/materiality`). */
  proposal: Classification
  publishedAt: string
  snapshot: ReleaseSnapshot
  /** Locales declared to follow later in translation, with reasons. */
  translationFollows?: TranslationFollows[]
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
  /** Locales whose translation follows later; part of the hashed release data. */
  translationFollows: TranslationFollowsRecord[]
  version: string
}

/**
 * Plans the next release, or returns null when the content did not change (a publish that
 * changes nothing creates no release). Throws `ReleaseRefused` with every failing rule
 * (`checkPublish`). The editor's choice is final, but overriding the proposal needs a written
 * justification, and the release records both.
 */
export function planRelease(input: PlanReleaseInput): null | PlannedRelease {
  const facts = publishFactsOf(input)
  const check = checkPublish(publishSettingsOf(input), facts, input.publishedAt)
  if (check.problems.length > 0) {
    throw new ReleaseRefused(check.problems)
  }
  const outcome = check.outcome
  if (!outcome) {
    return null
  }
  const decision = decideRelease(input.proposal, {
    justification: outcome.justification ?? undefined,
    kind: outcome.kind,
  })
  const version = parseVersion(outcome.version)!
  const previousHash = input.previous?.hash ?? GENESIS_HASH
  const hash = hashRelease({
    changeNote: outcome.changeNote,
    contentHash: facts.contentHash,
    documentKey: input.documentKey,
    effectiveAt: outcome.effectiveAt,
    kind: outcome.kind,
    previousHash,
    publishedAt: input.publishedAt,
    translationFollows: outcome.translationFollows,
    version: outcome.version,
  })
  return {
    changeNote: outcome.changeNote,
    contentHash: facts.contentHash,
    decision: {
      ...decision,
      draftSettings: check.draftSettings,
      ...(outcome.shortNotice ? { shortNotice: outcome.shortNotice } : {}),
      ...(outcome.translationFollows.length > 0
        ? { translationFollows: outcome.translationFollows }
        : {}),
      ...(facts.gdpr ? { gdpr: facts.gdpr } : {}),
    },
    effectiveAt: outcome.effectiveAt,
    hash,
    kind: outcome.kind,
    major: version.major,
    minor: version.minor,
    notify: outcome.notify,
    previousHash,
    publishedAt: input.publishedAt,
    translationFollows: outcome.translationFollows,
    version: outcome.version,
  }
}

/** What the server knows about a would-be release, for `checkPublish` (and the panel, as JSON). */
export type PublishFactsInput = Pick<
  PlanReleaseInput,
  | 'contentChanges'
  | 'gdpr'
  | 'locales'
  | 'minNoticeDays'
  | 'missing'
  | 'previous'
  | 'proposal'
  | 'snapshot'
>

/** The facts `checkPublish` needs, from the snapshot, the latest release and the diff. */
export function publishFactsOf(input: PublishFactsInput): PublishFacts & { contentHash: string } {
  const contentHash = hashSnapshot(input.snapshot)
  const headings: Record<string, Record<LocaleCode, string>> = {}
  for (const [locale, localeSnapshot] of Object.entries(input.snapshot)) {
    for (const section of localeSnapshot.sections) {
      ;(headings[section.key] ??= {})[locale] = section.heading
    }
  }
  return {
    changed: !input.previous || input.previous.contentHash !== contentHash,
    contentChanges: input.contentChanges ?? {},
    contentHash,
    headings,
    locales: input.locales ?? Object.keys(input.snapshot),
    minNoticeDays: input.minNoticeDays ?? 30,
    missing: input.missing ?? [],
    previous: input.previous
      ? {
          draftSettings: input.previous.decision?.draftSettings ?? null,
          effectiveAt: input.previous.effectiveAt,
          version: input.previous.version,
        }
      : null,
    proposal: input.proposal.proposal,
    ...(input.gdpr ? { gdpr: input.gdpr } : {}),
  }
}

/** The editor's settings in `PlanReleaseInput`, as `checkPublish` takes them. */
export function publishSettingsOf(input: PlanReleaseInput): PublishSettings {
  return {
    changeKind: input.choice,
    changeNote: input.changeNote,
    effectiveAt: input.effectiveAt ?? null,
    justification: input.justification ?? null,
    notifyMinor: Boolean(input.notifyMinor),
    shortNoticeJustification: input.shortNoticeJustification ?? null,
    translationFollows: input.translationFollows ?? [],
  }
}
