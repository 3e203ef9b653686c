import type { Config } from 'payload'

import type { PolicyDocumentsPluginConfig, SanitizedPolicyDocumentsPluginConfig } from './types.js'

import {
  URL_TEMPLATE_PLACEHOLDERS,
  urlTemplatePlaceholders,
} from '../src/notices/fillUrlTemplate.js'
import { defaults, LOG_PREFIX } from './defaults.js'
import { compileTrustProxy } from './http/clientAddress.js'
import { normalizeOrigins } from './http/cors.js'
import { memoryRateLimiter } from './subscriptions/rateLimits.js'

const SLUG_PATTERN = /^[a-z][a-z0-9-]*$/

/** Whether Intl knows `zone` (an IANA name such as "Europe/Copenhagen", or "UTC"). */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/** `options` without its undefined entries, so `{ perClientPerHour: undefined }` keeps the default. */
function defined<T extends object>(options: T | undefined): Partial<T> {
  return Object.fromEntries(
    Object.entries(options ?? {}).filter(([, value]) => value !== undefined),
  ) as Partial<T>
}

/** Applies defaults and checks option combinations; throws at init with the option name and the fix. */
export function sanitizeConfig(
  options: PolicyDocumentsPluginConfig,
  config: Config,
): SanitizedPolicyDocumentsPluginConfig {
  const hostLocales = config.localization
    ? config.localization.locales.map((locale) =>
        typeof locale === 'string' ? locale : locale.code,
      )
    : []
  if (!config.localization) {
    throw new Error(
      `${LOG_PREFIX} the host config has no \`localization\`. Policy documents are localized: add e.g. localization: { locales: ['da', 'en'], defaultLocale: 'da' }.`,
    )
  }
  const locales = options.locales ?? hostLocales
  const unknown = locales.filter((locale) => !hostLocales.includes(locale))
  if (unknown.length > 0 || locales.length === 0) {
    throw new Error(
      `${LOG_PREFIX} \`locales\` must be a non-empty subset of the host's localization locales (${hostLocales.join(', ')}); got ${JSON.stringify(locales)}.`,
    )
  }
  const documentsSlug = options.documentsSlug ?? defaults.documentsSlug
  const releasesSlug = options.releasesSlug ?? defaults.releasesSlug
  for (const [name, slug] of [
    ['documentsSlug', documentsSlug],
    ['releasesSlug', releasesSlug],
  ] as const) {
    if (!SLUG_PATTERN.test(slug)) {
      throw new Error(
        `${LOG_PREFIX} \`${name}\` must be lowercase letters, digits and dashes; got "${slug}".`,
      )
    }
  }
  const publicPath = options.publicPath ?? defaults.publicPath
  if (!/^\/[a-z0-9-]+$/.test(publicPath)) {
    throw new Error(`${LOG_PREFIX} \`publicPath\` must look like "/policies"; got "${publicPath}".`)
  }
  const cache = { ...defaults.cache, ...defined(options.cache) }
  for (const [name, value] of Object.entries(cache)) {
    if (!Number.isFinite(value) || value < 0) {
      throw new Error(
        `${LOG_PREFIX} \`cache.${name}\` must be a number of seconds ≥ 0; got ${String(value)}.`,
      )
    }
  }
  const notices = {
    ...defaults.notices,
    maxPerSecond: null,
    sender: null,
    unsubscribeMailto: null,
    ...defined(options.notices),
    smtp: options.notices?.smtp ? { maxConnections: 5, ...options.notices.smtp } : null,
    audiences: sanitizeAudiences(options.notices?.audiences ?? [], config),
  }
  const subscriptions = {
    ...defaults.subscriptions,
    rateLimiter: memoryRateLimiter,
    ...defined(options.subscriptions),
  }
  if (typeof subscriptions.rateLimiter !== 'function') {
    throw new Error(
      `${LOG_PREFIX} \`subscriptions.rateLimiter\` must be a function that returns a rate limiter, e.g. (limit) => new RateLimiterRedis({ ...limit, storeClient }).`,
    )
  }
  for (const [name, value] of [...Object.entries(notices), ...Object.entries(subscriptions)]) {
    if (typeof value === 'number' && (!Number.isFinite(value) || value <= 0)) {
      throw new Error(`${LOG_PREFIX} \`${name}\` must be a positive number; got ${String(value)}.`)
    }
  }
  if (options.banner?.days !== undefined && !(options.banner.days >= 0)) {
    throw new Error(
      `${LOG_PREFIX} \`banner.days\` must be a number of days ≥ 0; got ${String(options.banner.days)}.`,
    )
  }
  if (
    options.publication?.completeness !== undefined &&
    !['block', 'warn'].includes(options.publication.completeness)
  ) {
    throw new Error(
      `${LOG_PREFIX} \`publication.completeness\` must be 'warn' or 'block'; got ${JSON.stringify(options.publication.completeness)}.`,
    )
  }
  if (
    options.publication?.minNoticeDays !== undefined &&
    !(options.publication.minNoticeDays >= 0)
  ) {
    throw new Error(
      `${LOG_PREFIX} \`publication.minNoticeDays\` must be a number of days ≥ 0; got ${String(options.publication.minNoticeDays)}.`,
    )
  }
  if (options.diff?.budgetMs !== undefined && !(options.diff.budgetMs > 0)) {
    throw new Error(
      `${LOG_PREFIX} \`diff.budgetMs\` must be a positive number of milliseconds; got ${String(options.diff.budgetMs)}.`,
    )
  }
  if (options.secret !== undefined && Buffer.byteLength(options.secret) < 32) {
    throw new Error(
      `${LOG_PREFIX} \`secret\` must be at least 32 bytes; leave it out to derive one from Payload's secret.`,
    )
  }
  const trustProxy = options.trustProxy ?? false
  try {
    compileTrustProxy(trustProxy)
  } catch (error) {
    throw new Error(
      `${LOG_PREFIX} \`trustProxy\` must be false, a hop count, true, or a list of addresses/CIDR ranges; ${(error as Error).message}.`,
      { cause: error },
    )
  }
  const corsOrigins = normalizeOrigins(options.cors?.subscriptions)
  if ('error' in corsOrigins) {
    throw new Error(`${LOG_PREFIX} ${corsOrigins.error}`)
  }
  const siteUrl = (options.urls?.siteUrl ?? config.serverURL ?? 'http://localhost:3000').replace(
    /\/+$/,
    '',
  )
  // `{siteUrl}` is known at init; the other placeholders are filled per request.
  const withSite = (template: string) => template.replaceAll('{siteUrl}', siteUrl)
  for (const name of ['compare', 'release', 'statement'] as const) {
    const template = options.urls?.[name]
    const unknownPlaceholders = template
      ? urlTemplatePlaceholders(withSite(template)).filter(
          (placeholder) => !URL_TEMPLATE_PLACEHOLDERS.includes(placeholder),
        )
      : []
    if (unknownPlaceholders.length > 0) {
      throw new Error(
        `${LOG_PREFIX} \`urls.${name}\` uses unknown placeholder(s) ${unknownPlaceholders.map((p) => `{${p}}`).join(', ')}; the known ones are {siteUrl}, ${URL_TEMPLATE_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}.`,
      )
    }
  }
  if (options.timeZone !== undefined && !isTimeZone(options.timeZone)) {
    throw new Error(
      `${LOG_PREFIX} \`timeZone\` must be an IANA time zone such as "Europe/Copenhagen"; got ${JSON.stringify(options.timeZone)}.`,
    )
  }
  const apiRoute = config.routes?.api ?? '/api'
  return {
    apiRoute,
    banner: { days: options.banner?.days ?? 30 },
    cache,
    claimsSlug: defaults.claimsSlug,
    cors: { public: options.cors?.public ?? true, subscriptions: corsOrigins.origins },
    defaultLocale: config.localization.defaultLocale,
    deliveriesSlug: defaults.deliveriesSlug,
    diff: { budgetMs: options.diff?.budgetMs ?? 2000 },
    documentsOverrides: options.documentsOverrides ?? {},
    documentsSlug,
    enabled: options.enabled ?? true,
    eventsSlug: defaults.eventsSlug,
    locales,
    materiality: { thresholds: options.materiality?.thresholds ?? {} },
    notices,
    noticesSlug: defaults.noticesSlug,
    completeness: {
      patterns: options.completeness?.patterns ?? {},
      public: options.completeness?.public === true,
    },
    publication: {
      completeness: options.publication?.completeness ?? 'warn',
      minNoticeDays: options.publication?.minNoticeDays ?? 30,
    },
    publicPath,
    releasesSlug,
    secret: options.secret ?? null,
    trustProxy,
    serverApiUrl: `${(config.serverURL ?? siteUrl).replace(/\/+$/, '')}${apiRoute}`,
    siteName: options.siteName ?? new URL(siteUrl).host,
    subscribersSlug: defaults.subscribersSlug,
    suppressionsSlug: defaults.suppressionsSlug,
    subscriptions,
    timeZone: options.timeZone ?? 'UTC',
    urls: {
      compare: withSite(options.urls?.compare ?? defaults.urls.compare),
      release: withSite(options.urls?.release ?? defaults.urls.release),
      siteUrl,
      statement: withSite(options.urls?.statement ?? defaults.urls.statement),
    },
  }
}

/** `notices.audiences`: each names one host collection, once; the e-mail field defaults to `email`. */
function sanitizeAudiences(
  audiences: NonNullable<NonNullable<PolicyDocumentsPluginConfig['notices']>['audiences']>,
  config: Config,
) {
  const hostCollections = new Set((config.collections ?? []).map((collection) => collection.slug))
  const seen = new Set<string>()
  return audiences.map((audience, index) => {
    if (!hostCollections.has(audience.collection)) {
      throw new Error(
        `${LOG_PREFIX} \`notices.audiences[${index}].collection\` must be one of the host's collections; got "${audience.collection}".`,
      )
    }
    if (seen.has(audience.collection)) {
      throw new Error(
        `${LOG_PREFIX} \`notices.audiences\` names "${audience.collection}" twice; give it one \`where\` instead.`,
      )
    }
    seen.add(audience.collection)
    return {
      collection: audience.collection,
      email: audience.email ?? 'email',
      label: audience.label ?? audience.collection,
      locale: audience.locale ?? null,
      where: audience.where ?? null,
    }
  })
}
