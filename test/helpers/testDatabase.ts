/**
 * The database of an integration test file, by lane (`TEST_DATABASE`):
 * - `sqlite` (default, `npm test`): a fresh SQLite file in a temporary folder;
 * - `mongodb` (`npm run test:mongo`): a fresh database `policy-test-<random>` on the server of `MONGODB_URI`;
 * - `postgres` (`npm run test:postgres`): a fresh database `policy_test_<random>` created on the server of
 *   `POSTGRES_URI`.
 * `drop()` removes it again. Child processes of a test get the same database through DATABASE_URI.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export type DatabaseKind = 'mongodb' | 'postgres' | 'sqlite'

export type TestDatabase = {
  drop: () => Promise<void>
  kind: DatabaseKind
  /** The DATABASE_URI for payload.config.ts. */
  uri: string
}

/** The lane this test run is on. */
export function laneDatabase(): DatabaseKind {
  const lane = process.env.TEST_DATABASE ?? 'sqlite'
  if (lane !== 'sqlite' && lane !== 'mongodb' && lane !== 'postgres') {
    throw new Error(`TEST_DATABASE must be sqlite, mongodb or postgres, not "${lane}"`)
  }
  return lane
}

/** The server URI a lane needs, or undefined for SQLite (always available) / an unset variable. */
export function serverUri(kind: DatabaseKind): string | undefined {
  if (kind === 'mongodb') {
    return process.env.MONGODB_URI || undefined
  }
  if (kind === 'postgres') {
    return process.env.POSTGRES_URI || undefined
  }
  return undefined
}

/**
 * Replaces the database name of a server URI, keeping credentials, hosts (several for a replica set)
 * and options: `mongodb://u:p@a:1,b:2/old?replicaSet=rs` → `mongodb://u:p@a:1,b:2/<name>?replicaSet=rs`.
 */
export function withDatabaseName(uri: string, name: string): string {
  const scheme = uri.indexOf('://')
  const queryAt = uri.indexOf('?', scheme + 3)
  const [base, query] = queryAt === -1 ? [uri, ''] : [uri.slice(0, queryAt), uri.slice(queryAt)]
  const slash = base.indexOf('/', scheme + 3)
  return `${slash === -1 ? base : base.slice(0, slash)}/${name}${query}`
}

export async function createTestDatabase(
  kind: DatabaseKind = laneDatabase(),
): Promise<TestDatabase> {
  const suffix = randomBytes(6).toString('hex')
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'policy-docs-test-'))
    return {
      drop: async () => rmSync(dir, { force: true, recursive: true }),
      kind,
      uri: `file:${join(dir, 'test.db')}`,
    }
  }
  const server = serverUri(kind)
  if (!server) {
    throw new Error(
      kind === 'mongodb'
        ? 'The MongoDB lane needs MONGODB_URI, e.g. MONGODB_URI=mongodb://127.0.0.1:27017 npm run test:mongo'
        : 'The Postgres lane needs POSTGRES_URI, e.g. POSTGRES_URI=postgres://postgres@127.0.0.1:5432/postgres npm run test:postgres',
    )
  }
  if (kind === 'mongodb') {
    const uri = withDatabaseName(server, `policy-test-${suffix}`)
    const drop = async () => {
      const { MongoClient } = await import('mongodb')
      const client = new MongoClient(uri, { serverSelectionTimeoutMS: 10_000 })
      try {
        await client.db().dropDatabase()
      } finally {
        await client.close()
      }
    }
    return { drop, kind, uri }
  }
  const name = `policy_test_${suffix}`
  const admin = async (sql: string) => {
    const { default: pg } = await import('pg')
    const client = new pg.Client({ connectionString: server })
    await client.connect()
    try {
      await client.query(sql)
    } finally {
      await client.end()
    }
  }
  await admin(`CREATE DATABASE ${name}`)
  // WITH (FORCE): a killed child process may still hold a connection.
  return {
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    kind,
    uri: withDatabaseName(server, name),
  }
}
