import type { CollectionConfig } from 'payload'

import { APIError } from 'payload'

import type { SanitizedPolicyDocumentsPluginConfig } from '../../types.js'
import type { ReleaseDoc } from '../PolicyReleases/types.js'
import type { EventDoc } from './types.js'

import { hashReleaseEvent } from '../../../src/releases/index.js'
import { ADMIN_GROUP } from '../../defaults.js'
import { startNotice } from '../../notices/startNotice.js'
import { findDocByID, findDocs } from '../../queries/typed.js'
import { invalidateReadCache } from '../../read/readService.js'

/** The effective date of a release after the postponements recorded so far, and whether it was withdrawn. */
export async function currentState(
  req: Parameters<
    NonNullable<NonNullable<CollectionConfig['hooks']>['beforeChange']>[number]
  >[0]['req'],
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
  release: ReleaseDoc,
): Promise<{ effectiveAt: string; withdrawn: boolean }> {
  const events = await findDocs<EventDoc>(req.payload, {
    collection: pluginConfig.eventsSlug,
    depth: 0,
    overrideAccess: true,
    pagination: false,
    req,
    sort: 'createdAt',
    where: { release: { equals: release.id } },
  })
  let effectiveAt = release.effectiveAt
  let withdrawn = false
  for (const event of events) {
    if (event.type === 'withdrawn') {
      withdrawn = true
    } else if (event.effectiveAt) {
      effectiveAt = event.effectiveAt
    }
  }
  return { effectiveAt, withdrawn }
}

/**
 * Postponements and withdrawals of releases that have not taken effect yet. The release itself
 * stays in the ledger untouched (its hashes still verify); each event is a new, immutable entry
 * with its own hash over the release's hash, so the history of announcements is kept too.
 * Subscribers who were told about the release get a short correction notice.
 */
