import type { CollectionConfig, Field } from 'payload'

import type { PolicyAdminClientProps } from '../../components/types.js'
import type { SanitizedPolicyDocumentsPluginConfig } from '../../types.js'

import { RESERVED_DOCUMENT_KEYS } from '../../../src/documentKey.js'
import { ADMIN_GROUP } from '../../defaults.js'
import { exposePublishRefusal } from '../../hooks/exposePublishRefusal.js'
import { checkPublishRules, freezeReleaseOnPublish } from '../../hooks/freezeReleaseOnPublish.js'
import { completenessField } from './completenessField.js'
import { releaseField } from './releaseField.js'
import { sectionsField } from './sectionsField.js'
import { validateKey } from './validateKey.js'

/**
 * The editable policy documents. Editors save drafts; the Publish button freezes a release in the
 * ledger (see `freezeReleaseOnPublish`). Nothing here is public: websites read releases through the
 * public API, never drafts or Payload's version history.
 */
export function generatePolicyDocumentsCollection(
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
): CollectionConfig {
  const overrides = pluginConfig.documentsOverrides
  // The admin's changes panel and release timeline (client components, see plugin/components).
  // `ui` fields store nothing, so leaving them out when the plugin is disabled keeps the schema.
  const clientProps = {
    deliveriesSlug: pluginConfig.deliveriesSlug,
    locales: pluginConfig.locales,
    minNoticeDays: pluginConfig.publication.minNoticeDays,
    noticesSlug: pluginConfig.noticesSlug,
    publicPath: pluginConfig.publicPath,
    timeZone: pluginConfig.timeZone,
  } satisfies PolicyAdminClientProps
  const changesPanel: Field[] = pluginConfig.enabled
    ? [
        {
          name: 'changesPanel',
          type: 'ui',
          admin: {
            components: {
              Field: { clientProps, path: 'payload-plugin-policy-docs/client#ChangesPanel' },
            },
          },
        },
      ]
    : []
  const releaseTimeline: Field[] = pluginConfig.enabled
    ? [
        {
          name: 'releaseTimeline',
          type: 'ui',
          admin: {
            components: {
              Field: { clientProps, path: 'payload-plugin-policy-docs/client#ReleaseTimeline' },
            },
            position: 'sidebar',
          },
        },
      ]
    : []
  const defaultFields: Field[] = [
    ...changesPanel,
    {
      name: 'key',
      type: 'text',
      label: { da: 'Nøgle', en: 'Key' },
      admin: {
        description: {
          da: 'Fast nøgle i det offentlige API, fx "privacy". Den kan ikke ændres efter udgivelse.',
          en: 'Stable identifier used in the public API, e.g. "privacy". It cannot change once published.',
        },
        position: 'sidebar',
      },
      hooks: {
        beforeChange: [
          ({ originalDoc, value }) =>
            // The key names the ledger: renaming it would orphan every release.
            originalDoc?.key && value !== originalDoc.key ? originalDoc.key : value,
        ],
      },
      index: true,
      required: true,
      unique: true,
      // "subscriptions" is a path of the public API, so it cannot name a document.
      validate: (value: unknown) =>
        RESERVED_DOCUMENT_KEYS.includes(value as string)
          ? `The key "${String(value)}" is reserved.`
          : validateKey(value),
    },
    ...releaseTimeline,
    {
      name: 'title',
      type: 'text',
      label: { da: 'Titel', en: 'Title' },
      localized: true,
      required: true,
    },
    sectionsField,
    completenessField,
    releaseField(pluginConfig.locales),
  ]
  return {
    ...overrides,
    slug: pluginConfig.documentsSlug,
    labels: overrides.labels ?? {
      plural: { da: 'Politikdokumenter', en: 'Policy documents' },
      singular: { da: 'Politikdokument', en: 'Policy document' },
    },
    access: {
      // Drafts and history are for signed-in editors only; the public reads releases.
      create: ({ req }) => Boolean(req.user),
      delete: ({ req }) => Boolean(req.user),
      read: ({ req }) => Boolean(req.user),
      readVersions: ({ req }) => Boolean(req.user),
      update: ({ req }) => Boolean(req.user),
      ...overrides.access,
    },
    admin: {
      // "Import a statement" (.docx, HTML, Markdown) above the list; see getImportEndpoint.
      ...(pluginConfig.enabled
        ? {
            components: {
              beforeListTable: [
                {
                  clientProps: {
                    documentsSlug: pluginConfig.documentsSlug,
                    locales: pluginConfig.locales,
                    publicPath: pluginConfig.publicPath,
                  },
                  path: 'payload-plugin-policy-docs/client#ImportStatement',
                },
              ],
            },
          }
        : {}),
      defaultColumns: ['title', 'key', '_status', 'updatedAt'],
      group: ADMIN_GROUP,
      useAsTitle: 'title',
      ...overrides.admin,
    },
    fields: overrides.fields ? overrides.fields({ defaultFields }) : defaultFields,
    hooks: {
      ...overrides.hooks,
      afterChange: [...(overrides.hooks?.afterChange ?? []), freezeReleaseOnPublish(pluginConfig)],
      // A refused publish answers with a top-level `message` too: the admin shows that as one toast,
      // where it would split `errors[].message` at its commas.
      afterError: [...(overrides.hooks?.afterError ?? []), exposePublishRefusal],
      // The publish rules run before anything is written, so a refusal writes nothing on any database.
      beforeChange: [...(overrides.hooks?.beforeChange ?? []), checkPublishRules(pluginConfig)],
    },
    // The ledger is the archive; Payload's own version history is only an editing aid, so it may be pruned.
    versions: { drafts: true, maxPerDoc: 100 },
  }
}
