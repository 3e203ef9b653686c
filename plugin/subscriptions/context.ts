import type { Payload, PayloadHandler, PayloadRequest } from 'payload'

import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'

import type { TokenPurpose } from '../../src/tokens/index.js'
import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'

import { getTranslator } from '../../src/i18n/index.js'
import { renderManageEmail } from '../../src/notices/index.js'
import { ADDRESS_PROBLEMS, parseEmailAddress } from '../../src/subscriptions/address.js'
import { PAGE_STYLE, renderPage } from '../../src/subscriptions/renderPage.js'
import { clientAddressOf, compileTrustProxy } from '../http/clientAddress.js'
import { subscriptionCorsHeaders, subscriptionPreflightHeaders } from '../http/cors.js'
import { htmlSecurityHeaders, NOSNIFF_HEADERS } from '../http/securityHeaders.js'
import { subscriptionUrl } from '../notices/links.js'
import { getMailContext } from '../notices/mailContext.js'
import { answerWithError, toResponse } from '../read/httpAnswer.js'
import { BadRequest } from '../read/params.js'
import { ensureTokenKey, findTokenHolder, subscriberToken } from './subscriberTokens.js'

export type Id = number | string

/** A subscriber row as the plugin's flows read it (with access overridden). */
export type Subscriber = {
  confirmNonceHash?: null | string
  confirmedAt?: null | string
  createdAt: string
  documents?: null | string[]
  email: string
  id: Id
  locale: string
  requestedAt?: null | string
  status: 'confirmed' | 'pending' | 'unsubscribed'
  tokenKey?: null | string
  unsubscribedAt?: null | string
}

const PAGE_HEADERS = {
  'Cache-Control': 'no-store',
  'Content-Type': 'text/html; charset=utf-8',
  ...htmlSecurityHeaders({ inlineStyles: [PAGE_STYLE] }),
}
const JSON_HEADERS = {
  'Cache-Control': 'no-store',
  'Content-Type': 'application/json; charset=utf-8',
  ...NOSNIFF_HEADERS,
}

/** An HTML page answer with the page security headers. */
export const html = (body: string, status = 200) =>
  new Response(body, { headers: PAGE_HEADERS, status })

/** A JSON answer, never cached, never sniffed. */
export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { headers: JSON_HEADERS, status })

/** A JSON error in Payload's shape, with nosniff. */
export const errorResponse = (status: number, message: string) => {
  const response = toResponse(answerWithError(status, message))
  for (const [name, value] of Object.entries(NOSNIFF_HEADERS)) {
    response.headers.set(name, value)
  }
  return response
}

export const wantsJson = (req: PayloadRequest) =>
  req.searchParams?.get('format') === 'json' ||
  (req.headers.get('accept') ?? '').includes('application/json')

/** The validated, normalized address from a request body; a clear 400 otherwise. */
export function emailFrom(values: Record<string, unknown>): { address: string; mailbox: string } {
  const parsed = parseEmailAddress(values.email)
  if (!parsed.ok) {
    throw new BadRequest(ADDRESS_PROBLEMS[parsed.problem])
  }
  return parsed
}

// Work started after an answer was sent, per Payload instance, so tests (and shutdown) can wait for it.
const pendingWork = new WeakMap<Payload, Set<Promise<void>>>()

/** Resolves when every piece of subscription work started so far has finished. */
export async function settleSubscriptionWork(payload: Payload): Promise<void> {
  const pending = pendingWork.get(payload)
  while (pending && pending.size > 0) {
    await Promise.allSettled([...pending])
  }
}

/**
 * Everything the subscription handlers share: rate limits, token links, lookups, e-mail, and the
 * error guard. One instance per plugin configuration (the limiters live in it).
 */
