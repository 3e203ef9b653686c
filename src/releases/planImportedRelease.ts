import type { Classification } from '../materiality/index.js'
import type { ChangeKind, LocaleCode, ReleaseSnapshot } from '../types.js'
import type { PlannedRelease, PreviousRelease } from './planRelease.js'

import { decideRelease } from '../materiality/index.js'
import { GENESIS_HASH, hashRelease, hashSnapshot } from './hash.js'
import { formatVersion, nextVersion, parseVersion } from './version.js'

/** One past version of a statement, as a history import hands it over. */
export type ImportedVersionInput = {
  /** Per locale; empty strings where the earlier system kept no note. */
  changeNote: Record<LocaleCode, string>
  documentKey: string
  /** ISO date-time the version took effect; defaults to `publishedAt`. */
  effectiveAt?: null | string
  /** The kind the earlier system (or the person importing) recorded; else the classifier's proposal. */
  kind?: ChangeKind | null
  previous: null | PreviousRelease
  proposal: Classification
  /** ISO date-time the version was published in the earlier system. */
  publishedAt: string
  snapshot: ReleaseSnapshot
}

/** Why a recorded kind that differs from the proposal stands (`decideRelease` needs a reason). */
const RECORDED_KIND = 'Imported history: the kind recorded for this version before the import.'

/**
 * Plans a release for a version taken over from an earlier system. Unlike `planRelease`, no
 * publish rule applies: the version was published long ago, as it was, with whatever notice it
 * had. It joins the same hash chain, marked `imported` (the mark is hashed), numbered like any
 * release (1.0, a material change opens the next major), and it never notifies anyone. Returns
 * null when its content equals the previous release's.
 */
export function planImportedRelease(input: ImportedVersionInput): null | PlannedRelease {
  const contentHash = hashSnapshot(input.snapshot)
  if (input.previous && input.previous.contentHash === contentHash) {
    return null
  }
  const decision = decideRelease(
    input.proposal,
    input.kind ? { justification: RECORDED_KIND, kind: input.kind } : null,
  )
  const previousVersion = input.previous ? parseVersion(input.previous.version) : null
  const version = nextVersion(previousVersion, decision.kind)
  const effectiveAt = input.effectiveAt ?? input.publishedAt
  const previousHash = input.previous?.hash ?? GENESIS_HASH
  const hash = hashRelease({
    changeNote: input.changeNote,
    contentHash,
    documentKey: input.documentKey,
    effectiveAt,
    imported: true,
    kind: decision.kind,
    previousHash,
    publishedAt: input.publishedAt,
    version: formatVersion(version),
  })
  return {
    changeNote: input.changeNote,
    contentHash,
    decision: {
      ...decision,
      // The document is left with empty "Release" settings: nothing on it is a leftover.
      draftSettings: { changeNote: {}, effectiveAt: null, justification: null },
    },
    effectiveAt,
    hash,
    kind: decision.kind,
    major: version.major,
    minor: version.minor,
    notify: false,
    previousHash,
    publishedAt: input.publishedAt,
    translationFollows: [],
    version: formatVersion(version),
  }
}
