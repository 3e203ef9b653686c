/**
 * payload-plugin-policy-docs: versioned, localized policy documents for Payload CMS 3.
 *
 * Registers:
 * - the `policy-documents` collection (drafts, localized sections with stable keys) with a publish
 *   hook that freezes a release, and the admin's changes panel and release timeline;
 * - the append-only `policy-releases` ledger (immutable, hash-chained) and `policy-release-events`
 *   (postponements and withdrawals);
 * - subscribers, notices, deliveries and delivery claims for change notices by e-mail, with the
 *   jobs tasks that send them;
 * - the public API under `/api/policies` (statement, archive, diff, banner, feed, verification,
 *   subscriptions), the editors' publish preview and statement import, and the embeddable banner script;
 * - admin labels in Danish and English;
 * - on SQLite, an `onInit` step that makes concurrent writes safe (one transaction at a time per
 *   process, no connection reused after SQLITE_BUSY, failed commits reported);
 * - an `onInit` check that the database has every unique index of the plugin's collections
 *   (plugin/db/checkUniqueIndexes.ts): without one, Payload does not start.
 */
import type { CollectionConfig, Config } from 'payload'

import { deepMergeSimple } from 'payload/shared'

import type { PolicyDocumentsPluginConfig, SanitizedPolicyDocumentsPluginConfig } from './types.js'

import {
  generateDeliveriesCollection,
  generateDeliveryClaimsCollection,
  generateNoticesCollection,
  generateSubscribersCollection,
  generateSuppressionsCollection,
} from './collections/Notices/index.js'
import { generatePolicyDocumentsCollection } from './collections/PolicyDocuments/index.js'
import { generatePolicyReleasesCollection } from './collections/PolicyReleases/index.js'
import { generateReleaseEventsCollection } from './collections/ReleaseEvents/index.js'
import { checkUniqueIndexes } from './db/checkUniqueIndexes.js'
import { getImportEndpoint } from './endpoints/getImportEndpoint.js'
import { getImportHistoryEndpoint } from './endpoints/getImportHistoryEndpoint.js'
import { getNoticeUnsubscribeEndpoints } from './endpoints/getNoticeUnsubscribeEndpoints.js'
import { getPreviewEndpoint } from './endpoints/getPreviewEndpoint.js'
import { getPublicReadEndpoints } from './endpoints/getPublicReadEndpoints.js'
import { getSubscriptionEndpoints } from './endpoints/getSubscriptionEndpoints.js'
import { malformedRequestIs400, rejectMalformedQueries } from './queryGuard/hooks.js'
import { sanitizeConfig } from './sanitizeConfig.js'
import { hardenSqlite } from './sqlite/index.js'
import { backfillTokenKeys } from './subscriptions/subscriberTokens.js'
import { getResumeNoticesTask, getSendNoticeTask } from './tasks/getSendNoticeTask.js'
import { translations } from './translations/index.js'
import { PUBLISH_REFUSED_ERROR_NAME } from './utilities/PublishRefusedError.js'

export { defaults, LEDGER_WRITE_CONTEXT_KEY, PUBLISHED_AT_CONTEXT_KEY } from './defaults.js'
export { malformedRequestIs400, rejectMalformedQueries } from './queryGuard/hooks.js'
export { getReadService } from './read/readService.js'
export { createPolicyRequestListener } from './server/createPolicyRequestListener.js'
export type {
  CollectionOverrides,
  FieldsOverride,
  PolicyDocumentsPluginConfig,
  RateLimiter,
  RateLimiterFactory,
  SanitizedPolicyDocumentsPluginConfig,
} from './types.js'

/** Adds the malformed-query guard to one of the plugin's collections (the host's own are left alone). */
function guardQueries(collection: CollectionConfig): CollectionConfig {
  return {
    ...collection,
    hooks: {
      ...collection.hooks,
      beforeOperation: [rejectMalformedQueries, ...(collection.hooks?.beforeOperation ?? [])],
    },
  }
}

