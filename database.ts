/**
 * The MongoDB and PostgreSQL adapters of the host config (payload.config.ts picks one from
 * DATABASE_URI; SQLite stays there as the default).
 *
 * MongoDB:
 * - `ensureIndexes: true`: the unique indexes the plugin relies on (one delivery per subscriber and
 *   notice, one claim per attempt, one release per version) are built before Payload starts, not in
 *   the background; if existing duplicates prevent one, the start fails. The plugin also checks them
 *   at init (plugin/db/checkUniqueIndexes.ts).
 * - Host-passable switches, here from the environment:
 *   `DB_TRANSACTIONS=false` turns transactions off (as on every adapter of this config; db-mongodb
 *   already does so without a replica set); `MONGODB_JOIN_AGGREGATIONS=false` and
 *   `MONGODB_PIPELINE_IN_SORT_LOOKUP=false` avoid `$lookup` pipelines, for DocumentDB, Cosmos DB
 *   and emulators.
 *
 * PostgreSQL: `postgres://` or `postgresql://`. Outside production the schema is pushed (as for
 * SQLite; `DB_PUSH=false` for extra processes on the same database); production uses migrations
 * (`payload migrate:create`, `payload migrate`).
 */
import type { DatabaseAdapterObj } from 'payload'

import { mongooseAdapter } from '@payloadcms/db-mongodb'
import { postgresAdapter } from '@payloadcms/db-postgres'
import pg from 'pg'

/**
 * pg's Pool emits 'error' when an idle connection breaks (a server restart, a dropped link), and
 * db-postgres listens for none: Node then throws it and the whole process dies. With a listener the
 * pool drops the broken connection and opens a new one for the next query.
 */
class ResilientPool extends pg.Pool {
  constructor(options?: pg.PoolConfig) {
    super(options)
    this.on('error', (error) =>
      console.warn(`[postgres] an idle connection broke and was dropped: ${error.message}`),
    )
  }
}

const isOff = (value: string | undefined) => value === 'false' || value === '0'

export const isMongoUri = (uri: string) =>
  uri.startsWith('mongodb://') || uri.startsWith('mongodb+srv://')
export const isPostgresUri = (uri: string) =>
  uri.startsWith('postgres://') || uri.startsWith('postgresql://')

export function mongoDatabase(
  url: string,
  env: NodeJS.ProcessEnv = process.env,
): DatabaseAdapterObj {
  return mongooseAdapter({
    ensureIndexes: true,
    transactionOptions: isOff(env.DB_TRANSACTIONS) ? false : {},
    url,
    useJoinAggregations: !isOff(env.MONGODB_JOIN_AGGREGATIONS),
    usePipelineInSortLookup: !isOff(env.MONGODB_PIPELINE_IN_SORT_LOOKUP),
  })
}

export function postgresDatabase(
  connectionString: string,
  env: NodeJS.ProcessEnv = process.env,
): DatabaseAdapterObj {
  return postgresAdapter({
    pg: { ...pg, Pool: ResilientPool },
    pool: { connectionString },
    push: !isOff(env.DB_PUSH),
    // A publish and its release commit or roll back together (DB_TRANSACTIONS=false: without, as tests of that case need).
    transactionOptions: isOff(env.DB_TRANSACTIONS) ? false : {},
  })
}
