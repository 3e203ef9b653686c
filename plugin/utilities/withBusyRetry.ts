/**
 * Retries an operation that failed because SQLite was locked by another connection.
 *
 * Why: libsql opens a fresh connection for every transaction and after it, and only the first
 * connection gets `PRAGMA busy_timeout`, so concurrent writers (a job worker next to the admin, or
 * two workers) see SQLITE_BUSY at once instead of waiting. The notice worker's writes are single
 * statements, so repeating one is safe. MongoDB and Postgres never raise this and pass straight through.
 */
export async function withBusyRetry<T>(operation: () => Promise<T>, { attempts = 200, maxDelayMs = 50 } = {}): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation()
    } catch (error) {
      if (attempt >= attempts || !isBusy(error)) {
        throw error
      }
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * maxDelayMs))
    }
  }
}

/** Whether an error (or its cause) is SQLite's "database is locked". */
export function isBusy(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const message = current instanceof Error ? current.message : String(current)
    if (/SQLITE_BUSY|database is locked/.test(message)) {
      return true
    }
    current = (current as { cause?: unknown }).cause
  }
  return false
}