/** The Payload plugin. `policyDocsPlugin({ ...options })` goes in the host config's `plugins`. */
export const policyDocsPlugin =
  (options: PolicyDocumentsPluginConfig = {}) =>
  (incomingConfig: Config): Config =>
    applyPolicyDocuments(incomingConfig, sanitizeConfig(options, incomingConfig))

/**
 * The plugin body as a plain function of (config, sanitized options). Collections are added even
 * when the plugin is disabled, so the database schema (and its migrations) stays the same.
 */
export function applyPolicyDocuments(
  config: Config,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
): Config {
  // Kept on the config so code that only has `payload` (the read server, scripts) finds the options.
  config = { ...config, custom: { ...config.custom, policyDocuments: pluginConfig } }
  // Admin labels (namespace `plugin-policy-documents`): merged, never replaced; the host's strings win.
  config = {
    ...config,
    i18n: {
      ...config.i18n,
      translations: deepMergeSimple(translations, config.i18n?.translations ?? {}),
    },
  }
  const documents = generatePolicyDocumentsCollection(pluginConfig)
  const collections = [
    ...(config.collections ?? []),
    documents,
    generatePolicyReleasesCollection(pluginConfig),
    generateReleaseEventsCollection(pluginConfig),
    generateSubscribersCollection(pluginConfig),
    generateNoticesCollection(pluginConfig),
    generateDeliveriesCollection(pluginConfig),
    generateDeliveryClaimsCollection(pluginConfig),
    generateSuppressionsCollection(pluginConfig),
  ]
  if (!pluginConfig.enabled) {
    documents.hooks = {
      ...documents.hooks,
      afterChange: pluginConfig.documentsOverrides.hooks?.afterChange ?? [],
      beforeChange: pluginConfig.documentsOverrides.hooks?.beforeChange ?? [],
    }
    return { ...config, collections }
  }
  const hostCount = config.collections?.length ?? 0
  const pluginSlugs = collections.slice(hostCount).map((collection) => collection.slug)
  return {
    ...config,
    collections: collections.map((collection, index) =>
      index < hostCount ? collection : guardQueries(collection),
    ),
    // A refused publish is the editor's to fix, not a fault: one info line, no stack trace.
    // (Payload types the keys as its own error names, but looks up any `error.name`.)
    loggingLevels: {
      [PUBLISH_REFUSED_ERROR_NAME]: 'info',
      ...config.loggingLevels,
    } as Config['loggingLevels'],
    // Unparseable `?where=` / `?data=` JSON and broken %-escapes are the client's error: 400, not 500.
    hooks: {
      ...config.hooks,
      afterError: [...(config.hooks?.afterError ?? []), malformedRequestIs400],
    },
    onInit: async (payload) => {
      // First, before anything writes: on SQLite, concurrent writes lose data unless transactions
      // are queued and busy connections retired (see ./sqlite/).
      await hardenSqlite(payload)
      // Refuse to start without the unique indexes that make "sent once" and the release chain hold.
      await checkUniqueIndexes(payload, pluginSlugs)
      await config.onInit?.(payload)
      // Rows from before per-subscriber link keys existed get one, so their links can be signed.
      await backfillTokenKeys(payload, pluginConfig)
    },
    endpoints: [
      ...(config.endpoints ?? []),
      // Subscriptions first: `/subscriptions` must not be taken for a document key by `/:key`.
      ...getSubscriptionEndpoints(pluginConfig),
      ...getPublicReadEndpoints(pluginConfig),
      ...getNoticeUnsubscribeEndpoints(pluginConfig),
      getPreviewEndpoint(pluginConfig),
      getImportEndpoint(pluginConfig),
      getImportHistoryEndpoint(pluginConfig),
    ],
    jobs: {
      ...config.jobs,
      tasks: [
        ...(config.jobs?.tasks ?? []),
        getSendNoticeTask(pluginConfig),
        getResumeNoticesTask(pluginConfig),
      ],
    },
  }
}
