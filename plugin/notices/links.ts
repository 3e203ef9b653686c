import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'
import type { MailContext } from './mailContext.js'

import { subscriberToken } from '../subscriptions/subscriberTokens.js'

const DAY = 24 * 3600 * 1000

/** Absolute URL of one of the plugin's subscription endpoints. */
export function subscriptionUrl(
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
  path: string,
  token: string,
): string {
  return `${pluginConfig.serverApiUrl}${pluginConfig.publicPath}/subscriptions/${path}?token=${encodeURIComponent(token)}`
}

/**
 * The list links of one subscriber: one-click unsubscribe (long-lived: RFC 8058 links must keep
 * working for as long as the message may be read) and the data-rights page. Both are bound to the
 * subscriber's tokenKey (see subscriberTokens.ts), so they die when the subscriber is erased.
 */
export function listLinksFor(
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
  mail: MailContext,
  recipient: { id: number | string; tokenKey?: null | string },
  now = new Date(),
): { manageUrl: string; unsubscribeMailto: string; unsubscribeUrl: string } {
  if (!recipient.tokenKey) {
    // Every row gets a key on create and on any write, and older rows at init (backfillTokenKeys).
    throw new Error(
      `[policy-documents] subscriber ${String(recipient.id)} has no tokenKey; its links cannot be signed`,
    )
  }
  const subscriber = { id: recipient.id, tokenKey: recipient.tokenKey }
  const unsubscribe = subscriberToken(subscriber, {
    expiresAt: new Date(now.getTime() + 5 * 365 * DAY),
    purpose: 'unsubscribe',
    secret: mail.secret,
  })
  const manage = subscriberToken(subscriber, {
    expiresAt: new Date(now.getTime() + 30 * DAY),
    purpose: 'manage',
    secret: mail.secret,
  })
  return {
    manageUrl: subscriptionUrl(pluginConfig, 'me', manage),
    unsubscribeMailto: mail.unsubscribeMailto,
    unsubscribeUrl: subscriptionUrl(pluginConfig, 'unsubscribe', unsubscribe),
  }
}