export function createSubscriptionContext(pluginConfig: SanitizedPolicyDocumentsPluginConfig) {
  const base = `${pluginConfig.publicPath}/subscriptions`
  const slug = pluginConfig.subscribersSlug
  const trust = compileTrustProxy(pluginConfig.trustProxy)
  const perClient = new RateLimiterMemory({
    duration: 3600,
    keyPrefix: 'client',
    points: pluginConfig.subscriptions.perClientPerHour,
  })
  const perAddress = new RateLimiterMemory({
    duration: 3600,
    keyPrefix: 'mailbox',
    points: pluginConfig.subscriptions.perAddressPerHour,
  })
  let warnedUnknownClient = false
  // One queue per mailbox, so two requests for one address never race each other's writes.
  const mailboxQueues = new Map<string, Promise<void>>()

  // `cors.subscriptions`: allowed origins get their CORS headers, every answer says it varies by Origin.
  const allowedOrigins = { origins: pluginConfig.cors.subscriptions }
  const withCors = (req: PayloadRequest, response: Response): Response => {
    for (const [name, value] of Object.entries(
      subscriptionCorsHeaders(req.headers.get('origin'), allowedOrigins),
    )) {
      if (name === 'Vary') response.headers.append(name, value)
      else response.headers.set(name, value)
    }
    return response
  }
  /** `OPTIONS` on a subscription path: the CORS preflight, allowed only for `cors.subscriptions` origins. */
  const preflight: PayloadHandler = (req) =>
    Promise.resolve(
      new Response(null, {
        headers: subscriptionPreflightHeaders(req.headers.get('origin'), allowedOrigins),
        status: 204,
      }),
    )

  const guard =
    (handler: PayloadHandler): PayloadHandler =>
    async (req) =>
      withCors(req, await guarded(handler, req))

  const guarded = async (handler: PayloadHandler, req: PayloadRequest): Promise<Response> => {
    try {
      return await handler(req)
    } catch (error) {
      if (error instanceof BadRequest) {
        return errorResponse(error.status, error.message)
      }
      if (error instanceof RateLimiterRes) {
        const response = errorResponse(
          429,
          getTranslator(pluginConfig.defaultLocale)('subscription.rateLimited'),
        )
        response.headers.set('Retry-After', String(Math.ceil(error.msBeforeNext / 1000)))
        return response
      }
      req.payload.logger.error({
        err: error,
        msg: '[policy-documents] subscription endpoint failed',
      })
      return errorResponse(
        503,
        'The subscription service is unavailable right now. Try again shortly.',
      )
    }
  }

  /**
   * Counts a request against the client's and the mailbox's hourly limits (throws RateLimiterRes).
   * The client is the socket peer, or the address a trusted proxy reports; when neither is known
   * (Next.js without `trustProxy`) only the per-mailbox limit applies, never a bucket shared by all.
   */
  const limit = async (req: PayloadRequest, mailbox: string) => {
    const client = clientAddressOf(req, trust)
    if (client) {
      await perClient.consume(client)
    } else if (!warnedUnknownClient) {
      warnedUnknownClient = true
      req.payload.logger.warn(
        '[policy-documents] the client address of subscription requests is unknown (no socket address and no trusted proxy); only the per-mailbox rate limit applies. Set the trustProxy option when a proxy is in front.',
      )
    }
    await perAddress.consume(mailbox)
  }

  /**
   * Runs `work` after the answer has gone out, one at a time per mailbox. The answer is then the
   * same, and as fast, whether or not the address is known. Failures are logged, never surfaced.
   */
  const afterAnswer = (
    req: PayloadRequest,
    mailbox: string,
    what: string,
    work: () => Promise<void>,
  ) => {
    const payload = req.payload
    let pending = pendingWork.get(payload)
    if (!pending) {
      pending = new Set()
      pendingWork.set(payload, pending)
    }
    const previous = mailboxQueues.get(mailbox) ?? Promise.resolve()
    const task: Promise<void> = previous
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(work)
      .catch((error: unknown) =>
        payload.logger.error({
          err: error,
          msg: `[policy-documents] ${what} failed after answering`,
        }),
      )
      .finally(() => {
        pending.delete(task)
        if (mailboxQueues.get(mailbox) === task) {
          mailboxQueues.delete(mailbox)
        }
      })
    pending.add(task)
    mailboxQueues.set(mailbox, task)
  }

  const documentTitles = async (
    payload: Payload,
    keys: string[],
    locale: string,
  ): Promise<string> => {
    if (keys.length === 0) {
      return ''
    }
    const { docs } = await payload.find({
      collection: pluginConfig.documentsSlug,
      depth: 0,
      locale,
      overrideAccess: true,
      pagination: false,
      select: { key: true, title: true },
      where: { key: { in: keys } },
    })
    const titles = new Map(
      docs.map((doc) => [
        String((doc as { key?: string }).key),
        String((doc as { title?: string }).title ?? ''),
      ]),
    )
    return keys.map((key) => titles.get(key) || key).join(', ')
  }

  /** Of `keys`, those naming a policy document that exists, in the given order. */
  const existingDocumentKeys = async (payload: Payload, keys: string[]): Promise<string[]> => {
    if (keys.length === 0) {
      return []
    }
    const { docs } = await payload.find({
      collection: pluginConfig.documentsSlug,
      depth: 0,
      overrideAccess: true,
      pagination: false,
      select: { key: true },
      where: { key: { in: keys } },
    })
    const found = new Set(docs.map((doc) => String((doc as { key?: string }).key)))
    return keys.filter((key) => found.has(key))
  }

  const findByEmail = async (payload: Payload, email: string): Promise<Subscriber | undefined> => {
    const { docs } = await payload.find({
      collection: slug,
      depth: 0,
      limit: 1,
      overrideAccess: true,
      pagination: false,
      where: { email: { equals: email } },
    })
    return docs[0] as unknown as Subscriber | undefined
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
    subscriber: Subscriber,
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
    subscriber: Subscriber,
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
        title: await documentTitles(payload, documents, lang),
      },
      lang,
      pluginConfig.defaultLocale,
    )
    await sendMail(payload, subscriber.email, message)
  }

  /** The subscriber a request's `token` was issued to, or null (bad, expired, erased, replaced). */
  const holderOf = (req: PayloadRequest, purpose: TokenPurpose) =>
    findTokenHolder<Subscriber>(req.payload, pluginConfig, req.searchParams?.get('token') ?? '', {
      purpose,
      secret: getMailContext(req.payload, pluginConfig).secret,
    })

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
    afterAnswer,
    base,
    documentTitles,
    existingDocumentKeys,
    findByEmail,
    guard,
    holderOf,
    preflight,
    invalidLink,
    limit,
    linkFor,
    pluginConfig,
    selfUrl,
    sendMail,
    sendManageLink,
    slug,
  }
}

export type SubscriptionContext = ReturnType<typeof createSubscriptionContext>
