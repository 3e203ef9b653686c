// The plugin's retry loops, in one place: `withBusyRetry` (a transaction the database aborted for
// a concurrent one), `updateOwnRow` (the same, for the plugin's own rows) and `recordPatiently`
// (a write that must not be lost, repeated through any failure for a bounded time).

/**
 * Retries an operation that failed because SQLite was locked by another connection. The one home
 * for retrying on SQLITE_BUSY.
 *
 * On SQLite the plugin already queues this process's transactions and gives every connection a
 * busy timeout (plugin/sqlite/), so SQLITE_BUSY reaches this only when another process held the
 * file longer than that timeout, or this process's queue was longer than three of them. Each
 * Local API operation is one transaction that either committed or was rolled back whole (a failed
 * COMMIT fails the operation, never reports success), so repeating the operation is a retry of the
 * whole transaction.
 *
 * On Postgres the same holds for a deadlock (40P01) or a serialization failure (40001): the server
 * aborts one of the statements (or transactions) involved, whole, and expects it to be repeated.
 * Concurrent notice runners meet that when one runner's batch claim and another's outcome write
 * lock the same delivery rows in different orders. MongoDB raises neither and passes straight through.
 */
export async function withBusyRetry<T>(
  operation: () => Promise<T>,
  { attempts = 200, maxDelayMs = 50, notFoundIsBusy = false } = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation()
    } catch (error) {
      const retry =
        isBusy(error) || (notFoundIsBusy && (error as { name?: string })?.name === 'NotFound')
      if (attempt >= attempts || !retry) {
        throw error
      }
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * maxDelayMs))
    }
  }
}

/**
 * Updates a row of the plugin's own bookkeeping (notices, deliveries, claims) by ID. Nothing ever
 * deletes those rows, so Payload's "Not Found" here can only mean the write was refused — the SQL
 * adapter reports a locked write during an update that way — and it is retried like SQLITE_BUSY.
 */
export function updateOwnRow<T>(write: () => Promise<T>): Promise<T> {
  return withBusyRetry(write, { notFoundIsBusy: true })
}

/** Postgres's codes for "aborted because of a concurrent transaction; repeat it": deadlock, serialization failure. */
const POSTGRES_RETRY_CODES = new Set(['40001', '40P01'])

/** Whether an error (or its cause) is SQLite's "database is locked", or a Postgres deadlock or serialization failure. */
export function isBusy(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const message = current instanceof Error ? current.message : String(current)
    if (
      /SQLITE_BUSY|database is locked/.test(message) ||
      POSTGRES_RETRY_CODES.has(String((current as { code?: unknown }).code))
    ) {
      return true
    }
    current = (current as { cause?: unknown }).cause
  }
  return false
}

/** Repeats a write until it succeeds or `withinMs` has passed (then throws the last error). */
export async function recordPatiently(
  write: () => Promise<unknown>,
  withinMs: number,
): Promise<void> {
  const deadline = Date.now() + withinMs
  for (let delay = 100; ; delay = Math.min(delay * 2, 2000)) {
    try {
      await write()
      return
    } catch (error) {
      if (Date.now() + delay > deadline) {
        throw error
      }
      await new Promise((resolve) => setTimeout(resolve, delay))
    }
  }
}
