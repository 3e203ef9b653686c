import type { Version } from '../types.js'

import { compareVersions, parseVersion } from './version.js'

/** The minimum a ledger index entry needs to answer "which release is in force". */
export type ReleaseIndexEntry = {
  effectiveAt: string
  version: string
}

/**
 * The release in force at `at`: the one with the latest effective date not after `at`.
 * When two releases take effect at the same moment, the higher version wins (it was published later).
 * Returns undefined when nothing is in force yet.
 */
export function releaseInForce<T extends ReleaseIndexEntry>(
  releases: readonly T[],
  at: Date,
): T | undefined {
  const time = at.getTime()
  let best: T | undefined
  let bestTime = -Infinity
  let bestVersion: Version | undefined
  for (const release of releases) {
    const effective = Date.parse(release.effectiveAt)
    if (Number.isNaN(effective) || effective > time) {
      continue
    }
    const version = parseVersion(release.version)
    if (
      effective > bestTime ||
      (effective === bestTime &&
        version &&
        bestVersion &&
        compareVersions(version, bestVersion) > 0)
    ) {
      best = release
      bestTime = effective
      bestVersion = version
    }
  }
  return best
}

/**
 * The next moment after `at` at which a different release comes into force, if any.
 * Caches of "the release in force now" must not outlive it.
 */
export function nextEffectiveChange(
  releases: readonly ReleaseIndexEntry[],
  at: Date,
): Date | undefined {
  const time = at.getTime()
  let next = Infinity
  for (const release of releases) {
    const effective = Date.parse(release.effectiveAt)
    if (effective > time && effective < next) {
      next = effective
    }
  }
  return Number.isFinite(next) ? new Date(next) : undefined
}
