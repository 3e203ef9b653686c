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
 *
 * `postgresRateLimiter` and `mongoRateLimiter` keep the plugin's subscription rate limits in the
 * database, shared by every process of the app.
 */
import type { DatabaseAdapterObj } from 'payload'

import { mongooseAdapter } from '@payloadcms/db-mongodb'
import { postgresAdapter } from '@payloadcms/db-postgres'
import { MongoClient } from 'mongodb'
import pg from 'pg'
import {
  type RateLimiterAbstract,
  RateLimiterMongo,
  RateLimiterPostgres,
} from 'rate-limiter-flexible'

import type { RateLimiterFactory } from './plugin/index.js'

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

type Limit = Parameters<RateLimiterFactory>[0]

/**
 * A `subscriptions.rateLimiter` on a store that `connect` opens at the first request (not when
 * the config is built), once for all limiters; a failed connect is tried again at the next request.
 */
function limiterOnStore<Store>(
  connect: () => Promise<Store>,
  make: (store: Store, limit: Limit) => RateLimiterAbstract,
): RateLimiterFactory {
  let store: Promise<Store> | undefined
  const ready = () =>
    (store ??= connect().catch((error: unknown) => {
      store = undefined
      throw error
    }))
  return (limit) => {
    let limiter: RateLimiterAbstract | undefined
    return { consume: async (key) => (limiter ??= make(await ready(), limit)).consume(key) }
  }
}

/**
 * The plugin's `subscriptions.rateLimiter` on PostgreSQL: rate-limiter-flexible's
 * RateLimiterPostgres on a small pool of its own, in one table (`policy_rate_limits`, outside
 * Payload's schema), so every process of the app counts against the same limits.
 */
export function postgresRateLimiter(
  connectionString: string,
  tableName = 'policy_rate_limits',
): RateLimiterFactory {
  const connect = async () => {
    const pool = new ResilientPool({ connectionString, max: 4 })
    try {
      await pool.query(
        `CREATE TABLE IF NOT EXISTS "${tableName}" (key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)`,
      )
    } catch (error) {
      // Two processes creating it at once: the loser gets a unique violation (23505) or 42P07.
      const code = (error as { code?: string }).code
      if (code !== '23505' && code !== '42P07') {
        await pool.end()
        throw error
      }
    }
    return pool
  }
  return limiterOnStore(
    connect,
    (storeClient, limit) =>
      new RateLimiterPostgres({
        ...limit,
        clearExpiredByTimeout: true,
        storeClient,
        storeType: 'pool',
        tableCreated: true,
        tableName,
      }),
  )
}

/**
 * The plugin's `subscriptions.rateLimiter` on MongoDB: rate-limiter-flexible's RateLimiterMongo on
 * a client of its own, in one collection (`policy_rate_limits`, with a unique index on the key and
 * a TTL index on the expiry) of the URI's database.
 */
export function mongoRateLimiter(
  url: string,
  collectionName = 'policy_rate_limits',
): RateLimiterFactory {
  return limiterOnStore(
    async () => (await new MongoClient(url, { maxPoolSize: 4 }).connect()).db(),
    // A Db, not the client: the limiter then uses this database, not one of its own.
    (storeClient, limit) =>
      new RateLimiterMongo({ ...limit, storeClient, tableName: collectionName }),
  )
}
