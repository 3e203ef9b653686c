import type { Payload } from 'payload'

import { and, asc, eq, gt, inArray, isNull, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm'

import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'
import type { ClaimedDelivery, DeliveryStore } from './deliveryStore.js'

import { adapterInternals } from '../db/adapterInternals.js'
import { withBusyRetry } from '../utilities/withBusyRetry.js'

/** Rows per INSERT (9 parameters a row, under SQLite's 32,766): big enough to amortize a statement, small enough to keep memory flat. */
const INSERT_CHUNK = 2000

/** Rows of the subscribers' document list read per query while collecting who has a document. */
const HOLDERS_PAGE = 5000

// Drizzle's query builders differ in type between dialects but not in the calls used here.

type Db = any
type Table = any

/**
 * The delivery store for Payload's SQL adapters (SQLite, Postgres): plain drizzle statements on
 * the deliveries table Payload created, so the unique index on `delivery_key` stays the guard.
 */
export function sqlDeliveryStore(
  payload: Payload,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
): DeliveryStore {
  const adapter = adapterInternals<{
    client?: { execute: (statement: { args: never; sql: string }) => Promise<unknown> }
    drizzle: Db
    name: string
    pool?: { query: (text: string, values: unknown[]) => Promise<unknown> }
    schemaName?: string
    tableNameMap: Map<string, string>
    tables: Record<string, Table>
  }>(payload)
  const tableName =
    adapter.tableNameMap.get(pluginConfig.deliveriesSlug.replace(/-/g, '_')) ??
    pluginConfig.deliveriesSlug.replace(/-/g, '_')
  const t: Table = adapter.tables[tableName]
  if (!t) {
    throw new Error(
      `[policy-documents] no table for ${pluginConfig.deliveriesSlug} in the ${adapter.name} adapter`,
    )
  }
  const db: Db = adapter.drizzle
  const open = ['pending', 'retry']
  const subscribersName = pluginConfig.subscribersSlug.replace(/-/g, '_')
  const subscribers: Table =
    adapter.tables[adapter.tableNameMap.get(subscribersName) ?? subscribersName]
  const subscriberTexts: Table =
    adapter.tables[`${adapter.tableNameMap.get(subscribersName) ?? subscribersName}_texts`]
  const insertColumns = [
    'deliveryKey',
    'notice',
    'subscriber',
    'source',
    'locale',
    'status',
    'attempts',
    'createdAt',
    'updatedAt',
  ] as const
  const qualifiedTable = adapter.schemaName
    ? `"${adapter.schemaName}"."${tableName}"`
    : `"${tableName}"`
  const insertHead = `INSERT INTO ${qualifiedTable} (${insertColumns.map((column) => `"${t[column].name}"`).join(', ')}) VALUES `
  const rowPlaceholders = `(${insertColumns.map(() => '?').join(', ')})`
  const insertSql = (rows: number) =>
    `${insertHead}${Array.from({ length: rows }, () => rowPlaceholders).join(', ')} ON CONFLICT ("${t.deliveryKey.name}") DO NOTHING`
  const fullChunkInsert = insertSql(INSERT_CHUNK)
  /**
   * SQLite's insert: the chunk travels as one JSON parameter that `json_each` unrolls, so the
   * statement is the same handful of opcodes whatever the chunk size. libsql (0.4.7) prepares every
   * statement anew and frees it only when the garbage collector finalizes its JavaScript handle,
   * which a small heap rarely does: a 2,000-row VALUES statement with its 18,000 bound values kept
   * ~2.6 MB of native memory each, 114 MB of RSS per 100,000 planned rows.
   */
  const jsonInsert = `INSERT INTO ${qualifiedTable} (${insertColumns.map((column) => `"${t[column].name}"`).join(', ')}) SELECT ${[0, 1, 2, 3, 4].map((index) => `json_extract(value, '$[${index}]')`).join(', ')}, 'pending', 0, ?, ? FROM json_each(?) WHERE true ON CONFLICT ("${t.deliveryKey.name}") DO NOTHING`
  /**
   * Runs one SQL statement with positional parameters on the adapter's own client. Used for the
   * multi-row insert, where drizzle's query builder spends ~170 µs per row building the statement.
   */
  const execute = async (text: string, params: unknown[]): Promise<void> => {
    if (adapter.name === 'postgres') {
      let index = 0
      await adapter.pool!.query(
        text.replace(/\?/g, () => `$${++index}`),
        params,
      )
    } else {
      await adapter.client!.execute({ args: params as never, sql: text })
    }
  }

  return {
    async claim({ claimToken, leaseUntil, limit, noticeId, now }) {
      const nowIso = now.toISOString()
      const free = or(isNull(t.leaseUntil), lt(t.leaseUntil, nowIso))
      const claimable = and(eq(t.notice, noticeId), inArray(t.status, open), free)
      const due = and(claimable, or(isNull(t.nextAttemptAt), lte(t.nextAttemptAt, nowIso)))
      const candidates = db.select({ id: t.id }).from(t).where(due).orderBy(asc(t.id)).limit(limit)
      let picked: SQL = inArray(t.id, candidates)
      if (adapter.name === 'postgres') {
        // Concurrent runners skip each other's rows instead of queueing behind their locks. The
        // pick is an ARRAY(…) so that Postgres runs it once (an InitPlan): as a plain `id IN (…)`
        // it may run the sub-select again for every row it updates, and with SKIP LOCKED each run
        // returns the next free rows, so one claim took every row of the notice, whatever the limit.
        picked = sql`${t.id} = ANY(ARRAY(${candidates.for('update', { skipLocked: true })}))`
      }
      // One statement: the lease condition is checked again on each row as it is written, so a
      // row claimed by someone else between the sub-select and the write is not taken.
      type Row = Omit<ClaimedDelivery, 'attempts'> & { attempts: null | number }
      const take = (): Promise<Row[]> =>
        withBusyRetry(() =>
          db
            .update(t)
            .set({ claimedBy: claimToken, leaseUntil: leaseUntil.toISOString() })
            .where(and(picked, claimable))
            .returning({
              id: t.id,
              attempts: t.attempts,
              locale: t.locale,
              source: t.source,
              subscriber: t.subscriber,
            }),
        )
      let rows = await take()
      // On Postgres a claim can lose every row it picked to a runner that committed in between;
      // it tries again while anything is due (SQLite runs one write at a time, so it cannot).
      while (
        rows.length === 0 &&
        adapter.name === 'postgres' &&
        (await db.select({ id: t.id }).from(t).where(due).limit(1)).length > 0
      ) {
        rows = await take()
      }
      return rows
        .map((row) => ({ ...row, attempts: row.attempts ?? 0 }))
        .sort((a, b) => (a.id < b.id ? -1 : 1))
    },

    async extend({ claimToken, leaseUntil }) {
      await withBusyRetry(() =>
        db
          .update(t)
          .set({ leaseUntil: leaseUntil.toISOString() })
          .where(and(eq(t.claimedBy, claimToken), inArray(t.status, open))),
      )
    },

    async insert(rows) {
      const now = new Date().toISOString()
      for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
        const chunk = rows.slice(start, start + INSERT_CHUNK)
        if (adapter.name !== 'postgres') {
          const json = JSON.stringify(
            chunk.map((row) => [
              row.deliveryKey,
              row.notice,
              row.subscriber,
              row.source,
              row.locale,
            ]),
          )
          await withBusyRetry(() => execute(jsonInsert, [now, now, json]))
          continue
        }
        const params: unknown[] = []
        for (const row of chunk) {
          params.push(
            row.deliveryKey,
            row.notice,
            row.subscriber,
            row.source,
            row.locale,
            'pending',
            0,
            now,
            now,
          )
        }
        const text = chunk.length === INSERT_CHUNK ? fullChunkInsert : insertSql(chunk.length)
        await withBusyRetry(() => execute(text, params))
      }
    },

    async subscribers({ confirmedBy, documentKey }) {
      // Who has the document, read once (one number per subscriber), then the subscribers table
      // by primary key a page at a time: every query stays linear, whatever the cursor's depth.
      const parents: Array<number | string> = []
      // In pages too, so that a million subscribers never become a million row objects at once.
      for (let after: null | number | string = null; ;) {
        const rows = (await withBusyRetry(() =>
          db
            .select({ id: subscriberTexts.id, parent: subscriberTexts.parent })
            .from(subscriberTexts)
            .where(
              and(
                eq(subscriberTexts.path, 'documents'),
                eq(subscriberTexts.text, documentKey),
                after === null ? undefined : gt(subscriberTexts.id, after),
              ),
            )
            .orderBy(asc(subscriberTexts.id))
            .limit(HOLDERS_PAGE),
        )) as Array<{ id: number | string; parent: number | string }>
        for (const row of rows) {
          parents.push(row.parent)
        }
        if (rows.length < HOLDERS_PAGE) {
          break
        }
        after = rows[rows.length - 1]!.id
      }
      const holds = membership(parents)
      parents.length = 0
      return {
        page: async (after, limit) => {
          const rows = (await withBusyRetry(() =>
            db
              .select({ email: subscribers.email, id: subscribers.id, locale: subscribers.locale })
              .from(subscribers)
              .where(
                and(
                  eq(subscribers.status, 'confirmed'),
                  lte(subscribers.confirmedAt, confirmedBy),
                  after === null ? undefined : gt(subscribers.id, after),
                ),
              )
              .orderBy(asc(subscribers.id))
              .limit(limit),
          )) as Array<{ email: string; id: number | string; locale: string }>
          return {
            next: rows.length < limit ? null : rows[rows.length - 1]!.id,
            recipients: rows.filter((row) => holds(row.id)),
          }
        },
      }
    },

    async record(outcomes) {
      const now = new Date().toISOString()
      const pg = adapter.name === 'postgres'
      // Postgres cannot infer a parameter's type inside CASE; SQLite needs no cast (and would
      // give "timestamptz" numeric affinity).
      const typed = (value: unknown, pgType: string): SQL =>
        pg ? sql`CAST(${value} AS ${sql.raw(pgType)})` : sql`${value}`
      const byId = <T>(
        rows: T[],
        id: (row: T) => number | string,
        value: (row: T) => unknown,
        pgType: string,
      ): SQL =>
        sql`CASE ${t.id} ${sql.join(
          rows.map((row) => sql`WHEN ${id(row)} THEN ${typed(value(row), pgType)}`),
          sql` `,
        )} END`
      // Single statements, not a transaction: libsql runs a transaction on a second connection,
      // and a write on the first one while it is open would wait for it synchronously (a
      // self-deadlock until the busy timeout). Each UPDATE is atomic on its own.
      const sent = outcomes.filter((outcome) => outcome.status === 'sent')
      if (sent.length > 0) {
        await withBusyRetry(() =>
          db
            .update(t)
            .set({
              attempts: byId(
                sent,
                (o) => o.id,
                (o) => o.attempts,
                'numeric',
              ),
              contentHash: byId(
                sent,
                (o) => o.id,
                (o) => o.contentHash,
                'varchar',
              ),
              lastError: null,
              leaseUntil: null,
              messageId: byId(
                sent,
                (o) => o.id,
                (o) => o.messageId,
                'varchar',
              ),
              nextAttemptAt: null,
              releaseVersion: byId(
                sent,
                (o) => o.id,
                (o) => o.releaseVersion,
                'varchar',
              ),
              sentAt: byId(
                sent,
                (o) => o.id,
                (o) => o.sentAt,
                'timestamptz',
              ),
              smtpResponse: byId(
                sent,
                (o) => o.id,
                (o) => o.smtpResponse,
                'varchar',
              ),
              status: 'sent',
              updatedAt: now,
            })
            .where(
              inArray(
                t.id,
                sent.map((o) => o.id),
              ),
            ),
        )
      }
      const other = outcomes.filter(
        (outcome): outcome is Exclude<typeof outcome, { status: 'sent' }> =>
          outcome.status !== 'sent',
      )
      if (other.length > 0) {
        await withBusyRetry(() =>
          db
            .update(t)
            .set({
              attempts: byId(
                other,
                (o) => o.id,
                (o) => o.attempts,
                'numeric',
              ),
              // Released, so a late heartbeat of this batch cannot hold a row that waits for its retry.
              claimedBy: null,
              lastError: byId(
                other,
                (o) => o.id,
                (o) => o.lastError,
                'varchar',
              ),
              leaseUntil: null,
              nextAttemptAt: byId(
                other,
                (o) => o.id,
                (o) => o.nextAttemptAt,
                'timestamptz',
              ),
              status: byId(
                other,
                (o) => o.id,
                (o) => o.status,
                pg ? `"enum_${tableName}_status"` : 'varchar',
              ),
              updatedAt: now,
            })
            // A row another runner has meanwhile recorded as sent stays sent.
            .where(
              and(
                inArray(
                  t.id,
                  other.map((o) => o.id),
                ),
                ne(t.status, 'sent'),
              ),
            ),
        )
      }
    },
  }
}

/**
 * A membership test over IDs. Numeric IDs (Payload's default on SQL) are kept sorted in a
 * Float64Array, 8 bytes an ID (a Set of their strings took ~52 bytes: 5.2 MB per 100,000
 * subscribers); other IDs go in a Set.
 */
function membership(ids: Array<number | string>): (id: number | string) => boolean {
  if (ids.every((id) => typeof id === 'number')) {
    const sorted = Float64Array.from(ids as number[]).sort()
    return (id) => {
      const wanted = Number(id)
      let low = 0
      let high = sorted.length - 1
      while (low <= high) {
        const middle = (low + high) >>> 1
        const value = sorted[middle]!
        if (value === wanted) {
          return true
        }
        if (value < wanted) {
          low = middle + 1
        } else {
          high = middle - 1
        }
      }
      return false
    }
  }
  const set = new Set(ids.map(String))
  return (id) => set.has(String(id))
}
