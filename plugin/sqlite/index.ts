import type { Client, Config } from '@libsql/client'
import type { Payload } from 'payload'

import { replaceLibsqlConnections } from './libsqlConnections.js'
import { serializeTransactions } from './serializeTransactions.js'

/** Used when the host's `sqliteAdapter()` sets no `busyTimeout`. */
export const DEFAULT_BUSY_TIMEOUT_MS = 10_000

/** The parts of `@payloadcms/db-sqlite`'s adapter this reads (its type is not exported by name). */
type SqliteAdapter = Payload['db'] & {
  busyTimeout?: number
  client?: Client
  clientConfig?: Config
  wal?: false | { synchronous?: string }
}

const hardened = new WeakSet<object>()

/**
 * Makes Payload's SQLite adapter (libsql, `file:` databases) safe for concurrent writers: one
 * transaction at a time per process, a connection per transaction that is closed when it ends,
 * a busy timeout on every connection, and a failed COMMIT that fails the operation instead of
 * reporting success. Does nothing on other databases, on remote libsql URLs and on `:memory:`.
 *
 * The plugin calls this from its `onInit`, so every host on SQLite gets it. Why each part is
 * needed: see serializeTransactions.ts and libsqlConnections.ts.
 */
export async function hardenSqlite(payload: Payload): Promise<boolean> {
  const adapter = payload.db as SqliteAdapter
  const url = adapter.clientConfig?.url ?? ''
  if (
    adapter.name !== 'sqlite' ||
    !adapter.client ||
    hardened.has(adapter) ||
    !url.startsWith('file:') ||
    /:memory:|mode=memory/.test(url)
  ) {
    return false
  }
  hardened.add(adapter)
  const { createClient } = await import('@libsql/client')
  const busyTimeoutMs =
    adapter.busyTimeout && adapter.busyTimeout > 0 ? adapter.busyTimeout : DEFAULT_BUSY_TIMEOUT_MS
  // Waiting in the queue for this process's own transactions: several busy timeouts' worth.
  const { claimCommitReporter, serialize } = serializeTransactions(adapter, 3 * busyTimeoutMs)
  replaceLibsqlConnections(adapter.client, adapter.clientConfig!, {
    busyTimeoutMs,
    createClient,
    commitReporter: claimCommitReporter,
    // journal_mode=WAL is stored in the file; `synchronous` is per connection.
    pragmas: adapter.wal ? [`PRAGMA synchronous = ${adapter.wal.synchronous ?? 'NORMAL'}`] : [],
    serialize,
  })
  return true
}
