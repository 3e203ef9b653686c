import type { Endpoint, PayloadHandler } from 'payload'

import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'

import { getTranslator } from '../../src/i18n/index.js'
import { renderPage } from '../../src/subscriptions/renderPage.js'
import { suppressFromToken } from '../notices/audiences.js'
import { getMailContext } from '../notices/mailContext.js'

const html = (body: string, status = 200) =>
  new Response(body, {
    headers: { 'Cache-Control': 'no-store', 'Content-Type': 'text/html; charset=utf-8' },
    status,
  })

/**
 * One-click unsubscribe (RFC 8058) for audience recipients (`notices.audiences`), who have no
 * subscriber record: `POST {publicPath}/notices/unsubscribe?token=…` puts the address on the
 * document's suppression list; `GET` only shows a page with the button (link scanners prefetch GETs).
 */
export function getNoticeUnsubscribeEndpoints(
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
): Endpoint[] {
  const path = `${pluginConfig.publicPath}/notices/unsubscribe`
  const t = getTranslator(pluginConfig.defaultLocale)
  const lang = pluginConfig.defaultLocale
  const show: PayloadHandler = (req) => {
    const token = req.searchParams?.get('token') ?? ''
    return html(
      renderPage({
        forms: [
          {
            action: `${pluginConfig.apiRoute}${path}?token=${encodeURIComponent(token)}`,
            button: t('subscription.unsubscribe.title'),
          },
        ],
        lang,
        paragraphs: [],
        title: t('subscription.unsubscribe.title'),
      }),
    )
  }
  const unsubscribe: PayloadHandler = async (req) => {
    const ok = await suppressFromToken(
      req.payload,
      pluginConfig,
      getMailContext(req.payload, pluginConfig).secret,
      req.searchParams?.get('token'),
    )
    if (!ok) {
      return html(
        renderPage({
          lang,
          paragraphs: [t('subscription.invalidLink')],
          title: t('subscription.unsubscribe.title'),
        }),
        400,
      )
    }
    return html(
      renderPage({
        lang,
        paragraphs: [t('subscription.unsubscribe.done')],
        title: t('subscription.unsubscribe.title'),
      }),
    )
  }
  return [
    { handler: show, method: 'get', path },
    { handler: unsubscribe, method: 'post', path },
  ]
}
