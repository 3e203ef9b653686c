import type { Payload, SanitizedConfig } from 'payload'

import { getPayload, handleEndpoints } from 'payload'

import { createTestDatabase, type DatabaseKind } from './testDatabase.js'

export type TestPayload = {
  /** Sends a Web Request through Payload's REST router (built-in and custom endpoints). */
  api: (path: string, init?: RequestInit) => Promise<Response>
  config: SanitizedConfig
  /** The lane's database: sqlite, mongodb or postgres (test/helpers/testDatabase.ts). */
  database: DatabaseKind
  destroy: () => Promise<void>
  payload: Payload
}

/**
 * Boots the real host config (payload.config.ts) on a fresh database of the lane (`TEST_DATABASE`):
 * a fresh SQLite file in a temporary folder by default (a file rather than `:memory:` because the
 * config turns transactions on, and a transaction on `:memory:` would open a second, empty
 * database), a fresh MongoDB or Postgres database on the lanes' servers. DATABASE_URI is left in
 * process.env, so child processes of the test use the same database.
 */
export async function bootPayload(
  env: Record<string, string> = {},
  options: {
    /** Changes the URI Payload connects with (e.g. through a TCP proxy); the database is dropped through the original. */
    connectThrough?: (uri: string) => Promise<string>
  } = {},
): Promise<TestPayload> {
  const database = await createTestDatabase()
  Object.assign(process.env, {
    DATABASE_URI: options.connectThrough
      ? await options.connectThrough(database.uri)
      : database.uri,
    // No jobs cron: a test runs the jobs it means to run. (Every request through Payload's router
    // starts the config's autoRun cron; a run of it raced the tests' own runs, which then found no
    // job left and checked for e-mails that the cron sent a moment later.) A test may pass 'true'.
    JOBS_AUTORUN: 'false',
    PAYLOAD_SECRET: 'integration-test-secret',
    ...env,
  })
  const { default: configPromise } = await import('../../payload.config.js')
  const config = await configPromise
  const payload = await getPayload({ config })
  const api = (path: string, init?: RequestInit) =>
    handleEndpoints({ config, request: new Request(`http://localhost:3000/api${path}`, init) })
  return {
    api,
    config,
    database: database.kind,
    destroy: async () => {
      await stopCrons(payload)
      await payload.destroy()
      await closePostgresPool(payload)
      await database.drop()
    },
    payload,
  }
}

/**
 * Whether the database runs transactions: false on MongoDB without a replica set (db-mongodb turns
 * them off, as on a standalone mongod or the emulator). Tests that need a rollback skip visibly then.
 */
export async function supportsTransactions(payload: Payload): Promise<boolean> {
  const id = await payload.db.beginTransaction()
  if (id === null) {
    return false
  }
  await payload.db.rollbackTransaction(id)
  return true
}

/**
 * Stops the jobs crons and waits for a run in progress to end. Every request through Payload's
 * router starts the config's `jobs.autoRun` crons (as under Next), and `payload.destroy()` stops
 * them without waiting. A run still inside a transaction can then wait forever for the adapter
 * that destroy() took away, so its connection is never released and closing the Postgres pool
 * hangs: the likely cause of a CI run's afterAll hook timing out on the Postgres lane.
 */
async function stopCrons(payload: Payload) {
  const crons = payload.crons.splice(0)
  for (const cron of crons) {
    cron.stop()
  }
  const deadline = Date.now() + 30_000
  while (crons.some((cron) => cron.isBusy()) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

type PgClient = {
  _activeQuery?: unknown
  _queryQueue?: unknown[]
  end?: () => Promise<void>
  release?: () => void
}
type PgPool = { _clients?: PgClient[]; _idle?: { client: unknown }[]; end: () => Promise<void> }

/**
 * db-postgres leaves its pool open on destroy, and its connect() checks out one client that it
 * never releases, so `pool.end()` alone never resolves and jest never exits. Releases that client
 * (pg-pool keeps no public list of checked-out clients), then ends the pool.
 */
async function closePostgresPool(payload: Payload) {
  const pool = (payload.db as { pool?: PgPool }).pool
  if (!pool) {
    return
  }
  for (const client of pool._clients ?? []) {
    // Checked out and doing nothing: the never-released one. A client with a query running is
    // released by its caller when the query ends (releasing it here too would throw).
    const busy = Boolean(client._activeQuery) || (client._queryQueue?.length ?? 0) > 0
    if (!busy && !pool._idle?.some((item) => item.client === client)) {
      client.release?.()
    }
  }
  // A client still checked out after 10 s belongs to work that will not finish (the adapter is
  // gone): close its connection rather than hang the test file's teardown.
  const ended = pool.end()
  const timer = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), 10_000).unref())
  if ((await Promise.race([ended, timer])) === 'late') {
    const stuck = pool._clients ?? []
    console.warn(
      `closing ${stuck.length} Postgres connection(s) still checked out 10 s after destroy`,
    )
    await Promise.all(stuck.map((client) => client.end?.().catch(() => undefined)))
    await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, 5_000).unref())])
  }
}
