import type { Endpoint, PayloadHandler, PayloadRequest } from 'payload'

import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'

import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'

import { getTranslator } from '../../src/i18n/index.js'
import { pickLocale, renderConfirmationEmail, renderManageEmail } from '../../src/notices/index.js'
import { renderPage } from '../../src/subscriptions/renderPage.js'
import { constantTimeEqual, createToken, hashNonce, newNonce, verifyToken } from '../../src/tokens/index.js'
import { getMailContext } from '../notices/mailContext.js'
import { subscriptionUrl } from '../notices/links.js'
import { answerWithError, toResponse } from '../read/httpAnswer.js'
import { BadRequest, parseDocumentKey, parseLocale } from '../read/params.js'
import { readBody } from '../read/readBody.js'

type Id = number | string
type Subscriber = {
  confirmNonceHash?: null | string
  confirmedAt?: null | string
  createdAt: string
  documents?: null | string[]
  email: string
  id: Id
  locale: string
  requestedAt?: null | string
  status: 'confirmed' | 'pending' | 'unsubscribed'
  unsubscribedAt?: null | string
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]{1,64}@[^\s@<>()[\]\\,;:"]{1,253}\.[^\s@<>()[\]\\,;:"]{2,63}$/

const html = (body: string, status = 200) =>
  new Response(body, { headers: { 'Cache-Control': 'no-store', 'Content-Type': 'text/html; charset=utf-8' }, status })

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { headers: { 'Cache-Control': 'no-store', 'Content-Type': 'application/json; charset=utf-8' }, status })

const wantsJson = (req: PayloadRequest) =>
  req.searchParams?.get('format') === 'json' || (req.headers.get('accept') ?? '').includes('application/json')

/** The client's address as the proxy in front reports it; only used as a rate-limit key. */
function clientKey(req: PayloadRequest): string {
  const forwarded = req.headers.get('x-forwarded-for')?.split(',')[0]?.trim()
  return forwarded || req.headers.get('x-real-ip') || 'unknown-client'
}

/**
 * Subscription endpoints: subscribe (double opt-in), confirm, one-click unsubscribe, and the
 * data-rights page (export, locale correction, erasure) reached only through an e-mailed link.
 * GETs of e-mailed links only show a page with a button: link scanners prefetch GETs.
 */
