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
 *   subscriptions), the editors' publish preview, and the embeddable banner script;
 * - admin labels in Danish and English.
 */
import type { Config } from 'payload'

import type { PolicyDocumentsPluginConfig, SanitizedPolicyDocumentsPluginConfig } from './types.js'

import { deepMergeSimple } from 'payload/shared'

import {
  generateDeliveriesCollection,
  generateDeliveryClaimsCollection,
  generateNoticesCollection,
  generateSubscribersCollection,
} from './collections/Notices/index.js'
import { generatePolicyDocumentsCollection } from './collections/PolicyDocuments/index.js'
import { generatePolicyReleasesCollection } from './collections/PolicyReleases/index.js'
import { generateReleaseEventsCollection } from './collections/ReleaseEvents/index.js'
import { getEmbedEndpoint } from './endpoints/getEmbedEndpoint.js'
import { getPreviewEndpoint } from './endpoints/getPreviewEndpoint.js'
import { getPublicReadEndpoints } from './endpoints/getPublicReadEndpoints.js'
import { getSubscriptionEndpoints } from './endpoints/getSubscriptionEndpoints.js'
import { sanitizeConfig } from './sanitizeConfig.js'
import { PUBLISH_REFUSED_ERROR_NAME } from './utilities/PublishRefusedError.js'
import { getResumeNoticesTask, getSendNoticeTask } from './tasks/getSendNoticeTask.js'
import { translations } from './translations/index.js'

export { defaults, LEDGER_WRITE_CONTEXT_KEY, PUBLISHED_AT_CONTEXT_KEY } from './defaults.js'
export { getReadService } from './read/readService.js'
export { createPolicyRequestListener } from './server/createPolicyRequestListener.js'
export type { CollectionOverrides, FieldsOverride, PolicyDocumentsPluginConfig, SanitizedPolicyDocumentsPluginConfig } from './types.js'

/** The Payload plugin. `policyDocsPlugin({ ...options })` goes in the host config's `plugins`. */
export const policyDocsPlugin =
  (options: PolicyDocumentsPluginConfig = {}) =>
  (incomingConfig: Config): Config =>
    applyPolicyDocuments(incomingConfig, sanitizeConfig(options, incomingConfig))

/**
 * The plugin body as a plain function of (config, sanitized options). Collections are added even
 * when the plugin is disabled, so the database schema (and its migrations) stays the same.
 */
export function applyPolicyDocuments(config: Config, pluginConfig: SanitizedPolicyDocumentsPluginConfig): Config {
  // Kept on the config so code that only has `payload` (the read server, scripts) finds the options.
  config = { ...config, custom: { ...config.custom, policyDocuments: pluginConfig } }
  // Admin labels (namespace `plugin-policy-documents`): merged, never replaced; the host's strings win.
  config = { ...config, i18n: { ...config.i18n, translations: deepMergeSimple(translations, config.i18n?.translations ?? {}) } }
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
  ]
  if (!pluginConfig.enabled) {
    documents.hooks = {
      ...documents.hooks,
      afterChange: pluginConfig.documentsOverrides.hooks?.afterChange ?? [],
      beforeChange: pluginConfig.documentsOverrides.hooks?.beforeChange ?? [],
    }
    return { ...config, collections }
  }
  return {
    ...config,
    collections,
    // A refused publish is the editor's to fix, not a fault: one info line, no stack trace.
    // (Payload types the keys as its own error names, but looks up any `error.name`.)
    loggingLevels: { [PUBLISH_REFUSED_ERROR_NAME]: 'info', ...config.loggingLevels } as Config['loggingLevels'],
    endpoints: [
      ...(config.endpoints ?? []),
      // Before the public routes: `/embed/banner.js` must not be taken for a document key.
      getEmbedEndpoint(pluginConfig),
      ...getPublicReadEndpoints(pluginConfig),
      ...getSubscriptionEndpoints(pluginConfig),
      getPreviewEndpoint(pluginConfig),
    ],
    jobs: {
      ...config.jobs,
      tasks: [...(config.jobs?.tasks ?? []), getSendNoticeTask(pluginConfig), getResumeNoticesTask(pluginConfig)],
    },
  }
}