export function generateReleaseEventsCollection(
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
): CollectionConfig {
  return {
    slug: pluginConfig.eventsSlug,
    labels: {
      plural: { da: 'Versionshændelser', en: 'Release events' },
      singular: { da: 'Versionshændelse', en: 'Release event' },
    },
    access: {
      create: ({ req }) => Boolean(req.user),
      delete: () => false,
      // Anonymous readers get the events through the public API (archive.json, the statement's dates).
      read: ({ req }) => Boolean(req.user),
      update: () => false,
    },
    admin: {
      defaultColumns: ['documentKey', 'version', 'type', 'effectiveAt', 'createdAt'],
      description:
        'Postpone or withdraw a release that has not taken effect yet. Entries can never be edited or deleted.',
      group: ADMIN_GROUP,
      useAsTitle: 'version',
    },
    fields: [
      {
        name: 'release',
        type: 'relationship',
        relationTo: pluginConfig.releasesSlug,
        required: true,
      },
      {
        name: 'type',
        type: 'select',
        options: [
          { label: 'Postpone', value: 'postponed' },
          { label: 'Withdraw', value: 'withdrawn' },
        ],
        required: true,
      },
      {
        name: 'effectiveAt',
        type: 'date',
        admin: {
          condition: (data) => data?.type === 'postponed',
          date: { pickerAppearance: 'dayAndTime' },
          description: 'The new effective date.',
        },
      },
      { name: 'reason', type: 'textarea', required: true },
      { name: 'documentKey', type: 'text', admin: { readOnly: true }, index: true },
      { name: 'version', type: 'text', admin: { readOnly: true } },
      { name: 'previousEffectiveAt', type: 'date', admin: { readOnly: true } },
      /** When the event was recorded; covered by `hash`. */
      { name: 'recordedAt', type: 'date', admin: { readOnly: true } },
      { name: 'hash', type: 'text', admin: { readOnly: true } },
    ],
    hooks: {
      afterChange: [
        async ({ doc, operation, req }) => {
          if (operation !== 'create') {
            return doc
          }
          invalidateReadCache(req.payload, String(doc.documentKey))
          const releaseId = typeof doc.release === 'object' ? doc.release.id : doc.release
          // Only those who were told about the release hear about the correction.
          const { totalDocs } = await req.payload.count({
            collection: pluginConfig.noticesSlug,
            overrideAccess: true,
            req,
            where: { and: [{ release: { equals: releaseId } }, { kind: { equals: 'notice' } }] },
          })
          if (totalDocs > 0) {
            await startNotice(
              req,
              pluginConfig,
              { documentKey: String(doc.documentKey), id: releaseId, version: String(doc.version) },
              'correction',
              doc.id,
            )
          }
          return doc
        },
      ],
      beforeChange: [
        async ({ data, operation, req }) => {
          if (operation !== 'create') {
            throw new APIError(
              'Release events are immutable: they can never be edited.',
              403,
              undefined,
              true,
            )
          }
          const releaseId =
            typeof data.release === 'object' && data.release ? data.release.id : data.release
          const release = await findDocByID<ReleaseDoc>(req.payload, {
            id: releaseId,
            collection: pluginConfig.releasesSlug,
            depth: 0,
            overrideAccess: true,
            req,
          }).catch(() => null)
          if (!release) {
            throw new APIError('Choose the release to postpone or withdraw.', 400, undefined, true)
          }
          const { totalDocs: later } = await req.payload.count({
            collection: pluginConfig.releasesSlug,
            overrideAccess: true,
            req,
            where: {
              and: [
                { documentKey: { equals: release.documentKey } },
                {
                  or: [
                    { major: { greater_than: release.major } },
                    {
                      and: [
                        { major: { equals: release.major } },
                        { minor: { greater_than: release.minor } },
                      ],
                    },
                  ],
                },
              ],
            },
          })
          if (later > 0) {
            throw new APIError(
              `Release ${release.version} has been followed by a later release; only the latest release can be postponed or withdrawn.`,
              400,
              undefined,
              true,
            )
          }
          const state = await currentState(req, pluginConfig, release)
          if (state.withdrawn) {
            throw new APIError(
              `Release ${release.version} is already withdrawn.`,
              400,
              undefined,
              true,
            )
          }
          if (Date.parse(state.effectiveAt) <= Date.now()) {
            throw new APIError(
              `Release ${release.version} took effect on ${state.effectiveAt}: only a release that has not taken effect yet can be postponed or withdrawn.`,
              400,
              undefined,
              true,
            )
          }
          const reason = typeof data.reason === 'string' ? data.reason.trim() : ''
          if (!reason) {
            throw new APIError(
              'Give the reason: it is recorded and sent to subscribers.',
              400,
              undefined,
              true,
            )
          }
          let effectiveAt: null | string = null
          if (data.type === 'postponed') {
            const requested =
              typeof data.effectiveAt === 'string' ? Date.parse(data.effectiveAt) : NaN
            if (Number.isNaN(requested) || requested <= Date.parse(state.effectiveAt)) {
              throw new APIError(
                `A postponement needs a new effective date later than ${state.effectiveAt}.`,
                400,
                undefined,
                true,
              )
            }
            effectiveAt = new Date(requested).toISOString()
          } else if (data.type !== 'withdrawn') {
            throw new APIError('The type must be "postponed" or "withdrawn".', 400, undefined, true)
          }
          const recordedAt = new Date().toISOString()
          return {
            ...data,
            documentKey: release.documentKey,
            effectiveAt,
            hash: hashReleaseEvent({
              effectiveAt,
              previousEffectiveAt: state.effectiveAt,
              reason,
              recordedAt,
              releaseHash: release.hash,
              type: data.type,
            }),
            previousEffectiveAt: state.effectiveAt,
            reason,
            recordedAt,
            release: release.id,
            version: release.version,
          }
        },
      ],
      beforeDelete: [
        () => {
          throw new APIError(
            'Release events are immutable: they can never be deleted.',
            403,
            undefined,
            true,
          )
        },
      ],
    },
    timestamps: true,
  }
}
