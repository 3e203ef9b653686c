import type { CollectionConfig } from 'payload'

import { APIError } from 'payload'

import type { SanitizedPolicyDocumentsPluginConfig } from '../../types.js'

import { LEDGER_WRITE_CONTEXT_KEY } from '../../defaults.js'
import { invalidateReadCache } from '../../read/readService.js'

/**
 * The append-only release ledger.
 *
 * Immutability is enforced by hooks, not only by access control: access control is skipped by the
 * Local API (`overrideAccess` defaults to true there), collection hooks are not. So an update or a
 * delete fails for everyone (REST, GraphQL, Local API, admins included), and a create succeeds
 * only when the plugin's own publish hook sets `req.context[LEDGER_WRITE_CONTEXT_KEY]`.
 *
 * Every field is a scalar or JSON column, so on SQL adapters a release is a single row and a single
 * INSERT: a crash can leave no release or a complete one, never half of one.
 */
export function generatePolicyReleasesCollection(pluginConfig: SanitizedPolicyDocumentsPluginConfig): CollectionConfig {
  return {
    slug: pluginConfig.releasesSlug,
    access: {
      create: () => false,
      delete: () => false,
      // Releases are public by nature, but anonymous readers use the public API (`/api/policies/…`),
      // which serves every release; Payload's generic REST and GraphQL reads are for signed-in users.
      read: ({ req }) => Boolean(req.user),
      update: () => false,
    },
    admin: {
      defaultColumns: ['documentKey', 'version', 'kind', 'effectiveAt', 'publishedAt'],
      description: 'Frozen releases. They can never be edited or deleted.',
      group: 'Policies',
      useAsTitle: 'version',
    },
    fields: [
      { name: 'documentKey', type: 'text', index: true, required: true },
      { name: 'document', type: 'relationship', relationTo: pluginConfig.documentsSlug },
      { name: 'version', type: 'text', required: true },
      { name: 'major', type: 'number', required: true },
      { name: 'minor', type: 'number', required: true },
      {
        name: 'kind',
        type: 'select',
        options: [
          { label: 'Material', value: 'material' },
          { label: 'Minor', value: 'minor' },
        ],
        required: true,
      },
      { name: 'publishedAt', type: 'date', index: true, required: true },
      { name: 'effectiveAt', type: 'date', index: true, required: true },
      { name: 'changeNote', type: 'json', required: true },
      { name: 'snapshot', type: 'json', required: true },
      { name: 'contentHash', type: 'text', required: true },
      { name: 'previousHash', type: 'text', required: true },
      { name: 'hash', type: 'text', required: true, unique: true },
      /** The classifier's proposal, its reasons, the editor's decision and justification. */
      { name: 'decision', type: 'json' },
      /**
       * Locales published with a declaration that their translation follows, with the reason, the
       * locales whose text changed and the sections concerned. Covered by the release hash.
       */
      { name: 'translationFollows', type: 'json' },
      /** Per-locale structural diff against the previous release, computed once at publish. */
      { name: 'diff', type: 'json' },
      { name: 'publishedBy', type: 'text' },
    ],
    hooks: {
      afterChange: [({ doc, req }) => invalidateReadCache(req.payload, String(doc.documentKey))],
      beforeChange: [
        ({ context, operation }) => {
          if (operation === 'update') {
            throw new APIError('Releases are immutable: a published release can never be edited.', 403, undefined, true)
          }
          if (!context[LEDGER_WRITE_CONTEXT_KEY]) {
            throw new APIError(
              'Releases are created only by publishing a policy document, never directly.',
              403,
              undefined,
              true,
            )
          }
        },
      ],
      beforeDelete: [
        () => {
          throw new APIError('Releases are immutable: a published release can never be deleted.', 403, undefined, true)
        },
      ],
    },
    indexes: [
      // One version number per document, and one successor per release: two concurrent publishes
      // that computed the same predecessor cannot both land, so the hash chain never forks.
      { fields: ['documentKey', 'version'], unique: true },
      { fields: ['documentKey', 'previousHash'], unique: true },
    ],
    timestamps: true,
    versions: false,
  }
}
