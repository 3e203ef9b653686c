import type {
  Client,
  Config,
  InStatement,
  ResultSet,
  Transaction,
  TransactionMode,
} from '@libsql/client'

import { isBusy } from '../utilities/withBusyRetry.js'

export type ConnectionPolicy = {
  /** `PRAGMA busy_timeout` for every connection: how long a statement waits for another process's lock. */
  busyTimeoutMs: number
  /** `createClient` from `@libsql/client` (passed in so the plugin never loads it on other databases). */
  createClient: (config: Config) => Client
  /** Extra per-connection settings (e.g. `PRAGMA synchronous = NORMAL` under WAL). */
  pragmas?: string[]
  /**
   * Called as each transaction begins: returns whom to tell if that transaction's COMMIT fails
   * (Payload's adapter would not say so), or nothing.
   */
  commitReporter?: () => ((error: unknown) => void) | undefined
  /**
   * Runs a write outside any transaction (Payload writes some rows, e.g. the jobs' stats global,
   * straight through the adapter) in turn with this process's transactions.
   */
  serialize?: <T>(work: () => Promise<T>) => Promise<T>
}

/** Statements that only read; everything else on the shared connection is a write. */
const READ_ONLY = /^\s*(select|explain)\b/i

const sqlOf = (stmt: InStatement) => (typeof stmt === 'string' ? stmt : stmt.sql)

/** The longest a BEGIN blocks the event loop at a time while another process writes. */
const BEGIN_WAIT_MS = 25

const BEGIN: Record<TransactionMode, string> = {
  deferred: 'BEGIN DEFERRED',
  read: 'BEGIN TRANSACTION READONLY',
  write: 'BEGIN IMMEDIATE',
}

/**
 * Rewires a libsql `file:` client (the one Payload's SQLite adapter and drizzle hold) so that no
 * connection that has seen SQLITE_BUSY is ever used again, and every connection waits for locks.
 *
 * Why (measured on libsql 0.4.7 under @libsql/client 0.14.0): a statement that fails with
 * SQLITE_BUSY is never reset — the binding has no reset, and the statement stays "in progress" on
 * its connection until the garbage collector finalizes it. Until then that connection
 * - keeps its lock, so other writers get SQLITE_BUSY;
 * - never ends its implicit transaction: later autocommit writes on it report success, are
 *   visible to it alone, and are lost when the process exits;
 * - fails any COMMIT with "cannot commit transaction - SQL statements in progress".
 * `@libsql/client`'s `transaction()` makes it worse: when its `BEGIN IMMEDIATE` fails, the
 * poisoned connection stays the client's connection for every later query and transaction; and
 * each connection it opens after a transaction lacks the adapter's `busy_timeout`.
 *
 * Here: plain queries run on one connection that is closed and replaced as soon as a query on it
 * fails with SQLITE_BUSY, so nothing is ever written into its stuck transaction. Each transaction
 * gets its own connection, configured, which is closed when the transaction ends, whatever the
 * outcome; its BEGIN is retried on a new connection, without blocking the event loop, until the
 * busy timeout has passed. (Closing does not always free a lock at once: libsql finalizes the stuck
 * statement only when it is garbage-collected. A BEGIN refused with SQLITE_BUSY holds none; a
 * refused COMMIT is rolled back first; in WAL mode readers and the writer hold no conflicting locks.)
 */
