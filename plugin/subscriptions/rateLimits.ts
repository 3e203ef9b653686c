import type { PayloadRequest } from 'payload'

import { RateLimiterMemory } from 'rate-limiter-flexible'

import type {
  RateLimiter,
  RateLimiterFactory,
  SanitizedPolicyDocumentsPluginConfig,
} from '../types.js'

import { clientAddressOf, compileTrustProxy } from '../http/clientAddress.js'
import { addressHash } from '../notices/fanOut.js'

/** The default store: this process's memory (each process counts on its own). */
export const memoryRateLimiter: RateLimiterFactory = (limit) => new RateLimiterMemory(limit)

/**
 * Whether `error` is a limiter's "over the limit" answer: a RateLimiterRes, recognised by its
 * shape because a host's limiter may come from its own copy of rate-limiter-flexible (where
 * `instanceof` fails). A failing store rejects with an Error instead.
 */
export function isRateLimitRejection(error: unknown): error is { msBeforeNext: number } {
  return (
    typeof error === 'object' &&
    error !== null &&
    !(error instanceof Error) &&
    typeof (error as { msBeforeNext?: unknown }).msBeforeNext === 'number' &&
    typeof (error as { remainingPoints?: unknown }).remainingPoints === 'number'
  )
}

/**
 * A function that counts a request against the client's and the mailbox's hourly limits (rejects
 * with the limiter's RateLimiterRes when over). The client is the socket peer, or the address a
 * trusted proxy reports; when neither is known (Next.js without `trustProxy`) only the per-mailbox
 * limit applies, never a bucket shared by all. One per plugin configuration. The limiters come
 * from the `subscriptions.rateLimiter` option (this process's memory unless the host shares a
 * store), made at the first request, so building the config (or `next build`) opens no store.
 */
export function createRateLimit(pluginConfig: SanitizedPolicyDocumentsPluginConfig) {
  const trust = compileTrustProxy(pluginConfig.trustProxy)
  const { perAddressPerHour, perClientPerHour, rateLimiter } = pluginConfig.subscriptions
  let limiters: { perAddress: RateLimiter; perClient: RateLimiter } | undefined
  let warnedUnknownClient = false
  return async (req: PayloadRequest, mailbox: string) => {
    limiters ??= {
      perAddress: rateLimiter({ duration: 3600, keyPrefix: 'mailbox', points: perAddressPerHour }),
      perClient: rateLimiter({ duration: 3600, keyPrefix: 'client', points: perClientPerHour }),
    }
    const client = clientAddressOf(req, trust)
    if (client) {
      await limiters.perClient.consume(client)
    } else if (!warnedUnknownClient) {
      warnedUnknownClient = true
      req.payload.logger.warn(
        '[policy-documents] the client address of subscription requests is unknown (no socket address and no trusted proxy); only the per-mailbox rate limit applies. Set the trustProxy option when a proxy is in front.',
      )
    }
    // A hash names the mailbox, as in deliveries: a shared store never holds the address itself.
    await limiters.perAddress.consume(addressHash(mailbox))
  }
}
