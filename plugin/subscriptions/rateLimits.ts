import type { PayloadRequest } from 'payload'

import { RateLimiterMemory } from 'rate-limiter-flexible'

import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'

import { clientAddressOf, compileTrustProxy } from '../http/clientAddress.js'

/**
 * A function that counts a request against the client's and the mailbox's hourly limits (throws
 * RateLimiterRes). The client is the socket peer, or the address a trusted proxy reports; when
 * neither is known (Next.js without `trustProxy`) only the per-mailbox limit applies, never a
 * bucket shared by all. One per plugin configuration (the limiters live in it).
 */
export function createRateLimit(pluginConfig: SanitizedPolicyDocumentsPluginConfig) {
  const trust = compileTrustProxy(pluginConfig.trustProxy)
  const perClient = new RateLimiterMemory({
    duration: 3600,
    keyPrefix: 'client',
    points: pluginConfig.subscriptions.perClientPerHour,
  })
  const perAddress = new RateLimiterMemory({
    duration: 3600,
    keyPrefix: 'mailbox',
    points: pluginConfig.subscriptions.perAddressPerHour,
  })
  let warnedUnknownClient = false
  return async (req: PayloadRequest, mailbox: string) => {
    const client = clientAddressOf(req, trust)
    if (client) {
      await perClient.consume(client)
    } else if (!warnedUnknownClient) {
      warnedUnknownClient = true
      req.payload.logger.warn(
        '[policy-documents] the client address of subscription requests is unknown (no socket address and no trusted proxy); only the per-mailbox rate limit applies. Set the trustProxy option when a proxy is in front.',
      )
    }
    await perAddress.consume(mailbox)
  }
}
