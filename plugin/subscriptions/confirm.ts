import type { PayloadHandler } from 'payload'

import type { SubscriptionContext } from './context.js'

import { isDocumentKey } from '../../src/documentKey.js'
import { getTranslator } from '../../src/i18n/index.js'
import { pickLocale } from '../../src/notices/index.js'
import { renderPage } from '../../src/subscriptions/renderPage.js'
import { constantTimeEqual } from '../../src/tokens/index.js'
import { getMailContext } from '../notices/mailContext.js'
import { withBusyRetry } from '../utilities/withBusyRetry.js'
import { html, json, wantsJson } from './answers.js'
import { confirmationHash } from './confirmationHash.js'

/**
 * `…/subscriptions/confirm?token=…&documents=…`: a GET shows a page with a button (link scanners
 * prefetch GETs), the POST confirms. The link is single use: only the latest link's nonce, with
 * exactly the documents it was issued for, matches the row's stored hash.
 */
export function confirmHandler(ctx: SubscriptionContext, method: 'get' | 'post'): PayloadHandler {
  const { pluginConfig, slug } = ctx
  return async (req) => {
    const found = await ctx.holderOf(req, 'confirm')
    const requested = (req.searchParams?.get('documents') ?? '').split(',').filter(Boolean)
    const secret = getMailContext(req.payload, pluginConfig).secret
    const expected = found?.subscriber.confirmNonceHash ?? ''
    if (
      !found ||
      !requested.every(isDocumentKey) ||
      !expected ||
      !constantTimeEqual(expected, confirmationHash(found.nonce, requested, secret))
    ) {
      return ctx.invalidLink(req)
    }
    const { subscriber } = found
    // Only keys of documents that still exist are stored.
    const confirmedBefore = subscriber.status === 'confirmed' ? (subscriber.documents ?? []) : []
    const documents = await ctx.existingDocumentKeys(req.payload, [
      ...new Set([...confirmedBefore, ...requested]),
    ])
    const lang = pickLocale(subscriber.locale, pluginConfig.locales, pluginConfig.defaultLocale)
    const t = getTranslator(lang)
    const titles = await ctx.documentTitles(req.payload, documents, lang)
    if (method === 'get') {
      return html(
        renderPage({
          forms: [
            {
              action:
                ctx.selfUrl(req, 'confirm') +
                `&documents=${encodeURIComponent(requested.join(','))}`,
              button: t('subscription.confirm.button'),
            },
          ],
          lang,
          paragraphs: [t('subscription.confirm.lead', { documents: titles })],
          title: t('subscription.confirm.title'),
        }),
      )
    }
    await withBusyRetry(() =>
      req.payload.update({
        id: subscriber.id,
        collection: slug,
        data: {
          confirmedAt: new Date().toISOString(),
          confirmNonceHash: null,
          documents,
          status: 'confirmed',
          unsubscribedAt: null,
        },
        depth: 0,
        overrideAccess: true,
      }),
    )
    const message = t('subscription.confirm.done', { documents: titles })
    return wantsJson(req)
      ? json({ message, status: 'confirmed' })
      : html(renderPage({ lang, paragraphs: [message], title: t('subscription.confirm.title') }))
  }
}