export function getSubscriptionEndpoints(pluginConfig: SanitizedPolicyDocumentsPluginConfig): Endpoint[] {
  const base = `${pluginConfig.publicPath}/subscriptions`
  const perClient = new RateLimiterMemory({ duration: 3600, keyPrefix: 'client', points: pluginConfig.subscriptions.perClientPerHour })
  const perAddress = new RateLimiterMemory({ duration: 3600, keyPrefix: 'address', points: pluginConfig.subscriptions.perAddressPerHour })
  const slug = pluginConfig.subscribersSlug

  const guard =
    (handler: PayloadHandler): PayloadHandler =>
    async (req) => {
      try {
        return await handler(req)
      } catch (error) {
        if (error instanceof BadRequest) {
          return toResponse(answerWithError(error.status, error.message))
        }
        if (error instanceof RateLimiterRes) {
          const response = toResponse(answerWithError(429, getTranslator(pluginConfig.defaultLocale)('subscription.rateLimited')))
          response.headers.set('Retry-After', String(Math.ceil(error.msBeforeNext / 1000)))
          return response
        }
        req.payload.logger.error({ err: error, msg: '[policy-documents] subscription endpoint failed' })
        return toResponse(answerWithError(503, 'The subscription service is unavailable right now. Try again shortly.'))
      }
    }

  const limit = async (req: PayloadRequest, email: string) => {
    await perClient.consume(clientKey(req))
    await perAddress.consume(email)
  }

  const documentTitles = async (req: PayloadRequest, keys: string[], locale: string): Promise<string> => {
    const { docs } = await req.payload.find({
      collection: pluginConfig.documentsSlug,
      depth: 0,
      locale,
      overrideAccess: true,
      pagination: false,
      select: { key: true, title: true },
      where: { key: { in: keys } },
    })
    const titles = new Map(docs.map((doc) => [String((doc as { key?: string }).key), String((doc as { title?: string }).title ?? '')]))
    return keys.map((key) => titles.get(key) || key).join(', ')
  }

  /** Sends without holding up the answer, so known and unknown addresses answer alike. */
  const sendLater = (req: PayloadRequest, message: Parameters<PayloadRequest['payload']['sendEmail']>[0]) => {
    void Promise.resolve()
      .then(() => req.payload.sendEmail(message))
      .catch((error: unknown) => req.payload.logger.error({ err: error, msg: '[policy-documents] could not send a subscription e-mail' }))
  }

  /** The address from a request body, validated. */
  const emailFrom = (values: Record<string, unknown>): string => {
    const email = typeof values.email === 'string' ? values.email.trim().toLowerCase() : ''
    if (!EMAIL.test(email) || email.length > 254) {
      throw new BadRequest('Give a valid e-mail address in "email".')
    }
    return email
  }

  const findByEmail = async (req: PayloadRequest, email: string): Promise<Subscriber | undefined> => {
    const { docs } = await req.payload.find({
      collection: slug,
      depth: 0,
      limit: 1,
      overrideAccess: true,
      pagination: false,
      where: { email: { equals: email } },
    })
    return docs[0] as Subscriber | undefined
  }

  /** E-mails a subscriber the link to their data-rights page. */
  const sendManageLink = async (req: PayloadRequest, subscriber: Subscriber, lang: string, documents: string[]) => {
    const mail = getMailContext(req.payload, pluginConfig)
    const expiresAt = new Date(Date.now() + pluginConfig.subscriptions.manageLinkHours * 3600 * 1000)
    const message = renderManageEmail(
      {
        expiresAt: expiresAt.toISOString(),
        manageUrl: subscriptionUrl(pluginConfig, 'me', createToken({ expiresAt, purpose: 'manage', secret: mail.secret, subject: String(subscriber.id) })),
        siteName: pluginConfig.siteName,
        timeZone: pluginConfig.timeZone,
        title: await documentTitles(req, documents, lang),
      },
      lang,
      pluginConfig.defaultLocale,
    )
    sendLater(req, { from: { address: mail.fromAddress, name: mail.fromName }, html: message.html, subject: message.subject, text: message.text, to: subscriber.email })
  }

  const verify = async (req: PayloadRequest, purpose: 'confirm' | 'manage' | 'unsubscribe'): Promise<Subscriber | null> => {
    const mail = getMailContext(req.payload, pluginConfig)
    const result = verifyToken(req.searchParams?.get('token') ?? '', { purpose, secret: mail.secret })
    if (!result.ok) {
      return null
    }
    const { docs } = await req.payload.find({
      collection: slug,
      depth: 0,
      limit: 1,
      overrideAccess: true,
      pagination: false,
      where: { id: { equals: result.subject } },
    })
    const subscriber = docs[0] as Subscriber | undefined
    if (!subscriber) {
      return null
    }
    if (purpose === 'confirm') {
      // Single use: only the nonce of the latest link, not yet used, is accepted.
      const expected = subscriber.confirmNonceHash ?? ''
      if (!expected || !constantTimeEqual(expected, hashNonce(result.nonce, mail.secret))) {
        return null
      }
    }
    return subscriber
  }

  const invalidLink = (req: PayloadRequest) => {
    const locale = pluginConfig.defaultLocale
    const t = getTranslator(locale)
    return wantsJson(req)
      ? json({ errors: [{ message: t('subscription.invalidLink') }] }, 400)
      : html(renderPage({ lang: locale, paragraphs: [t('subscription.invalidLink')], title: t('subscription.confirm.title') }), 400)
  }

  const selfUrl = (req: PayloadRequest, path: string) =>
    `${pluginConfig.apiRoute}${base}/${path}?token=${encodeURIComponent(req.searchParams?.get('token') ?? '')}`

  const subscribe: PayloadHandler = async (req) => {
    const { form, values } = await readBody(req)
    const email = emailFrom(values)
    const locale = parseLocale(typeof values.locale === 'string' ? values.locale : undefined, pluginConfig.locales, pluginConfig.defaultLocale)
    const rawDocuments = values.documents ?? values.document
    const list = (Array.isArray(rawDocuments) ? rawDocuments : [rawDocuments]).filter((value) => value !== undefined && value !== '')
    if (list.length === 0 || list.length > 20) {
      throw new BadRequest('Name the policy documents to follow in "documents", e.g. ["privacy"].')
    }
    const documents = [...new Set(list.map((value) => parseDocumentKey(value)))]
    const { totalDocs } = await req.payload.count({
      collection: pluginConfig.documentsSlug,
      overrideAccess: true,
      where: { key: { in: documents } },
    })
    if (totalDocs !== documents.length) {
      throw new BadRequest(`Unknown policy document in "documents": ${documents.join(', ')}.`)
    }
    await limit(req, email)

    const mail = getMailContext(req.payload, pluginConfig)
    const existing = await findByEmail(req, email)
    const nonce = newNonce()
    const now = new Date()
    const expiresAt = new Date(now.getTime() + pluginConfig.subscriptions.confirmLinkHours * 3600 * 1000)
    const alreadyAll = existing?.status === 'confirmed' && documents.every((key) => existing.documents?.includes(key))
    let subscriber: Subscriber
    if (!existing) {
      subscriber = (await req.payload.create({
        collection: slug,
        data: { confirmNonceHash: hashNonce(nonce, mail.secret), documents, email, locale, requestedAt: now.toISOString(), status: 'pending' },
        depth: 0,
        overrideAccess: true,
      })) as unknown as Subscriber
    } else {
      // A confirmed subscriber keeps receiving what they confirmed; newly requested documents wait
      // for the new link. Anything else restarts the opt-in.
      const confirmed = existing.status === 'confirmed'
      subscriber = (await req.payload.update({
        id: existing.id,
        collection: slug,
        data: {
          confirmNonceHash: alreadyAll ? existing.confirmNonceHash ?? null : hashNonce(nonce, mail.secret),
          requestedAt: now.toISOString(),
          ...(confirmed ? {} : { documents, locale, status: 'pending' }),
        },
        depth: 0,
        overrideAccess: true,
      })) as unknown as Subscriber
    }
    const lang = pickLocale(existing?.status === 'confirmed' ? existing.locale : locale, pluginConfig.locales, pluginConfig.defaultLocale)
    if (alreadyAll) {
      // Already subscribed to all of it: send the manage link instead, so the answer stays the same.
      await sendManageLink(req, subscriber, lang, documents)
    } else {
      const message = renderConfirmationEmail(
        {
          confirmUrl:
            subscriptionUrl(pluginConfig, 'confirm', createToken({ expiresAt, nonce, purpose: 'confirm', secret: mail.secret, subject: String(subscriber.id) })) +
            `&documents=${encodeURIComponent(documents.join(','))}`,
          expiresAt: expiresAt.toISOString(),
          siteName: pluginConfig.siteName,
          timeZone: pluginConfig.timeZone,
          title: await documentTitles(req, documents, lang),
        },
        lang,
        pluginConfig.defaultLocale,
      )
      sendLater(req, { from: { address: mail.fromAddress, name: mail.fromName }, html: message.html, subject: message.subject, text: message.text, to: email })
    }
    const t = getTranslator(locale)
    return form
      ? html(renderPage({ lang: locale, paragraphs: [t('subscription.accepted')], title: t('subscription.confirm.title') }), 202)
      : json({ message: t('subscription.accepted') }, 202)
  }

  const confirm =
    (method: 'get' | 'post'): PayloadHandler =>
    async (req) => {
      const subscriber = await verify(req, 'confirm')
      if (!subscriber) {
        return invalidLink(req)
      }
      const requested = (req.searchParams?.get('documents') ?? '')
        .split(',')
        .filter((key) => /^[a-z0-9][a-z0-9-]{0,63}$/.test(key))
      const documents = [...new Set([...(subscriber.status === 'confirmed' ? subscriber.documents ?? [] : []), ...(requested.length ? requested : subscriber.documents ?? [])])]
      const lang = pickLocale(subscriber.locale, pluginConfig.locales, pluginConfig.defaultLocale)
      const t = getTranslator(lang)
      const titles = await documentTitles(req, documents, lang)
      if (method === 'get') {
        return html(
          renderPage({
            forms: [{ action: selfUrl(req, 'confirm') + `&documents=${encodeURIComponent(requested.join(','))}`, button: t('subscription.confirm.button') }],
            lang,
            paragraphs: [t('subscription.confirm.lead', { documents: titles })],
            title: t('subscription.confirm.title'),
          }),
        )
      }
      await req.payload.update({
        id: subscriber.id,
        collection: slug,
        data: { confirmedAt: new Date().toISOString(), confirmNonceHash: null, documents, status: 'confirmed', unsubscribedAt: null },
        depth: 0,
        overrideAccess: true,
      })
      const message = t('subscription.confirm.done', { documents: titles })
      return wantsJson(req) ? json({ message, status: 'confirmed' }) : html(renderPage({ lang, paragraphs: [message], title: t('subscription.confirm.title') }))
    }

  const unsubscribe =
    (method: 'get' | 'post'): PayloadHandler =>
    async (req) => {
      const subscriber = await verify(req, 'unsubscribe')
      const mail = getMailContext(req.payload, pluginConfig)
      const tokenOk = verifyToken(req.searchParams?.get('token') ?? '', { purpose: 'unsubscribe', secret: mail.secret }).ok
      if (!tokenOk) {
        return invalidLink(req)
      }
      const lang = subscriber ? pickLocale(subscriber.locale, pluginConfig.locales, pluginConfig.defaultLocale) : pluginConfig.defaultLocale
      const t = getTranslator(lang)
      if (method === 'get' && subscriber?.status === 'confirmed') {
        const titles = await documentTitles(req, subscriber.documents ?? [], lang)
        return html(
          renderPage({
            forms: [{ action: selfUrl(req, 'unsubscribe'), button: t('subscription.unsubscribe.button'), fields: { 'List-Unsubscribe': 'One-Click' } }],
            lang,
            paragraphs: [t('subscription.unsubscribe.lead', { documents: titles })],
            title: t('subscription.unsubscribe.title'),
          }),
        )
      }
      // Idempotent: a valid link for someone already unsubscribed (or erased) answers the same.
      if (method === 'post' && subscriber && subscriber.status !== 'unsubscribed') {
        await req.payload.update({
          id: subscriber.id,
          collection: slug,
          data: { confirmNonceHash: null, status: 'unsubscribed', unsubscribedAt: new Date().toISOString() },
          depth: 0,
          overrideAccess: true,
        })
      }
      const message = t('subscription.unsubscribe.done')
      return wantsJson(req) ? json({ message, status: 'unsubscribed' }) : html(renderPage({ lang, paragraphs: [message], title: t('subscription.unsubscribe.title') }))
    }

  const requestManageLink: PayloadHandler = async (req) => {
    const { form, values } = await readBody(req)
    const email = emailFrom(values)
    await limit(req, email)
    const subscriber = await findByEmail(req, email)
    if (subscriber) {
      await sendManageLink(req, subscriber, pickLocale(subscriber.locale, pluginConfig.locales, pluginConfig.defaultLocale), subscriber.documents ?? [])
    }
    const t = getTranslator(pluginConfig.defaultLocale)
    return form
      ? html(renderPage({ lang: pluginConfig.defaultLocale, paragraphs: [t('subscription.accepted')], title: t('subscription.manage.title') }), 202)
      : json({ message: t('subscription.accepted') }, 202)
  }

  /** What we hold about a subscriber and what we sent them (the right of access). */
  const exportData = async (req: PayloadRequest, subscriber: Subscriber) => {
    const { docs: deliveries } = await req.payload.find({
      collection: pluginConfig.deliveriesSlug,
      depth: 1,
      limit: 0,
      overrideAccess: true,
      pagination: false,
      where: { subscriber: { equals: String(subscriber.id) } },
    })
    return {
      deliveries: deliveries.map((delivery) => {
        const d = delivery as unknown as Record<string, unknown> & { notice?: { documentKey?: string; kind?: string; version?: string } }
        return {
          attempts: d.attempts ?? 0,
          document: d.notice?.documentKey ?? null,
          kind: d.notice?.kind ?? null,
          locale: d.locale,
          messageId: d.messageId ?? null,
          sentAt: d.sentAt ?? null,
          status: d.status,
          version: d.notice?.version ?? null,
        }
      }),
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

  const managePage = async (req: PayloadRequest, subscriber: Subscriber, notice?: string) => {
    const lang = pickLocale(subscriber.locale, pluginConfig.locales, pluginConfig.defaultLocale)
    const t = getTranslator(lang)
    const data = await exportData(req, subscriber)
    const action = selfUrl(req, 'me')
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
              options: pluginConfig.locales.map((code) => ({ label: code, selected: code === subscriber.locale, value: code })),
            },
          },
          { action, button: t('subscription.manage.erase'), danger: true, fields: { action: 'erase' } },
        ],
        lang,
        paragraphs: [...(notice ? [notice] : []), t('subscription.manage.eraseLead')],
        rows: [
          [t('subscription.manage.email'), subscriber.email],
          [t('subscription.manage.status'), t(`subscription.status.${subscriber.status}`)],
          [t('subscription.manage.documents'), (subscriber.documents ?? []).join(', ')],
          [t('subscription.manage.sent'), String(data.deliveries.filter((d) => d.status === 'sent').length)],
        ],
        links: [{ href: `${action}&format=json`, label: t('subscription.manage.export') }],
        title: t('subscription.manage.title'),
      }),
    )
  }

  const me =
    (method: 'get' | 'post'): PayloadHandler =>
    async (req) => {
      const subscriber = await verify(req, 'manage')
      if (!subscriber) {
        return invalidLink(req)
      }
      if (method === 'get') {
        return wantsJson(req) ? json(await exportData(req, subscriber)) : managePage(req, subscriber)
      }
      const { values } = await readBody(req)
      const lang = pickLocale(subscriber.locale, pluginConfig.locales, pluginConfig.defaultLocale)
      if (values.action === 'erase') {
        // Erasure: the subscriber record goes. Delivery records keep only the opaque ID and the
        // outcome, which is what proving "we told everyone" needs, and no personal data.
        await req.payload.delete({ id: subscriber.id, collection: slug, overrideAccess: true })
        const message = getTranslator(lang)('subscription.manage.erased')
        return wantsJson(req) ? json({ message, status: 'erased' }) : html(renderPage({ lang, paragraphs: [message], title: getTranslator(lang)('subscription.manage.title') }))
      }
      if (values.action === 'locale') {
        const locale = parseLocale(typeof values.locale === 'string' ? values.locale : undefined, pluginConfig.locales, subscriber.locale)
        const updated = (await req.payload.update({ id: subscriber.id, collection: slug, data: { locale }, depth: 0, overrideAccess: true })) as unknown as Subscriber
        const message = getTranslator(locale)('subscription.manage.localeChanged', { locale })
        return wantsJson(req) ? json({ locale, message }) : managePage(req, updated, message)
      }
      throw new BadRequest('"action" must be "locale" or "erase".')
    }

  return [
    { handler: guard(subscribe), method: 'post', path: base },
    { handler: guard(confirm('get')), method: 'get', path: `${base}/confirm` },
    { handler: guard(confirm('post')), method: 'post', path: `${base}/confirm` },
    { handler: guard(unsubscribe('get')), method: 'get', path: `${base}/unsubscribe` },
    { handler: guard(unsubscribe('post')), method: 'post', path: `${base}/unsubscribe` },
    { handler: guard(requestManageLink), method: 'post', path: `${base}/manage` },
    { handler: guard(me('get')), method: 'get', path: `${base}/me` },
    { handler: guard(me('post')), method: 'post', path: `${base}/me` },
  ]
}
