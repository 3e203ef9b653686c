import type { Payload, PayloadHandler, PayloadRequest } from 'payload'

import type { DeliveryDoc, NoticeDoc, SubscriberDoc } from '../collections/Notices/types.js'
import type { SubscriptionContext } from './context.js'

import { getTranslator } from '../../src/i18n/index.js'
import { pickLocale } from '../../src/notices/index.js'
import { renderPage } from '../../src/subscriptions/renderPage.js'
import { eraseSuppressions, suppressionsFor } from '../notices/audiences.js'
import { findDocs, updateDocByID } from '../queries/typed.js'
import { BadRequest, parseLocale } from '../read/params.js'
import { readBody } from '../read/readBody.js'
import { withBusyRetry } from '../utilities/withBusyRetry.js'
import { emailFrom, html, json, wantsJson } from './answers.js'

/**
 * `POST …/subscriptions/manage`: e-mails the data-rights link to a subscriber. Answers 202 at
 * once, for known and unknown addresses alike, and only then looks the address up.
 */
export function requestManageLinkHandler(ctx: SubscriptionContext): PayloadHandler {
  const { pluginConfig } = ctx
  return async (req) => {
    const { form, values } = await readBody(req)
    const { address: email, mailbox } = emailFrom(values)
    await ctx.limit(req, mailbox)
    ctx.afterAnswer(req, mailbox, 'manage-link request', async () => {
      const subscriber = await ctx.findByEmail(req.payload, email)
      if (subscriber) {
        await ctx.sendManageLink(
          req.payload,
          subscriber,
          pickLocale(subscriber.locale, pluginConfig.locales, pluginConfig.defaultLocale),
          subscriber.documents ?? [],
        )
      }
    })
    const t = getTranslator(pluginConfig.defaultLocale)
    return form
      ? html(
          renderPage({
            lang: pluginConfig.defaultLocale,
            paragraphs: [t('subscription.accepted')],
            title: t('subscription.manage.title'),
          }),
          202,
        )
      : json({ message: t('subscription.accepted') }, 202)
  }
}

/** What we hold about a subscriber and what we sent them (the right of access). */
async function exportData(ctx: SubscriptionContext, payload: Payload, subscriber: SubscriberDoc) {
  // At depth 1, each delivery's notice comes populated.
  const deliveries = await findDocs<{ notice?: NoticeDoc | null } & Omit<DeliveryDoc, 'notice'>>(
    payload,
    {
      collection: ctx.pluginConfig.deliveriesSlug,
      depth: 1,
      limit: 0,
      overrideAccess: true,
      pagination: false,
      // Only this subscriber's rows: an audience recipient (another collection) may have the same ID.
      where: {
        and: [
          { subscriber: { equals: String(subscriber.id) } },
          {
            or: [
              { source: { exists: false } },
              { source: { equals: ctx.pluginConfig.subscribersSlug } },
            ],
          },
        ],
      },
    },
  )
  return {
    deliveries: deliveries.map((d) => ({
      attempts: d.attempts ?? 0,
      document: d.notice?.documentKey ?? null,
      kind: d.notice?.kind ?? null,
      locale: d.locale,
      // Proof of delivery (issue 14): the hash of the message as sent and the server's answer.
      contentHash: d.contentHash ?? null,
      messageId: d.messageId ?? null,
      sentAt: d.sentAt ?? null,
      smtpResponse: d.smtpResponse ?? null,
      status: d.status,
      version: d.releaseVersion ?? d.notice?.version ?? null,
    })),
    // Issue 14: documents whose change notices this address declined as an account holder.
    suppressions: await suppressionsFor(payload, ctx.pluginConfig, subscriber.email),
    subscriber: {
      confirmedAt: subscriber.confirmedAt ?? null,
      createdAt: subscriber.createdAt,
      documents: subscriber.documents ?? [],
      email: subscriber.email,
      locale: subscriber.locale,
      requestedAt: subscriber.requestedAt ?? null,
      status: subscriber.status,
      unsubscribedAt: subscriber.unsubscribedAt ?? null,
    },
  }
}

