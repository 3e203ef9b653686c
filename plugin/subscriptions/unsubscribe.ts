import type { PayloadHandler } from 'payload'

import type { SubscriptionContext } from './context.js'

import { getTranslator } from '../../src/i18n/index.js'
import { pickLocale } from '../../src/notices/index.js'
import { renderPage } from '../../src/subscriptions/renderPage.js'
import { withBusyRetry } from '../utilities/withBusyRetry.js'
import { html, json, wantsJson } from './answers.js'

/**
 * `…/subscriptions/unsubscribe?token=…`: RFC 8058 one-click unsubscribe. A GET shows a button; the
 * POST unsubscribes, and answers the same when repeated. A link of an erased subscriber is invalid.
 */
export function unsubscribeHandler(
  ctx: SubscriptionContext,
  method: 'get' | 'post',
): PayloadHandler {
  const { pluginConfig, slug } = ctx
  return async (req) => {
    const found = await ctx.holderOf(req, 'unsubscribe')
    if (!found) {
      return ctx.invalidLink(req)
    }
    const { subscriber } = found
    const lang = pickLocale(subscriber.locale, pluginConfig.locales, pluginConfig.defaultLocale)
    const t = getTranslator(lang)
    if (method === 'get' && subscriber.status === 'confirmed') {
      const titles = await ctx.documentTitles(req.payload, subscriber.documents ?? [], lang)
      return html(
        renderPage({
          forms: [
            {
              action: ctx.selfUrl(req, 'unsubscribe'),
              button: t('subscription.unsubscribe.button'),
              fields: { 'List-Unsubscribe': 'One-Click' },
            },
          ],
          lang,
          paragraphs: [t('subscription.unsubscribe.lead', { documents: titles })],
          title: t('subscription.unsubscribe.title'),
        }),
      )
    }
    if (method === 'post' && subscriber.status !== 'unsubscribed') {
      await withBusyRetry(() =>
        req.payload.update({
          id: subscriber.id,
          collection: slug,
          data: {
            confirmNonceHash: null,
            status: 'unsubscribed',
            unsubscribedAt: new Date().toISOString(),
          },
          depth: 0,
          overrideAccess: true,
        }),
      )
    }
    const message = t('subscription.unsubscribe.done')
    return wantsJson(req)
      ? json({ message, status: 'unsubscribed' })
      : html(
          renderPage({ lang, paragraphs: [message], title: t('subscription.unsubscribe.title') }),
        )
  }
}
