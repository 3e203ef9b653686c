import type { CollectionConfig } from 'payload'

import { APIError } from 'payload'

import type { SanitizedPolicyDocumentsPluginConfig } from '../../types.js'

import { ADMIN_GROUP, LEDGER_WRITE_CONTEXT_KEY } from '../../defaults.js'
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
export function generatePolicyReleasesCollection(
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
): CollectionConfig {
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
      components: {
        // A readable record instead of a form: releases are immutable, and Payload's JSON fields would
        // load the Monaco editor from a CDN (the admin must work offline).
        views: {
          edit: {
            default: {
              Component: {
                clientProps: {
                  locales: pluginConfig.locales,
                  publicPath: pluginConfig.publicPath,
                  releasesSlug: pluginConfig.releasesSlug,
                  timeZone: pluginConfig.timeZone,
                },
                path: 'payload-plugin-policy-docs/client#ReleaseView',
              },
            },
          },
        },
      },
      defaultColumns: ['version', 'documentKey', 'kind', 'status', 'effectiveAt'],
      description: {
        da: 'Frosne versioner. De kan aldrig redigeres eller slettes.',
        en: 'Frozen releases. They can never be edited or deleted.',
      },
      group: ADMIN_GROUP,
      useAsTitle: 'version',
    },
    labels: {
      plural: { da: 'Versioner', en: 'Releases' },
      singular: { da: 'Version', en: 'Release' },
    },
    fields: [
      {
        name: 'documentKey',
        type: 'text',
        index: true,
        label: { da: 'Dokument', en: 'Document' },
        required: true,
      },
      { name: 'document', type: 'relationship', relationTo: pluginConfig.documentsSlug },
      { name: 'version', type: 'text', label: { da: 'Version', en: 'Version' }, required: true },
      { name: 'major', type: 'number', required: true },
      { name: 'minor', type: 'number', required: true },
      {
        // In force, upcoming, superseded or withdrawn: computed now, never stored (it changes with time).
        name: 'status',
        type: 'ui',
        label: { da: 'Status', en: 'Status' },
        admin: {
          components: {
            Cell: {
              clientProps: { publicPath: pluginConfig.publicPath },
              path: 'payload-plugin-policy-docs/client#ReleaseStatusCell',
            },
            Field: false,
          },
        },
      },
      {
        name: 'kind',
        type: 'select',
        label: { da: 'Type', en: 'Kind' },
        options: [
          { label: { da: 'Væsentlig', en: 'Material' }, value: 'material' },
          { label: { da: 'Mindre', en: 'Minor' }, value: 'minor' },
        ],
        required: true,
      },
      {
        name: 'publishedAt',
        type: 'date',
        index: true,
        label: { da: 'Offentliggjort', en: 'Published' },
        required: true,
      },
      {
        name: 'effectiveAt',
        type: 'date',
        index: true,
        label: { da: 'Gælder fra', en: 'Effective date' },
        required: true,
      },
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
      /**
       * Taken over from an earlier system by a history import: announced nothing (no notice, no
       * banner). Covered by the release hash.
       */
      {
        name: 'imported',
        type: 'checkbox',
        defaultValue: false,
        label: { da: 'Importeret historik', en: 'Imported history' },
      },
    ],
    hooks: {
      afterChange: [({ doc, req }) => invalidateReadCache(req.payload, String(doc.documentKey))],
      beforeChange: [
        ({ context, operation }) => {
          if (operation === 'update') {
            throw new APIError(
              'Releases are immutable: a published release can never be edited.',
              403,
              undefined,
              true,
            )
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
          throw new APIError(
            'Releases are immutable: a published release can never be deleted.',
            403,
            undefined,
            true,
          )
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
