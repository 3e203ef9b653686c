import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'
import type { CachedBody, HttpAnswer } from './httpAnswer.js'
import type { LedgerIndex, ReleaseIndexEntry } from './ledgerIndex.js'

import { cacheControl, stable, stableUntil } from './cachePolicy.js'
import { answerWithBody } from './httpAnswer.js'
import { parseLocale, singleParam } from './params.js'

/** What every view of the public read API shares: the options, the ledger index and the clock. */
export type ReadContext = {
  config: SanitizedPolicyDocumentsPluginConfig
  ledger: LedgerIndex
  now: () => Date
}

/** The `locale` query parameter, checked against the configured locales (default: the default locale). */
export function requestLocale(context: ReadContext, params: URLSearchParams): string {
  return parseLocale(
    singleParam(params, 'locale'),
    context.config.locales,
    context.config.defaultLocale,
  )
}

/**
 * The answer for a body derived from a document's ledger index: its Cache-Control follows the next
 * release that comes into force, and it stays stable while the index and that header do (and no
 * later than `until`, the body's own expiry).
 */
export function answerFromIndex(
  context: ReadContext,
  cached: CachedBody,
  ifNoneMatch: null | string | undefined,
  entries: ReleaseIndexEntry[],
  now: Date,
  until = Infinity,
): HttpAnswer {
  const { cache } = context.config
  return stable(
    answerWithBody(cached, ifNoneMatch, cacheControl(cache, entries, now)),
    Math.min(until, stableUntil(cache, entries, now, context.ledger.expiresAt(entries))),
  )
}
