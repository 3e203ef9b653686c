import type { Payload } from 'payload'

import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'
import type { DeliveryStore } from './deliveryStore.js'

import { adapterInternals } from '../db/adapterInternals.js'

/** The parts of a mongoose Model this store uses (Payload's models cast values by their schema). */
type Model = {
  bulkWrite: (ops: unknown[], options: { ordered: boolean }) => Promise<unknown>
  find: (
    filter: object,
    projection?: object,
  ) => {
    lean: () => Promise<Array<Record<string, unknown>>>
    limit: (n: number) => any
    sort: (s: object) => any
  }
  insertMany: (docs: object[], options: { ordered: boolean }) => Promise<unknown>
  updateMany: (filter: object, update: object) => Promise<unknown>
}

/** Whether every write error of a bulk insert is a duplicate key (E11000): those are expected. */
function onlyDuplicates(error: unknown): boolean {
  const e = error as {
    code?: number
    writeErrors?: Array<{ code?: number; err?: { code?: number } }>
  }
  if (Array.isArray(e?.writeErrors) && e.writeErrors.length > 0) {
    return e.writeErrors.every((w) => (w.code ?? w.err?.code) === 11000)
  }
  return e?.code === 11000
}

/**
 * The delivery store for MongoDB: `insertMany` unordered (duplicates skipped by the unique index
 * on `deliveryKey`), claims as a conditional `updateMany` read back by claim token, and outcomes
 * as one `bulkWrite`. Each document's update is atomic with its condition, so a row is claimed
 * by one runner only; no multi-document transaction is needed.
 */
export function mongoDeliveryStore(
  payload: Payload,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
): DeliveryStore {
  const { collections } = adapterInternals<{ collections: Record<string, Model> }>(payload)
  const model = collections[pluginConfig.deliveriesSlug]
  if (!model) {
    throw new Error(`[policy-documents] no MongoDB model for ${pluginConfig.deliveriesSlug}`)
  }
  const open = { $in: ['pending', 'retry'] }
  const free = (now: Date) => ({ $or: [{ leaseUntil: null }, { leaseUntil: { $lt: now } }] })

  return {
    async claim({ claimToken, leaseUntil, limit, noticeId, now }) {
      let claimed: Array<Record<string, unknown>> = []
      // Runners that read the same candidates race for them; one that lost all of them reads
      // again (the winner has moved on, so each round someone makes progress). Bounded, so that a
      // write that can never match does not spin: the run then ends and the resume sweep retries.
      for (let round = 0; claimed.length === 0 && round < 20; round++) {
        const candidates = await model
          .find(
            {
              $and: [
                free(now),
                { $or: [{ nextAttemptAt: null }, { nextAttemptAt: { $lte: now } }] },
              ],
              notice: noticeId,
              status: open,
            },
            { _id: 1 },
          )
          .sort({ _id: 1 })
          .limit(limit)
          .lean()
        if (candidates.length === 0) {
          return []
        }
        await model.updateMany(
          {
            ...free(now),
            _id: { $in: candidates.map((doc: { _id: unknown }) => doc._id) },
            status: open,
          },
          { $set: { claimedBy: claimToken, leaseUntil } },
        )
        claimed = await model.find({ claimedBy: claimToken }).sort({ _id: 1 }).lean()
      }
      return claimed.map((doc: Record<string, unknown>) => ({
        attempts: Number(doc.attempts ?? 0),
        id: String(doc._id),
        locale: String(doc.locale),
        source: (doc.source as null | string) ?? null,
        subscriber: String(doc.subscriber),
      }))
    },

    async extend({ claimToken, leaseUntil }) {
      await model.updateMany({ claimedBy: claimToken, status: open }, { $set: { leaseUntil } })
    },

    async insert(rows) {
      if (rows.length === 0) {
        return
      }
      const now = new Date()
      try {
        await model.insertMany(
          rows.map((row) => ({
            ...row,
            attempts: 0,
            createdAt: now,
            status: 'pending',
            updatedAt: now,
          })),
          { ordered: false },
        )
      } catch (error) {
        if (!onlyDuplicates(error)) {
          throw error
        }
      }
    },

    async subscribers({ confirmedBy, documentKey }) {
      const subscribers = collections[pluginConfig.subscribersSlug]!
      return {
        page: async (after, limit) => {
          const docs = await subscribers
            .find(
              {
                ...(after === null ? {} : { _id: { $gt: after } }),
                confirmedAt: { $lte: new Date(confirmedBy) },
                documents: documentKey,
                status: 'confirmed',
              },
              { email: 1, locale: 1 },
            )
            .sort({ _id: 1 })
            .limit(limit)
            .lean()
          return {
            next: docs.length < limit ? null : String(docs[docs.length - 1]!._id),
            recipients: docs.map((doc: Record<string, unknown>) => ({
              email: doc.email,
              id: String(doc._id),
              locale: doc.locale,
            })),
          }
        },
      }
    },

    async record(outcomes) {
      if (outcomes.length === 0) {
        return
      }
      const now = new Date()
      await model.bulkWrite(
        outcomes.map((outcome) => {
          const common = { attempts: outcome.attempts, leaseUntil: null, updatedAt: now }
          if (outcome.status === 'sent') {
            const { attempts: _a, id, sentAt, status: _s, ...proof } = outcome
            return {
              updateOne: {
                filter: { _id: id },
                update: {
                  $set: {
                    ...common,
                    ...proof,
                    lastError: null,
                    nextAttemptAt: null,
                    sentAt: new Date(sentAt),
                    status: 'sent',
                  },
                },
              },
            }
          }
          return {
            updateOne: {
              filter: { _id: outcome.id, status: { $ne: 'sent' } },
              update: {
                $set: {
                  ...common,
                  claimedBy: null,
                  lastError: outcome.lastError,
                  nextAttemptAt: outcome.nextAttemptAt ? new Date(outcome.nextAttemptAt) : null,
                  status: outcome.status,
                },
              },
            },
          }
        }),
        { ordered: false },
      )
    },
  }
}
