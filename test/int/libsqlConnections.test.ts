/**
 * The connection layer under Payload's SQLite adapter, on a real file with real libsql: a
 * connection that saw SQLITE_BUSY is never used again, and a failed COMMIT is reported.
 * (The Payload-level behaviour is in sqliteConcurrency.test.ts.)
 */
import { type Client, createClient } from '@libsql/client'
import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { replaceLibsqlConnections } from '../../plugin/sqlite/libsqlConnections.js'

type RawDatabase = {
  close: () => void
  prepare: (sql: string) => {
    iterate: () => Iterator<unknown>
    run: (...args: unknown[]) => unknown
  }
}
const Database = createRequire(import.meta.url)('libsql') as new (path: string) => RawDatabase

let dir: string
let url: string
const opened: Array<{ close: () => void }> = []

/** A plain @libsql/client client, as the adapter creates it. */
const plainClient = () => {
  const client = createClient({ url })
  opened.push(client)
  return client
}

/** A client rewired like the plugin does on SQLite; by default with no busy wait, so a lock fails at once. */
function rewiredClient(onCommitFailed?: (error: unknown) => void, busyTimeoutMs = 0): Client {
  const client = plainClient()
  replaceLibsqlConnections(
    client,
    { url },
    { busyTimeoutMs, commitReporter: () => onCommitFailed, createClient },
  )
  return client
}

/** Another process's writer: holds the write lock until `release()`. */
function otherWriter() {
  const db = new Database(url.slice('file:'.length))
  opened.push(db)
  db.prepare('BEGIN IMMEDIATE').run()
  return { release: () => db.prepare('COMMIT').run() }
}

/** More rows than libsql reads in one batch, so a reader that took one row stays mid-statement. */
const MANY_ROWS =
  'WITH RECURSIVE n(x) AS (SELECT 1000 UNION ALL SELECT x + 1 FROM n WHERE x < 1150) INSERT INTO t SELECT x FROM n'

/** Rows as a fresh connection sees them: committed ones only. */
async function committedRows(): Promise<number[]> {
  const fresh = createClient({ url })
  try {
    return (await fresh.execute('SELECT x FROM t ORDER BY x')).rows.map((row) => Number(row.x))
  } finally {
    fresh.close()
  }
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'policy-docs-libsql-'))
  url = `file:${join(dir, 'test.db')}`
  const setup = createClient({ url })
  await setup.execute('CREATE TABLE t (x INTEGER)')
  setup.close()
})

afterEach(() => {
  for (const handle of opened.splice(0)) {
    try {
      handle.close()
    } catch {
      // already closed
    }
  }
  rmSync(dir, { force: true, recursive: true })
})

describe('plain @libsql/client (why the rewiring exists)', () => {
  it('after one SQLITE_BUSY, a write on the same connection reports success and is never stored', async () => {
    const client = plainClient()
    const other = otherWriter()
    await expect(client.execute('INSERT INTO t VALUES (1)')).rejects.toThrow(/SQLITE_BUSY/)
    other.release()
    await client.execute('INSERT INTO t VALUES (2)')
    expect(await committedRows()).toEqual([])
  })
})

describe('replaceLibsqlConnections', () => {
  it('retires the connection of a statement that failed with SQLITE_BUSY: the next write is stored', async () => {
    const client = rewiredClient()
    const other = otherWriter()
    await expect(client.execute('INSERT INTO t VALUES (1)')).rejects.toThrow(/SQLITE_BUSY/)
    other.release()
    await client.execute('INSERT INTO t VALUES (2)')
    expect(await committedRows()).toEqual([2])
  })

  it('a transaction whose BEGIN fails leaves nothing behind: later writes and transactions are stored', async () => {
    const client = rewiredClient()
    const other = otherWriter()
    await expect(client.transaction('write')).rejects.toThrow(/SQLITE_BUSY/)
    other.release()
    await client.execute('INSERT INTO t VALUES (1)')
    const tx = await client.transaction('write')
    await tx.execute('INSERT INTO t VALUES (2)')
    await tx.commit()
    expect(tx.closed).toBe(true)
    expect(await committedRows()).toEqual([1, 2])
  })

  it("waits for another writer's transaction without blocking the event loop, then gives up at the busy timeout", async () => {
    const client = rewiredClient(undefined, 1500)
    const other = otherWriter()
    let ticks = 0
    const ticker = setInterval(() => ticks++, 10)
    try {
      // The other writer (here in this same process, so a blocked event loop could never let it
      // finish) ends its transaction after 300 ms; BEGIN gets in afterwards.
      setTimeout(() => other.release(), 300)
      const started = Date.now()
      const tx = await client.transaction('write')
      expect(Date.now() - started).toBeGreaterThanOrEqual(250)
      // Timers ran while BEGIN waited (a 10 ms ticker; on a loaded machine it fires far less often
      // than every 10 ms, so only a few ticks are required — a loop blocked for the wait gets none).
      expect(ticks).toBeGreaterThan(2)
      await tx.execute('INSERT INTO t VALUES (1)')
      await tx.commit()
      expect(await committedRows()).toEqual([1])
      // Held past the busy timeout: SQLITE_BUSY, and the file still takes writes afterwards.
      const holder = otherWriter()
      const waitStarted = Date.now()
      await expect(client.transaction('write')).rejects.toThrow(/SQLITE_BUSY/)
      expect(Date.now() - waitStarted).toBeGreaterThanOrEqual(1400)
      holder.release()
      const next = await client.transaction('write')
      await next.execute('INSERT INTO t VALUES (2)')
      await next.commit()
      expect(await committedRows()).toEqual([1, 2])
    } finally {
      clearInterval(ticker)
    }
  })

  it('reports a COMMIT that fails and stores nothing of its transaction', async () => {
    const failures: unknown[] = []
    const client = rewiredClient((error) => failures.push(error))
    await client.execute(MANY_ROWS)
    // A reader mid-way through a long SELECT holds a shared lock; in rollback-journal mode COMMIT
    // needs an exclusive one. (In WAL mode it does not: see below.)
    const reader = new Database(url.slice('file:'.length))
    opened.push(reader)
    reader.prepare('SELECT x FROM t').iterate().next()
    const tx = await client.transaction('write')
    await tx.execute('INSERT INTO t VALUES (1)')
    await expect(tx.commit()).rejects.toThrow(/SQLITE_BUSY/)
    expect(failures).toHaveLength(1)
    expect(tx.closed).toBe(true)
    await tx.rollback()
    expect(await committedRows()).not.toContain(1)
  })

  it('in WAL mode a reader does not make COMMIT fail', async () => {
    const setup = plainClient()
    await setup.execute('PRAGMA journal_mode = WAL')
    const client = rewiredClient()
    await client.execute(MANY_ROWS)
    const reader = new Database(url.slice('file:'.length))
    opened.push(reader)
    reader.prepare('SELECT x FROM t').iterate().next()
    const tx = await client.transaction('write')
    await tx.execute('INSERT INTO t VALUES (1)')
    await tx.commit()
    expect(await committedRows()).toContain(1)
  })

  it('a transaction is on its own connection: the shared connection does not see it before COMMIT', async () => {
    const client = rewiredClient()
    const tx = await client.transaction('write')
    await tx.execute('INSERT INTO t VALUES (7)')
    expect((await client.execute('SELECT count(*) AS n FROM t')).rows[0]!.n).toBe(0)
    await tx.commit()
    expect((await client.execute('SELECT count(*) AS n FROM t')).rows[0]!.n).toBe(1)
  })
})
