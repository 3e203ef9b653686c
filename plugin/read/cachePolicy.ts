import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'
import type { CachedBody, HttpAnswer } from './httpAnswer.js'
import type { ReleaseIndexEntry } from './ledgerIndex.js'

import { nextEffectiveChange } from '../../src/releases/index.js'
import { active } from './ledgerIndex.js'

type CacheOptions = SanitizedPolicyDocumentsPluginConfig['cache']

/** A serialized answer that is right until `expiresAt` (epoch ms; `Infinity`: until invalidated). */
export type ExpiringBody = { cached: CachedBody; expiresAt: number }

/**
 * `max-age` and `stale-while-revalidate` from the options, but never past the moment a different
 * release comes into force, so no cache serves yesterday's statement after tomorrow's takes effect.
 */
export function cacheControl(cache: CacheOptions, entries: ReleaseIndexEntry[], now: Date): string {
  const next = nextEffectiveChange(active(entries), now)
  const untilChange = next
    ? Math.max(0, Math.floor((next.getTime() - now.getTime()) / 1000))
    : Infinity
  const maxAge = Math.min(cache.maxAgeSeconds, untilChange)
  const swr = Math.min(cache.staleWhileRevalidateSeconds, Math.max(0, untilChange - maxAge))
  return `public, max-age=${maxAge}, stale-while-revalidate=${swr}`
}

/** `max-age` and `stale-while-revalidate` from the options, but never past `expiresAt` (epoch ms). */
export function cacheControlUntil(cache: CacheOptions, expiresAt: number, now: Date): string {
  const maxAge = Math.max(
    0,
    Math.min(cache.maxAgeSeconds, Math.floor((expiresAt - now.getTime()) / 1000)),
  )
  return `public, max-age=${maxAge}, stale-while-revalidate=${Math.min(maxAge, cache.staleWhileRevalidateSeconds)}`
}

/**
 * Until when answers computed from `entries` keep the same Cache-Control (and body): the next
 * re-read of the index (`indexExpiresAt`), and no later than the moment `max-age` starts
 * shrinking towards the next release that comes into force.
 */
export function stableUntil(
  cache: CacheOptions,
  entries: ReleaseIndexEntry[],
  now: Date,
  indexExpiresAt: number,
): number {
  const next = nextEffectiveChange(active(entries), now)
  const untilHeaderChanges = next
    ? next.getTime() - (cache.maxAgeSeconds + cache.staleWhileRevalidateSeconds) * 1000
    : Infinity
  return Math.min(indexExpiresAt, untilHeaderChanges)
}

/** Marks an answer as reusable for the same URL until `until` (see `HttpAnswer.stableUntil`). */
export function stable(answer: HttpAnswer, until: number): HttpAnswer {
  answer.stableUntil = until
  return answer
}
