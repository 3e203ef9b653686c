/** Fixed defaults of the plugin. */
export const defaults = {
  cache: { indexTtlSeconds: 30, maxAgeSeconds: 60, staleWhileRevalidateSeconds: 600 },
  claimsSlug: 'policy-delivery-claims',
  deliveriesSlug: 'policy-deliveries',
  documentsSlug: 'policy-documents',
  eventsSlug: 'policy-release-events',
  notices: {
    batchSize: 100,
    leaseSeconds: 300,
    maxAttempts: 8,
    queue: 'default',
    retryBaseSeconds: 30,
    retryMaxSeconds: 3600,
    runBudgetSeconds: 60,
  },
  noticesSlug: 'policy-notices',
  subscribersSlug: 'policy-subscribers',
  suppressionsSlug: 'policy-notice-suppressions',
  subscriptions: {
    confirmLinkHours: 48,
    manageLinkHours: 24,
    perAddressPerHour: 3,
    perClientPerHour: 20,
  },
  publicPath: '/policies',
  releasesSlug: 'policy-releases',
  urls: {
    compare: '{siteUrl}/{locale}/policies/{key}/compare?from={from}&to={to}',
    release: '{siteUrl}/{locale}/policies/{key}/{version}',
    statement: '{siteUrl}/{locale}/policies/{key}',
  },
} as const

/** Prefix of every error and warning the plugin raises at init. */
export const LOG_PREFIX = '[policy-documents]'

/** `req.context` key set while the plugin itself writes to the ledger; nothing else may create releases. */
export const LEDGER_WRITE_CONTEXT_KEY = 'policyDocumentsLedgerWrite'

/**
 * `req.context` key a trusted Local API caller (the seed) may set to give a release a
 * historical publication time. REST and GraphQL callers cannot set `req.context`.
 */
export const PUBLISHED_AT_CONTEXT_KEY = 'policyDocumentsPublishedAt'

/**
 * `req.context` key the history import sets while it writes a document whose releases it has
 * created itself (`importHistory`): the publish hooks leave that write alone.
 */
export const HISTORY_IMPORT_CONTEXT_KEY = 'policyDocumentsHistoryImport'

/** The admin navigation group of the plugin's collections, in Danish and English. */
export const ADMIN_GROUP = { da: 'Politikker', en: 'Policies' }
