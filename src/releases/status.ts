/**
 * A release's standing at a moment, for lists and views: in force, upcoming, superseded or
 * withdrawn. Pure: computed from the ledger's index (effective dates after postponements, and
 * withdrawals), never stored, because it changes with time alone.
 */
import type { ReleaseIndexEntry } from './inForce.js'

import { releaseInForce } from './inForce.js'

export type ReleaseStatus = 'in-force' | 'superseded' | 'upcoming' | 'withdrawn'

/** A ledger entry as the status needs it. */
export type StatusEntry = ReleaseIndexEntry & { status?: 'active' | 'withdrawn' }

/** The status of `version` among `entries` at `at`; `undefined` for a version not in the ledger. */
export function releaseStatus(
  entries: readonly StatusEntry[],
  version: string,
  at: Date,
): ReleaseStatus | undefined {
  const entry = entries.find((candidate) => candidate.version === version)
  if (!entry) return undefined
  if (entry.status === 'withdrawn') return 'withdrawn'
  const inForce = releaseInForce(
    entries.filter((candidate) => candidate.status !== 'withdrawn'),
    at,
  )
  if (inForce?.version === version) return 'in-force'
  return Date.parse(entry.effectiveAt) > at.getTime() ? 'upcoming' : 'superseded'
}
