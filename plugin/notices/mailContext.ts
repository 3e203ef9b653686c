import type { Payload } from 'payload'

import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'

import { deriveTokenSecret } from '../../src/tokens/index.js'

/** What every e-mail the plugin sends needs, resolved once per Payload instance. */
export type MailContext = {
  /** Host name for deterministic Message-IDs. */
  domain: string
  fromAddress: string
  fromName: string
  secret: Buffer
  unsubscribeMailto: string
}

const contexts = new WeakMap<Payload, MailContext>()

/** Resolves sender, Message-ID domain, unsubscribe mailbox and the token secret. */
export function getMailContext(
  payload: Payload,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
): MailContext {
  let context = contexts.get(payload)
  if (!context) {
    const email = payload.email as
      { defaultFromAddress?: string; defaultFromName?: string } | undefined
    const fromAddress =
      email?.defaultFromAddress ?? `no-reply@${new URL(pluginConfig.urls.siteUrl).hostname}`
    const domain =
      fromAddress.split('@')[1]?.toLowerCase() || new URL(pluginConfig.urls.siteUrl).hostname
    context = {
      domain,
      fromAddress,
      fromName: email?.defaultFromName ?? pluginConfig.siteName,
      secret: pluginConfig.secret
        ? Buffer.from(pluginConfig.secret)
        : deriveTokenSecret(payload.secret),
      unsubscribeMailto:
        pluginConfig.notices.unsubscribeMailto ?? `mailto:${fromAddress}?subject=unsubscribe`,
    }
    contexts.set(payload, context)
  }
  return context
}
