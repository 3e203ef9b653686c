import type { Access, CollectionConfig, FieldAccess as FieldAccessFn } from 'payload'

import type { SanitizedPolicyDocumentsPluginConfig } from '../../types.js'

import { ADDRESS_PROBLEMS, parseEmailAddress } from '../../../src/subscriptions/address.js'
import { ADMIN_GROUP } from '../../defaults.js'
import { forgetDeliveries } from '../../subscriptions/forgetDeliveries.js'
import { newTokenKey } from '../../subscriptions/subscriberTokens.js'

type FieldAccess = { create: FieldAccessFn; read: FieldAccessFn; update: FieldAccessFn }

/** Signed-in users only; anonymous requests (REST, GraphQL) see nothing. */
const signedIn: Access = ({ req }) => Boolean(req.user)
const nobody: Access = () => false
/** Readable by signed-in users, written only by the plugin's flows (which override access). */
const consentRecord: FieldAccess = {
  create: () => false,
  read: ({ req }) => Boolean(req.user),
  update: () => false,
}
/** Never through the API or the admin, for anyone; only the plugin's flows (overrideAccess) see it. */
const secretField: FieldAccess = { create: () => false, read: () => false, update: () => false }

/**
 * Subscribers to change notices. Personal data: readable and editable only by signed-in users;
 * created, confirmed, corrected and erased only through the plugin's token-checked endpoints.
 */
export function generateSubscribersCollection(
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
): CollectionConfig {
  return {
    slug: pluginConfig.subscribersSlug,
    labels: {
      plural: { da: 'Abonnenter', en: 'Subscribers' },
      singular: { da: 'Abonnent', en: 'Subscriber' },
    },
    access: {
      create: nobody,
      delete: signedIn,
      read: signedIn,
      readVersions: nobody,
      update: signedIn,
    },
    admin: {
      defaultColumns: ['email', 'locale', 'status', 'documents', 'confirmedAt'],
      group: ADMIN_GROUP,
      useAsTitle: 'email',
    },
    fields: [
      // The address and what was consented to, by whom and when, is the consent record: only the
      // plugin's own flows (opt-in, unsubscribe, erasure; Local API with overrideAccess) write it.
      {
        name: 'email',
        type: 'email',
        access: consentRecord,
        admin: { readOnly: true },
        index: true,
        required: true,
        unique: true,
        // Our own rule (internationalized domains in punycode), not only Payload's ASCII-only one.
        validate: (value: null | string | undefined) => {
          const parsed = parseEmailAddress(value)
          return parsed.ok ? true : ADDRESS_PROBLEMS[parsed.problem]
        },
      },
      {
        name: 'locale',
        type: 'select',
        options: pluginConfig.locales.map((locale) => ({ label: locale, value: locale })),
        required: true,
      },
      {
        name: 'documents',
        type: 'text',
        access: consentRecord,
        admin: { readOnly: true },
        hasMany: true,
        required: true,
      },
      {
        name: 'status',
        type: 'select',
        access: consentRecord,
        admin: { readOnly: true },
        defaultValue: 'pending',
        index: true,
        options: [
          { label: 'Waiting for confirmation', value: 'pending' },
          { label: 'Confirmed', value: 'confirmed' },
          { label: 'Unsubscribed', value: 'unsubscribed' },
        ],
        required: true,
      },
      { name: 'requestedAt', type: 'date', access: consentRecord, admin: { readOnly: true } },
      { name: 'confirmedAt', type: 'date', access: consentRecord, admin: { readOnly: true } },
      { name: 'unsubscribedAt', type: 'date', access: consentRecord, admin: { readOnly: true } },
      // Requested, confirmed, notices sent (with their proof), unsubscribed. Stores nothing.
      {
        name: 'history',
        type: 'ui',
        admin: {
          components: {
            Field: {
              clientProps: {
                deliveriesSlug: pluginConfig.deliveriesSlug,
                timeZone: pluginConfig.timeZone,
              },
              path: 'payload-plugin-policy-docs/client#SubscriberHistory',
            },
          },
        },
      },
      /** HMAC of the nonce (and requested documents) of the one confirmation link that may still be used; cleared on use. */
      { name: 'confirmNonceHash', type: 'text', access: secretField, admin: { hidden: true } },
      /**
       * Random per-subscriber key every e-mailed link is bound to (see subscriberTokens.ts). Never
       * readable or writable through the API or the admin; erased with the row.
       */
      {
        name: 'tokenKey',
        type: 'text',
        access: secretField,
        admin: { hidden: true },
        hooks: {
          beforeChange: [
            ({ originalDoc, value }) =>
              value ||
              (originalDoc as { tokenKey?: string } | undefined)?.tokenKey ||
              newTokenKey(),
          ],
        },
      },
    ],
    hooks: { beforeDelete: [forgetDeliveries(pluginConfig)] },
    timestamps: true,
  }
}

/**
 * One notice per release (or per correction of a release): the unit whose progress an admin
 * follows. Counts are derived from the delivery records, never kept twice.
 */
