import type { Payload } from 'payload'

import type { Id } from '../collections/ids.js'
import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'

/** A delivery to plan: one per (notice, recipient address). */
export type NewDelivery = {
  deliveryKey: string
  locale: string
  notice: Id
  source: string
  subscriber: string
}

/** One page of recipients and the cursor after it (`null` at the end). */
export type RecipientPage = {
  next: Id | null
  recipients: Array<{ email: unknown; id: Id; locale: unknown }>
}

/** A delivery this runner has claimed and now sends. */
export type ClaimedDelivery = {
  attempts: number
  id: Id
  locale: string
  source: null | string
  subscriber: string
}

/** What became of one claimed delivery. */
export type DeliveryOutcome =
  | {
      attempts: number
      contentHash: string
      id: Id
      messageId: string
      releaseVersion: string
      sentAt: string
      smtpResponse: string
      status: 'sent'
    }
  | {
      attempts: number
      id: Id
      lastError: string
      nextAttemptAt: null | string
      status: 'failed' | 'retry' | 'skipped'
    }

/**
 * The three bulk operations of the notice worker, each one statement (or one transaction) per
 * batch rather than one Local API call per recipient. Payload 3.90's `db.updateMany` selects IDs
 * and then updates row by row (drizzle) and it has no bulk insert, so neither gives an atomic
 * batch claim nor a fast fan-out: each database gets its own small implementation.
 */
export type DeliveryStore = {
  /**
   * Claims up to `limit` due, unleased deliveries of a notice for `claimToken`, atomically: a row
   * is taken only if its lease is free at the moment of the write, so two runners never hold it.
   * Empty only when nothing is due: a claim that lost every row to another runner tries again, or
   * the runner would stop while work was left.
   */
  claim: (args: {
    claimToken: string
    leaseUntil: Date
    limit: number
    noticeId: Id
    now: Date
  }) => Promise<ClaimedDelivery[]>
  /** Extends the lease of the rows still held under `claimToken` and not yet recorded (a heartbeat while a batch is sent). */
  extend: (args: { claimToken: string; leaseUntil: Date }) => Promise<void>
  /** Inserts deliveries, silently skipping any whose `deliveryKey` exists (a re-run, or a second audience). */
  insert: (rows: NewDelivery[]) => Promise<void>
  /**
   * The subscribers of `documentKey` who had confirmed by `confirmedBy`, read a page at a time in
   * ID order after `after`. (Payload's generic query on a `hasMany` text field joins through a
   * table indexed on (order, parent) only, and gets slower the deeper the cursor: 3 s per page
   * at 10,000 rows on SQLite.)
   */
  subscribers: (args: { confirmedBy: string; documentKey: string }) => Promise<{
    page: (after: Id | null, limit: number) => Promise<RecipientPage>
  }>
  /** Records outcomes; a `sent` row is never turned back into `retry` or `failed`. */
  record: (outcomes: DeliveryOutcome[]) => Promise<void>
}

const stores = new WeakMap<Payload, Promise<DeliveryStore>>()

/** The store for the configured database adapter: SQL (SQLite, Postgres) through drizzle, or MongoDB through mongoose. */
export function getDeliveryStore(
  payload: Payload,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
): Promise<DeliveryStore> {
  let store = stores.get(payload)
  if (!store) {
    const name = payload.db.name
    // Imported lazily, so a MongoDB host never loads drizzle and a SQL host never loads mongoose code.
    store =
      name === 'mongoose'
        ? import('./deliveryStoreMongo.js').then(({ mongoDeliveryStore }) =>
            mongoDeliveryStore(payload, pluginConfig),
          )
        : import('./deliveryStoreSql.js').then(({ sqlDeliveryStore }) =>
            sqlDeliveryStore(payload, pluginConfig),
          )
    stores.set(payload, store)
  }
  return store
}
