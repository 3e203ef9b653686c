import type { Payload } from 'payload'

import { and, asc, eq, inArray, isNull, lt, lte, ne, or } from 'drizzle-orm'

import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'
import type { DeliveryStore } from './deliveryStore.js'

import { withBusyRetry } from '../utilities/withBusyRetry.js'

/** Rows per INSERT: under SQLite's 32,766 bound parameters at 8 columns a row. */
const INSERT_CHUNK = 2000

// Drizzle's query builders differ in type between dialects but not in the calls used here.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Db = any
type Table = any

/**
 * The delivery store for Payload's SQL adapters (SQLite, Postgres): plain drizzle statements on
 * the deliveries table Payload created, so the unique index on `delivery_key` stays the guard.
 */
export function sqlDeliveryStore(payload: Payload, pluginConfig: SanitizedPolicyDocumentsPluginConfig): DeliveryStore {
  const adapter = payload.db as unknown as { drizzle: Db; name: string; tableNameMap: Map<string, string>; tables: Record<string, Table> }
  const tableName = adapter.tableNameMap.get(pluginConfig.deliveriesSlug.replace(/-/g, '_')) ?? pluginConfig.deliveriesSlug.replace(/-/g, '_')
  const t: Table = adapter.tables[tableName]
  if (!t) {
    throw new Error(`[policy-documents] no table for ${pluginConfig.deliveriesSlug} in the ${adapter.name} adapter`)
  }
  const db: Db = adapter.drizzle
  const open = ['pending', 'retry']

  return {
    async claim({ claimToken, leaseUntil, limit, noticeId, now }) {
      const nowIso = now.toISOString()
      const free = or(isNull(t.leaseUntil), lt(t.leaseUntil, nowIso))
      const claimable = and(eq(t.notice, noticeId), inArray(t.status, open), free)
      let candidates = db
        .select({ id: t.id })
        .from(t)
        .where(and(claimable, or(isNull(t.nextAttemptAt), lte(t.nextAttemptAt, nowIso))))
        .orderBy(asc(t.id))
        .limit(limit)
      if (adapter.name === 'postgres') {
        // Concurrent runners skip each other's rows instead of queueing behind their locks.
        candidates = candidates.for('update', { skipLocked: true })
      }
      // One statement: the lease condition is checked again on each row as it is written, so a
      // row claimed by someone else between the sub-select and the write is not taken.
      const rows = await withBusyRetry(() =>
        db
          .update(t)
          .set({ claimedBy: claimToken, leaseUntil: leaseUntil.toISOString() })
          .where(and(inArray(t.id, candidates), claimable))
          .returning({ id: t.id, attempts: t.attempts, locale: t.locale, source: t.source, subscriber: t.subscriber }),
      )
      return (rows as Array<{ attempts: null | number; id: number | string; locale: string; source: null | string; subscriber: string }>)
        .map((row) => ({ ...row, attempts: row.attempts ?? 0 }))
        .sort((a, b) => (a.id < b.id ? -1 : 1))
    },

    async insert(rows) {
      const now = new Date().toISOString()
      for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
        const values = rows.slice(start, start + INSERT_CHUNK).map((row) => ({
          attempts: 0,
          createdAt: now,
          deliveryKey: row.deliveryKey,
          locale: row.locale,
          notice: row.notice,
          source: row.source,
          status: 'pending',
          subscriber: row.subscriber,
          updatedAt: now,
        }))
        await withBusyRetry(() => db.insert(t).values(values).onConflictDoNothing({ target: t.deliveryKey }))
      }
    },

    async record(outcomes) {
      if (outcomes.length === 0) {
        return
      }
      const now = new Date().toISOString()
      // One transaction per batch: a single commit (one fsync on SQLite) for the whole batch.
      await withBusyRetry(() =>
        db.transaction(async (tx: Db) => {
          for (const outcome of outcomes) {
            const common = { attempts: outcome.attempts, leaseUntil: null, updatedAt: now }
            if (outcome.status === 'sent') {
              const { attempts: _a, id, status: _s, ...proof } = outcome
              await tx
                .update(t)
                .set({ ...common, ...proof, lastError: null, nextAttemptAt: null, status: 'sent' })
                .where(eq(t.id, id))
            } else {
              await tx
                .update(t)
                .set({ ...common, lastError: outcome.lastError, nextAttemptAt: outcome.nextAttemptAt, status: outcome.status })
                .where(and(eq(t.id, outcome.id), ne(t.status, 'sent')))
            }
          }
        }),
      )
    },
  }
}