export function generateNoticesCollection(
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
): CollectionConfig {
  return {
    slug: pluginConfig.noticesSlug,
    labels: { plural: { da: 'Varsler', en: 'Notices' }, singular: { da: 'Varsel', en: 'Notice' } },
    access: { create: nobody, delete: nobody, read: signedIn, update: nobody },
    admin: {
      defaultColumns: ['documentKey', 'version', 'kind', 'status', 'createdAt'],
      group: ADMIN_GROUP,
      useAsTitle: 'noticeKey',
    },
    fields: [
      { name: 'noticeKey', type: 'text', index: true, required: true, unique: true },
      {
        name: 'release',
        type: 'relationship',
        relationTo: pluginConfig.releasesSlug,
        required: true,
      },
      /** For a correction: the postponement or withdrawal it reports. */
      { name: 'event', type: 'relationship', relationTo: pluginConfig.eventsSlug },
      { name: 'documentKey', type: 'text', index: true, required: true },
      { name: 'version', type: 'text', required: true },
      {
        name: 'kind',
        type: 'select',
        options: ['notice', 'correction'].map((value) => ({ label: value, value })),
        required: true,
      },
      {
        name: 'status',
        type: 'select',
        defaultValue: 'queued',
        options: ['queued', 'sending', 'done'].map((value) => ({ label: value, value })),
        required: true,
      },
      /** Recipients planned when the notice fanned out (set once planning is complete). */
      { name: 'recipients', type: 'number' },
      /**
       * Planning watermark: the audience being planned and the last recipient ID planned in it.
       * Rows are inserted before the watermark moves, so a re-run after a crash resumes here and
       * the unique `deliveryKey` absorbs the overlap.
       */
      { name: 'plan', type: 'json', admin: { hidden: true } },
      /** When a send job is next expected to run; the resume sweep re-queues notices whose run never came. */
      { name: 'nextRunAt', type: 'date' },
      { name: 'completedAt', type: 'date' },
    ],
    timestamps: true,
  }
}

/**
 * One record per (notice, recipient address), keyed uniquely: `deliveryKey` is
 * `<notice>:<hash of the normalized address>`. The unique index, not a read-then-write, is what
 * guarantees a person is planned once per notice, however many audiences list them. A runner
 * claims a batch of rows with one atomic write (`claimedBy`, `leaseUntil`); a crashed runner's
 * lease runs out and the rows are claimed again.
 */
export function generateDeliveriesCollection(
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
): CollectionConfig {
  return {
    slug: pluginConfig.deliveriesSlug,
    labels: {
      plural: { da: 'Leveringer', en: 'Deliveries' },
      singular: { da: 'Levering', en: 'Delivery' },
    },
    access: { create: nobody, delete: nobody, read: signedIn, update: nobody },
    admin: {
      defaultColumns: ['notice', 'status', 'attempts', 'locale', 'lastError', 'sentAt'],
      group: ADMIN_GROUP,
    },
    fields: [
      { name: 'deliveryKey', type: 'text', required: true, unique: true },
      {
        name: 'notice',
        type: 'relationship',
        index: true,
        relationTo: pluginConfig.noticesSlug,
        required: true,
      },
      /** The recipient's ID in `source`; after erasure it points at nothing, which is what erasure means. */
      { name: 'subscriber', type: 'text', index: true, required: true },
      /** Where the recipient came from: the subscribers collection or an audience's collection. */
      { name: 'source', type: 'text' },
      { name: 'locale', type: 'text', required: true },
      {
        name: 'status',
        type: 'select',
        defaultValue: 'pending',
        index: true,
        options: ['pending', 'retry', 'sent', 'failed', 'skipped'].map((value) => ({
          label: value,
          value,
        })),
        required: true,
      },
      { name: 'attempts', type: 'number', defaultValue: 0 },
      { name: 'nextAttemptAt', type: 'date', index: true },
      { name: 'lastError', type: 'text' },
      /** The runner's claim on this row, and until when it holds (see the collection's description). */
      { name: 'claimedBy', type: 'text', admin: { hidden: true }, index: true },
      { name: 'leaseUntil', type: 'date', admin: { hidden: true } },
      // Proof of delivery: what was sent, when, and what the mail server answered.
      { name: 'messageId', type: 'text' },
      /** SHA-256 of the message as sent (sender, recipient, subject, Message-ID, headers, text, HTML). */
      { name: 'contentHash', type: 'text' },
      { name: 'releaseVersion', type: 'text' },
      { name: 'smtpResponse', type: 'text' },
      { name: 'sentAt', type: 'date' },
    ],
    timestamps: true,
  }
}

/**
 * The per-document suppression list of audience recipients (`notices.audiences`): filled by their
 * one-click unsubscribe, honoured by every later notice. Holds a hash of the normalized address,
 * not the address; export and erasure find entries by hashing the subscriber's address.
 */
export function generateSuppressionsCollection(
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
): CollectionConfig {
  return {
    slug: pluginConfig.suppressionsSlug,
    access: { create: nobody, delete: signedIn, read: signedIn, update: nobody },
    admin: { defaultColumns: ['documentKey', 'createdAt'], group: 'Policies' },
    fields: [
      { name: 'suppressionKey', type: 'text', required: true, unique: true },
      { name: 'documentKey', type: 'text', index: true, required: true },
      { name: 'addressHash', type: 'text', index: true, required: true },
    ],
    timestamps: true,
  }
}

/**
 * Claims on deliveries: a runner may send a delivery only after inserting the claim
 * `<delivery>#<attempt>`. The unique index makes the insert the atomic step: of two runners,
 * exactly one succeeds. A claim carries a lease; a runner that crashed leaves an expired lease,
 * and the next runner claims the next attempt number.
 */
export function generateDeliveryClaimsCollection(
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
): CollectionConfig {
  return {
    slug: pluginConfig.claimsSlug,
    access: { create: nobody, delete: nobody, read: signedIn, update: nobody },
    admin: { group: ADMIN_GROUP, hidden: true },
    fields: [
      { name: 'claimKey', type: 'text', required: true, unique: true },
      { name: 'delivery', type: 'text', index: true, required: true },
      { name: 'attempt', type: 'number', required: true },
      { name: 'leaseUntil', type: 'date', required: true },
      { name: 'runner', type: 'text', required: true },
    ],
    timestamps: true,
  }
}
