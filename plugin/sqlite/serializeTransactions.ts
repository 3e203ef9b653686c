import type { BaseDatabaseAdapter } from 'payload'

type TransactionMethods = Pick<
  BaseDatabaseAdapter,
  'beginTransaction' | 'commitTransaction' | 'rollbackTransaction'
>

type Lease = { failure?: unknown; release: () => void }

/** The error a transaction gets when this process's other transactions keep the gate too long. */
export class TransactionQueueTimeout extends Error {
  constructor(waitedMs: number) {
    // Worded like SQLite's own, so callers that retry on SQLITE_BUSY retry this too.
    super(`SQLITE_BUSY: waited ${waitedMs} ms for this process's other database transactions`)
    this.name = 'TransactionQueueTimeout'
  }
}

/** One holder at a time, first come first served; a waiter gives up after `timeoutMs`. */
export class TransactionGate {
  private holder: Lease | null = null
  private readonly queue: Array<(lease: Lease) => void> = []

  /** The lease of the transaction that is open now, if any. */
  get current(): Lease | null {
    return this.holder
  }

  acquire(timeoutMs: number): Promise<Lease> {
    return new Promise((resolve, reject) => {
      const grant = (lease: Lease) => {
        clearTimeout(timer)
        resolve(lease)
      }
      const timer = setTimeout(() => {
        const index = this.queue.indexOf(grant)
        if (index >= 0) {
          this.queue.splice(index, 1)
          reject(new TransactionQueueTimeout(timeoutMs))
        }
      }, timeoutMs)
      timer.unref?.()
      if (this.holder) {
        this.queue.push(grant)
      } else {
        grant(this.take())
      }
    })
  }

  private take(): Lease {
    let released = false
    const lease: Lease = {
      release: () => {
        if (released) return
        released = true
        this.holder = null
        const next = this.queue.shift()
        if (next) next(this.take())
      },
    }
    this.holder = lease
    return lease
  }
}

/**
 * Lets one Payload transaction at a time be open in this process, and makes a failed COMMIT fail
 * the operation.
 *
 * Why: SQLite has one writer per file, and every Payload transaction on SQLite starts with
 * `BEGIN IMMEDIATE` (it takes the write lock at once). Two open at the same time in one process
 * can only collide: the second gets SQLITE_BUSY at once, or — with a busy timeout — blocks the
 * event loop waiting for a lock the first can never release meanwhile. Queuing them in JavaScript
 * costs nothing SQLite would have allowed. `serialize` queues the writes Payload makes outside any
 * transaction (e.g. the jobs' stats global) the same way. Other processes on the same file are
 * handled by the busy timeout on each connection (see libsqlConnections.ts).
 *
 * And: `@payloadcms/drizzle`'s beginTransaction catches the error of the drizzle transaction
 * once the transaction has started, so a COMMIT that fails is rolled back and
 * `commitTransaction` still resolves: the operation reports success with nothing stored. The
 * connection layer takes a reporter for the transaction being begun (`claimCommitReporter`) and
 * calls it when that transaction's COMMIT fails; `commitTransaction` then throws instead.
 *
 * A transaction started from inside another one that has not ended (a Local API call without
 * `req` inside a hook) waits for it; if the outer one awaits it, that wait ends after `timeoutMs`
 * with a SQLITE_BUSY error — as SQLite would have answered at once — instead of hanging.
 */
export function serializeTransactions(
  adapter: TransactionMethods,
  timeoutMs: number,
): {
  claimCommitReporter: () => ((error: unknown) => void) | undefined
  serialize: <T>(work: () => Promise<T>) => Promise<T>
} {
  const gate = new TransactionGate()
  const open = new Map<number | string, Lease>()
  const begin = adapter.beginTransaction
  const commit = adapter.commitTransaction
  const rollback = adapter.rollbackTransaction
  /** The transaction being begun, until the connection layer claims its reporter. */
  let beginning: Lease | null = null

  adapter.beginTransaction = async function (this: unknown, options) {
    const lease = await gate.acquire(timeoutMs)
    beginning = lease
    try {
      const id = await begin.call(this, options)
      if (id === null || id === undefined) {
        lease.release()
      } else {
        open.set(id, lease)
      }
      return id
    } catch (error) {
      lease.release()
      throw error
    } finally {
      if (beginning === lease) beginning = null
    }
  }

  adapter.commitTransaction = async function (this: unknown, incoming) {
    const id = incoming instanceof Promise ? await incoming : incoming
    const lease = open.get(id)
    open.delete(id)
    try {
      await commit.call(this, id)
    } finally {
      lease?.release()
    }
    if (lease?.failure) {
      const cause = lease.failure
      throw new Error(
        `cannot commit transaction: ${cause instanceof Error ? cause.message : String(cause)}`,
        { cause },
      )
    }
  }

  adapter.rollbackTransaction = async function (this: unknown, incoming) {
    const id = incoming instanceof Promise ? await incoming : incoming
    const lease = open.get(id)
    open.delete(id)
    try {
      await rollback.call(this, id)
    } finally {
      lease?.release()
    }
  }

  return {
    claimCommitReporter: () => {
      const lease = beginning
      beginning = null
      return lease ? (error) => (lease.failure = error) : undefined
    },
    serialize: async (work) => {
      const lease = await gate.acquire(timeoutMs)
      try {
        return await work()
      } finally {
        lease.release()
      }
    },
  }
}
