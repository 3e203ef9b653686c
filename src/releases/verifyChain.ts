import type { ChangeKind, LocaleCode, ReleaseSnapshot } from '../types.js'
import type { ReleaseHashInput } from './hash.js'

import { GENESIS_HASH, hashCanonical, hashRelease, hashSnapshot } from './hash.js'
import { compareVersions, parseVersion } from './version.js'

/** A release as the public JSON archive carries it: everything its hashes cover. */
export type ArchivedRelease = {
  changeNote: Record<LocaleCode, string>
  contentHash: string
  documentKey: string
  effectiveAt: string
  hash: string
  /** Taken over from an earlier system by a history import (absent when published here). */
  imported?: boolean
  kind: ChangeKind
  previousHash: string
  publishedAt: string
  snapshot: ReleaseSnapshot
  /** Locales whose translation follows later (absent or empty when none). */
  translationFollows?: ReleaseHashInput['translationFollows']
  version: string
}

/** A postponement or withdrawal as the archive carries it; its hash covers the release's hash. */
export type ArchivedEvent = {
  effectiveAt: null | string
  hash: string
  previousEffectiveAt: string
  reason: string
  recordedAt: string
  releaseHash: string
  type: 'postponed' | 'withdrawn'
  version: string
}

/** The hash of a release event: over everything it records and the hash of the release it changes. */
export function hashReleaseEvent(event: Omit<ArchivedEvent, 'hash' | 'version'>): string {
  return hashCanonical({
    effectiveAt: event.effectiveAt,
    previousEffectiveAt: event.previousEffectiveAt,
    reason: event.reason,
    recordedAt: event.recordedAt,
    releaseHash: event.releaseHash,
    type: event.type,
  })
}

/** The verdict on one release. */
export type ReleaseCheck = {
  /** Human-readable problems; empty when the release is intact. */
  problems: string[]
  version: string
}

/** The verdict on a whole ledger. */
export type ChainReport = {
  /** One check per postponement or withdrawal, labelled `<version> <type>`. */
  events: ReleaseCheck[]
  intact: boolean
  releases: ReleaseCheck[]
}

/**
 * Recomputes the hash chain of a ledger from its content alone: each snapshot's content hash,
 * each release's chain hash, and each link to the release before it (the first links to
 * `GENESIS_HASH`). Anyone holding the JSON archive can run this; nothing else is needed.
 */
export function verifyChain(
  releases: readonly ArchivedRelease[],
  events: readonly ArchivedEvent[] = [],
): ChainReport {
  const ordered = [...releases].sort((a, b) => {
    const va = parseVersion(a.version)
    const vb = parseVersion(b.version)
    return va && vb ? compareVersions(va, vb) : 0
  })
  const checks: ReleaseCheck[] = []
  let previousHash = GENESIS_HASH
  for (const release of ordered) {
    const problems: string[] = []
    if (!parseVersion(release.version)) {
      problems.push(`version "${String(release.version)}" is not major.minor`)
    }
    let contentHash = ''
    try {
      contentHash = hashSnapshot(release.snapshot)
    } catch {
      problems.push('the snapshot is not valid JSON content')
    }
    if (contentHash && contentHash !== release.contentHash) {
      problems.push(
        'the snapshot does not match its content hash: the text was changed after publication',
      )
    }
    if (release.previousHash !== previousHash) {
      problems.push(
        'the link to the previous release is broken: a release was removed, inserted or rewritten before this one',
      )
    }
    const expected = hashRelease({
      changeNote: release.changeNote,
      contentHash: release.contentHash,
      documentKey: release.documentKey,
      effectiveAt: release.effectiveAt,
      imported: release.imported,
      kind: release.kind,
      previousHash: release.previousHash,
      publishedAt: release.publishedAt,
      translationFollows: release.translationFollows,
      version: release.version,
    })
    if (expected !== release.hash) {
      problems.push(
        'the release hash does not match its recorded data (dates, kind, change note, version or import mark were changed)',
      )
    }
    checks.push({ problems, version: release.version })
    previousHash = release.hash
  }
  const hashes = new Set(ordered.map((release) => release.hash))
  const eventChecks: ReleaseCheck[] = events.map((event) => {
    const problems: string[] = []
    if (!hashes.has(event.releaseHash)) {
      problems.push('the event refers to a release that is not in the archive')
    }
    if (hashReleaseEvent(event) !== event.hash) {
      problems.push('the event does not match its hash: its date, reason or type was changed')
    }
    return { problems, version: `${event.version} ${event.type}` }
  })
  const all = [...checks, ...eventChecks]
  return {
    events: eventChecks,
    intact: all.every((check) => check.problems.length === 0),
    releases: checks,
  }
}