async function managePage(
  ctx: SubscriptionContext,
  req: PayloadRequest,
  subscriber: SubscriberDoc,
  notice?: string,
) {
  const { pluginConfig } = ctx
  const lang = pickLocale(subscriber.locale, pluginConfig.locales, pluginConfig.defaultLocale)
  const t = getTranslator(lang)
  const data = await exportData(ctx, req.payload, subscriber)
  const action = ctx.selfUrl(req, 'me')
  return html(
    renderPage({
      forms: [
        {
          action,
          button: t('subscription.manage.localeSave'),
          fields: { action: 'locale' },
          select: {
            label: t('subscription.manage.locale'),
            name: 'locale',
            options: pluginConfig.locales.map((code) => ({
              label: code,
              selected: code === subscriber.locale,
              value: code,
            })),
          },
        },
        {
          action,
          button: t('subscription.manage.erase'),
          danger: true,
          fields: { action: 'erase' },
        },
      ],
      lang,
      paragraphs: [...(notice ? [notice] : []), t('subscription.manage.eraseLead')],
      rows: [
        [t('subscription.manage.email'), subscriber.email],
        [t('subscription.manage.status'), t(`subscription.status.${subscriber.status}`)],
        [t('subscription.manage.documents'), (subscriber.documents ?? []).join(', ')],
        [
          t('subscription.manage.sent'),
          String(data.deliveries.filter((d) => d.status === 'sent').length),
        ],
      ],
      links: [{ href: `${action}&format=json`, label: t('subscription.manage.export') }],
      title: t('subscription.manage.title'),
    }),
  )
}

/**
 * `…/subscriptions/me?token=…`: the data-rights page. GET shows (or, as JSON, exports) what we
 * hold; POST corrects the locale or erases the subscriber.
 */
export function meHandler(ctx: SubscriptionContext, method: 'get' | 'post'): PayloadHandler {
  const { pluginConfig, slug } = ctx
  return async (req) => {
    const found = await ctx.holderOf(req, 'manage')
    if (!found) {
      return ctx.invalidLink(req)
    }
    const { subscriber } = found
    if (method === 'get') {
      return wantsJson(req)
        ? json(await exportData(ctx, req.payload, subscriber))
        : managePage(ctx, req, subscriber)
    }
    const { values } = await readBody(req)
    const lang = pickLocale(subscriber.locale, pluginConfig.locales, pluginConfig.defaultLocale)
    if (values.action === 'erase') {
      // Erasure: the row goes, and with it the key every link was bound to. Delivery records keep
      // only an opaque ID and the outcome (see forgetDeliveries), no personal data.
      await withBusyRetry(() =>
        req.payload.delete({ id: subscriber.id, collection: slug, overrideAccess: true }),
      )
      // Issue 14: the address's suppression entries (declined notices as an account holder) go too.
      await withBusyRetry(() => eraseSuppressions(req.payload, pluginConfig, subscriber.email))
      const message = getTranslator(lang)('subscription.manage.erased')
      return wantsJson(req)
        ? json({ message, status: 'erased' })
        : html(
            renderPage({
              lang,
              paragraphs: [message],
              title: getTranslator(lang)('subscription.manage.title'),
            }),
          )
    }
    if (values.action === 'locale') {
      const locale = parseLocale(
        typeof values.locale === 'string' ? values.locale : undefined,
        pluginConfig.locales,
        subscriber.locale,
      )
      const updated = await withBusyRetry(() =>
        updateDocByID<SubscriberDoc>(req.payload, {
          id: subscriber.id,
          collection: slug,
          data: { locale },
          depth: 0,
          overrideAccess: true,
        }),
      )
      const message = getTranslator(locale)('subscription.manage.localeChanged', { locale })
      return wantsJson(req) ? json({ locale, message }) : managePage(ctx, req, updated, message)
    }
    throw new BadRequest('"action" must be "locale" or "erase".')
  }
}
