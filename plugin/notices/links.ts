import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'
import type { MailContext } from './mailContext.js'

import { createToken } from '../../src/tokens/index.js'

const DAY = 24 * 3600 * 1000

/** Absolute URL of one of the plugin's subscription endpoints. */
export function subscriptionUrl(pluginConfig: SanitizedPolicyDocumentsPluginConfig, path: string, token: string): string {
  return `${pluginConfig.serverApiUrl}${pluginConfig.publicPath}/subscriptions/${path}?token=${encodeURIComponent(token)}`
}

/**
 * The list links of one subscriber: one-click unsubscribe (long-lived: RFC 8058 links must keep
 * working for as long as the message may be read) and the data-rights page.
 */
export function listLinksFor(
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
  mail: MailContext,
  subscriberId: number | string,
  now = new Date(),
): { manageUrl: string; unsubscribeMailto: string; unsubscribeUrl: string } {
  const subject = String(subscriberId)
  const unsubscribe = createToken({ expiresAt: new Date(now.getTime() + 5 * 365 * DAY), purpose: 'unsubscribe', secret: mail.secret, subject })
  const manage = createToken({
    expiresAt: new Date(now.getTime() + 30 * DAY),
    purpose: 'manage',
    secret: mail.secret,
    subject,
  })
  return {
    manageUrl: subscriptionUrl(pluginConfig, 'me', manage),
    unsubscribeMailto: mail.unsubscribeMailto,
    unsubscribeUrl: subscriptionUrl(pluginConfig, 'unsubscribe', unsubscribe),
  }
}
