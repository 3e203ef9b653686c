import type { Payload, PayloadRequest } from 'payload'

import type { TokenPurpose } from '../../src/tokens/index.js'
import type { SubscriberDoc } from '../collections/Notices/types.js'
import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'

import { getTranslator } from '../../src/i18n/index.js'
import { renderManageEmail } from '../../src/notices/index.js'
import { renderPage } from '../../src/subscriptions/renderPage.js'
import { subscriptionUrl } from '../notices/links.js'
import { getMailContext } from '../notices/mailContext.js'
import { documentTitles, existingDocumentKeys } from '../queries/documents.js'
import { findDocs } from '../queries/typed.js'
import { createAfterAnswer } from './afterAnswer.js'
import { html, json, wantsJson } from './answers.js'
import { createGuard } from './guard.js'
import { createRateLimit } from './rateLimits.js'
import { ensureTokenKey, findTokenHolder, subscriberToken } from './subscriberTokens.js'

/**
 * Everything the subscription handlers share: the error guard and CORS (./guard.ts), rate limits
 * (./rateLimits.ts), work after the answer (./afterAnswer.ts), lookups, token links and e-mail.
 * One instance per plugin configuration (the limiters live in it).
 */
export function createSubscriptionContext(pluginConfig: SanitizedPolicyDocumentsPluginConfig) {
  const base = `${pluginConfig.publicPath}/subscriptions`
  const slug = pluginConfig.subscribersSlug
  const { guard, preflight } = createGuard(pluginConfig)

  const findByEmail = async (
    payload: Payload,
    email: string,
  ): Promise<SubscriberDoc | undefined> => {
    const docs = await findDocs<SubscriberDoc>(payload, {
      collection: slug,
      depth: 0,
      limit: 1,
      overrideAccess: true,
      pagination: false,
      where: { email: { equals: email } },
    })
    return docs[0]
  }

  const sendMail = async (
    payload: Payload,
    to: string,
    message: { html: string; subject: string; text: string },
  ) => {
    const mail = getMailContext(payload, pluginConfig)
    await payload.sendEmail({
      from: { address: mail.fromAddress, name: mail.fromName },
      html: message.html,
      subject: message.subject,
      text: message.text,
      to,
    })
  }

  /** A signed link of one purpose for one subscriber. */
  const linkFor = async (
    payload: Payload,
    subscriber: SubscriberDoc,
    path: string,
    input: { expiresAt: Date; nonce?: string; purpose: TokenPurpose },
  ): Promise<string> => {
    const mail = getMailContext(payload, pluginConfig)
    const holder = await ensureTokenKey(payload, pluginConfig, subscriber)
    return subscriptionUrl(
      pluginConfig,
      path,
      subscriberToken(holder, { ...input, secret: mail.secret }),
    )
  }

  /** E-mails a subscriber the link to their data-rights page. */
  const sendManageLink = async (
    payload: Payload,
    subscriber: SubscriberDoc,
    lang: string,
    documents: string[],
  ) => {
    const expiresAt = new Date(
      Date.now() + pluginConfig.subscriptions.manageLinkHours * 3600 * 1000,
    )
    const message = renderManageEmail(
      {
        expiresAt: expiresAt.toISOString(),
        manageUrl: await linkFor(payload, subscriber, 'me', { expiresAt, purpose: 'manage' }),
        siteName: pluginConfig.siteName,
        timeZone: pluginConfig.timeZone,
        title: await documentTitles(payload, pluginConfig, documents, lang),
      },
      lang,
      pluginConfig.defaultLocale,
    )
    await sendMail(payload, subscriber.email, message)
  }

  /** The subscriber a request's `token` was issued to, or null (bad, expired, erased, replaced). */
  const holderOf = (req: PayloadRequest, purpose: TokenPurpose) =>
    findTokenHolder<SubscriberDoc>(
      req.payload,
      pluginConfig,
      req.searchParams?.get('token') ?? '',
      {
        purpose,
        secret: getMailContext(req.payload, pluginConfig).secret,
      },
    )

  const invalidLink = (req: PayloadRequest) => {
    const locale = pluginConfig.defaultLocale
    const t = getTranslator(locale)
    return wantsJson(req)
      ? json({ errors: [{ message: t('subscription.invalidLink') }] }, 400)
      : html(
          renderPage({
            lang: locale,
            paragraphs: [t('subscription.invalidLink')],
            title: t('subscription.confirm.title'),
          }),
          400,
        )
  }

  /** The same endpoint with the same token, for a page's form to post back to. */
  const selfUrl = (req: PayloadRequest, path: string) =>
    `${pluginConfig.apiRoute}${base}/${path}?token=${encodeURIComponent(req.searchParams?.get('token') ?? '')}`

  return {
    afterAnswer: createAfterAnswer(),
    base,
    documentTitles: (payload: Payload, keys: string[], locale: string) =>
      documentTitles(payload, pluginConfig, keys, locale),
    existingDocumentKeys: (payload: Payload, keys: string[]) =>
      existingDocumentKeys(payload, pluginConfig, keys),
    findByEmail,
    guard,
    holderOf,
    preflight,
    invalidLink,
    limit: createRateLimit(pluginConfig),
    linkFor,
    pluginConfig,
    selfUrl,
    sendMail,
    sendManageLink,
    slug,
  }
}

export type SubscriptionContext = ReturnType<typeof createSubscriptionContext>