export function replaceLibsqlConnections(
  client: Client,
  config: Config,
  policy: ConnectionPolicy,
): void {
  const busyTimeoutMs = Math.max(0, Math.floor(policy.busyTimeoutMs))
  const waitForLocks = `PRAGMA busy_timeout = ${busyTimeoutMs}`
  const closeOriginal = client.close.bind(client)

  const open = async (busyTimeout: string): Promise<Client> => {
    const connection = policy.createClient(config)
    try {
      for (const pragma of [busyTimeout, ...(policy.pragmas ?? [])]) {
        await connection.execute(pragma)
      }
      return connection
    } catch (error) {
      connection.close()
      throw error
    }
  }

  let shared: Promise<Client> | null = null
  /** Runs `work` on the shared connection; a SQLITE_BUSY retires that connection. */
  const onShared = async <T>(work: (connection: Client) => Promise<T>): Promise<T> => {
    for (;;) {
      const current = (shared ??= open(waitForLocks))
      let connection: Client
      try {
        connection = await current
      } catch (error) {
        if (shared === current) shared = null
        throw error
      }
      if (connection.closed) {
        if (shared === current) shared = null
        continue
      }
      try {
        return await work(connection)
      } catch (error) {
        if (isBusy(error) && shared === current) {
          shared = null
          connection.close()
        }
        throw error
      }
    }
  }

  /**
   * BEGIN waits for another process's transaction mostly asynchronously: libsql's busy timeout
   * would block this process's event loop for as long as the other transaction lasts (a whole
   * publish). So each attempt waits inside SQLite for at most BEGIN_WAIT_MS (SQLite's own short
   * sleeps catch the gaps between another process's transactions), then yields and tries again on
   * a new connection, until the busy timeout has passed. A BEGIN refused with SQLITE_BUSY holds
   * no lock, and its connection is closed all the same.
   */
  const beginWait = `PRAGMA busy_timeout = ${Math.min(BEGIN_WAIT_MS, busyTimeoutMs)}`
  const transaction = async (mode: TransactionMode = 'write'): Promise<Transaction> => {
    const onCommitFailed = policy.commitReporter?.()
    const deadline = Date.now() + busyTimeoutMs
    for (;;) {
      const connection = await open(beginWait)
      try {
        await connection.execute(BEGIN[mode])
        // Statements and COMMIT wait for other processes' short locks (readers, without WAL).
        await connection.execute(waitForLocks)
        return dedicatedTransaction(connection, onCommitFailed)
      } catch (error) {
        connection.close()
        if (!isBusy(error) || Date.now() >= deadline) {
          throw error
        }
      }
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5))
    }
  }

  const serialize = policy.serialize ?? (<T>(work: () => Promise<T>) => work())
  /** A write on the shared connection waits for this process's open transaction to end. */
  const writeOnShared = <T>(work: (connection: Client) => Promise<T>) =>
    serialize(() => onShared(work))

  Object.assign(client, {
    batch: (stmts: InStatement[], mode?: TransactionMode) =>
      writeOnShared((c) => c.batch(stmts, mode)),
    close: () => {
      const current = shared
      shared = null
      void current?.then(
        (c) => c.close(),
        () => undefined,
      )
      closeOriginal()
    },
    execute: (stmt: InStatement, args?: unknown) => {
      const run = (c: Client) =>
        args === undefined
          ? c.execute(stmt)
          : (c.execute as (s: InStatement, a: unknown) => Promise<ResultSet>)(stmt, args)
      return READ_ONLY.test(sqlOf(stmt)) ? onShared(run) : writeOnShared(run)
    },
    executeMultiple: (sql: string) => writeOnShared((c) => c.executeMultiple(sql)),
    migrate: (stmts: InStatement[]) => writeOnShared((c) => c.migrate(stmts)),
    sync: () => onShared((c) => c.sync()),
    transaction,
  })
}

/** A transaction that owns its connection and closes it when it ends. */
function dedicatedTransaction(
  connection: Client,
  onCommitFailed?: (error: unknown) => void,
): Transaction {
  let ended = false
  const end = () => {
    ended = true
    // Closing rolls back anything not committed and releases every lock.
    connection.close()
  }
  const live = () => {
    if (ended) {
      throw Object.assign(new Error('The transaction is closed'), { code: 'TRANSACTION_CLOSED' })
    }
    return connection
  }
  return {
    batch: async (stmts) => {
      const results: ResultSet[] = []
      for (const stmt of stmts) {
        results.push(await live().execute(stmt))
      }
      return results
    },
    close: () => {
      if (!ended) end()
    },
    get closed() {
      return ended
    },
    commit: async () => {
      try {
        await live().execute('COMMIT')
      } catch (error) {
        onCommitFailed?.(error)
        // A COMMIT refused with SQLITE_BUSY leaves the transaction open: end it here, before the
        // connection is closed, so it lets go of its pending lock and readers get in again.
        await connection.execute('ROLLBACK').catch(() => undefined)
        throw error
      } finally {
        end()
      }
    },
    execute: async (stmt) => live().execute(stmt),
    executeMultiple: async () => {
      // @libsql/client's executeMultiple rolls back an open transaction when it ends; nothing in
      // Payload or drizzle calls it inside a transaction, so refuse rather than end this one.
      throw new Error('executeMultiple is not supported inside a transaction')
    },
    rollback: async () => {
      if (ended) return
      try {
        await connection.execute('ROLLBACK')
      } catch {
        // Closing the connection below rolls back too.
      } finally {
        end()
      }
    },
  }
}
