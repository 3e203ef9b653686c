import type { Payload, PayloadHandler } from 'payload'

import type { SubscriberDoc } from '../collections/Notices/types.js'
import type { SubscriptionContext } from './context.js'

import { getTranslator } from '../../src/i18n/index.js'
import { pickLocale, renderConfirmationEmail } from '../../src/notices/index.js'
import { renderPage } from '../../src/subscriptions/renderPage.js'
import { newNonce } from '../../src/tokens/index.js'
import { getMailContext } from '../notices/mailContext.js'
import { createDoc, updateDocByID } from '../queries/typed.js'
import { BadRequest, parseDocumentKey, parseLocale } from '../read/params.js'
import { readBody } from '../read/readBody.js'
import { withBusyRetry } from '../utilities/withBusyRetry.js'
import { emailFrom, html, json } from './answers.js'
import { confirmationHash } from './confirmationHash.js'

/**
 * `POST …/subscriptions`: double opt-in. Validates the request, counts it against the rate
 * limits, answers 202, and only then looks the address up, stores the request and e-mails a
 * confirmation link (or, to someone already subscribed to all of it, a manage link): the answer
 * never depends on whether the address is known.
 */
export function subscribeHandler(ctx: SubscriptionContext): PayloadHandler {
  const { pluginConfig } = ctx
  return async (req) => {
    const { form, values } = await readBody(req)
    const { address: email, mailbox } = emailFrom(values)
    const locale = parseLocale(
      typeof values.locale === 'string' ? values.locale : undefined,
      pluginConfig.locales,
      pluginConfig.defaultLocale,
    )
    const rawDocuments = values.documents ?? values.document
    const list = (Array.isArray(rawDocuments) ? rawDocuments : [rawDocuments]).filter(
      (value) => value !== undefined && value !== '',
    )
    if (list.length === 0 || list.length > 20) {
      throw new BadRequest('Name the policy documents to follow in "documents", e.g. ["privacy"].')
    }
    const documents = [...new Set(list.map((value) => parseDocumentKey(value)))]
    if ((await ctx.existingDocumentKeys(req.payload, documents)).length !== documents.length) {
      throw new BadRequest(`Unknown policy document in "documents": ${documents.join(', ')}.`)
    }
    await ctx.limit(req, mailbox)
    ctx.afterAnswer(req, mailbox, 'subscribe', () =>
      register(ctx, req.payload, { documents, email, locale }),
    )
    const t = getTranslator(locale)
    return form
      ? html(
          renderPage({
            lang: locale,
            paragraphs: [t('subscription.accepted')],
            title: t('subscription.confirm.title'),
          }),
          202,
        )
      : json({ message: t('subscription.accepted') }, 202)
  }
}

/** Stores the request and sends the e-mail; runs after the answer. */
async function register(
  ctx: SubscriptionContext,
  payload: Payload,
  input: { documents: string[]; email: string; locale: string },
) {
  const { pluginConfig, slug } = ctx
  const { documents, email, locale } = input
  const mail = getMailContext(payload, pluginConfig)
  const existing = await ctx.findByEmail(payload, email)
  const nonce = newNonce()
  const now = new Date()
  const expiresAt = new Date(
    now.getTime() + pluginConfig.subscriptions.confirmLinkHours * 3600 * 1000,
  )
  const alreadyAll =
    existing?.status === 'confirmed' && documents.every((key) => existing.documents?.includes(key))
  // The stored hash covers the nonce and the documents the link confirms, so the link's
  // `documents` list cannot be changed (item 9 of issue 9).
  const confirmNonceHash = confirmationHash(nonce, documents, mail.secret)
  let subscriber: SubscriberDoc
  if (!existing) {
    subscriber = await withBusyRetry(() =>
      createDoc<SubscriberDoc>(payload, {
        collection: slug,
        data: {
          confirmNonceHash,
          documents,
          email,
          locale,
          requestedAt: now.toISOString(),
          status: 'pending',
        },
        depth: 0,
        overrideAccess: true,
      }),
    )
  } else {
    // A confirmed subscriber keeps receiving what they confirmed; newly requested documents wait
    // for the new link. Anything else restarts the opt-in.
    const confirmed = existing.status === 'confirmed'
    subscriber = await withBusyRetry(() =>
      updateDocByID<SubscriberDoc>(payload, {
        id: existing.id,
        collection: slug,
        data: {
          confirmNonceHash: alreadyAll ? (existing.confirmNonceHash ?? null) : confirmNonceHash,
          requestedAt: now.toISOString(),
          ...(confirmed ? {} : { documents, locale, status: 'pending' }),
        },
        depth: 0,
        overrideAccess: true,
      }),
    )
  }
  const lang = pickLocale(
    existing?.status === 'confirmed' ? existing.locale : locale,
    pluginConfig.locales,
    pluginConfig.defaultLocale,
  )
  if (alreadyAll) {
    // Already subscribed to all of it: the manage link instead, so the answer stays the same.
    await ctx.sendManageLink(payload, subscriber, lang, documents)
    return
  }
  const confirmUrl =
    (await ctx.linkFor(payload, subscriber, 'confirm', { expiresAt, nonce, purpose: 'confirm' })) +
    `&documents=${encodeURIComponent(documents.join(','))}`
  const message = renderConfirmationEmail(
    {
      confirmUrl,
      expiresAt: expiresAt.toISOString(),
      siteName: pluginConfig.siteName,
      timeZone: pluginConfig.timeZone,
      title: await ctx.documentTitles(payload, documents, lang),
    },
    lang,
    pluginConfig.defaultLocale,
  )
  await ctx.sendMail(payload, email, message)
}
