/**
 * Issue 10, item 2: the plugin starts only if the database has every unique index it relies on
 * (plugin/db/checkUniqueIndexes.ts). Runs on each lane's database.
 */
import type { Payload } from 'payload'

import { spawn } from 'node:child_process'

import {
  checkUniqueIndexes,
  MissingUniqueIndexError,
  requiredUniqueIndexes,
} from '../../plugin/db/checkUniqueIndexes.js'
import { bootPayload, type TestPayload } from '../helpers/bootPayload.js'

let t: TestPayload
let payload: Payload

beforeAll(async () => {
  t = await bootPayload()
  payload = t.payload
}, 60_000)

afterAll(async () => {
  await t?.destroy()
})

const pluginSlugs = () =>
  payload.config.collections
    .map((collection) => collection.slug)
    .filter((slug) => slug.startsWith('policy-'))

/** Drops the database's unique index on these fields of a collection. */
async function dropIndex(collection: string, fields: string[]) {
  const db = payload.db as any
  if (db.name === 'mongoose') {
    const model = db.collections[collection].collection
    const index = (await model.indexes()).find(
      (candidate: any) => Object.keys(candidate.key).join() === fields.join(),
    )
    await model.dropIndex(index.name)
    return
  }
  const table = db.tableNameMap.get(collection.replaceAll('-', '_'))
  const columns = fields.map((field) => db.tables[table][field].name)
  const raw =
    db.name === 'sqlite'
      ? `SELECT il.name AS name, group_concat(ii.name) AS cols FROM pragma_index_list('${table}') il
           JOIN pragma_index_info(il.name) ii WHERE il."unique" = 1 GROUP BY il.name`
      : `SELECT ic.relname AS name, string_agg(a.attname, ',' ORDER BY array_position(x.indkey, a.attnum)) AS cols
           FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid JOIN pg_class ic ON ic.oid = x.indexrelid
           JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ANY (x.indkey)
          WHERE x.indisunique AND t.relname = '${table}' GROUP BY ic.relname`
  const { rows } = await db.execute({ drizzle: db.drizzle, raw })
  const index = rows.find((row: any) => String(row.cols) === columns.join())
  await db.execute({ drizzle: db.drizzle, raw: `DROP INDEX "${index.name}"` })
}

/** Starts the config in a second process on the same database (no schema push) and returns its output. */
function bootSecondProcess(): Promise<{ code: null | number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--import',
        './scripts/preload-lexical.mjs',
        'test/helpers/bootWorker.ts',
      ],
      {
        env: { ...process.env, DB_PUSH: 'false', NODE_OPTIONS: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let output = ''
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('exit', (code) => resolve({ code, output }))
  })
}

describe('unique indexes at startup', () => {
  it('requires the keys that make "sent once" and the release chain hold, and finds them all', async () => {
    const required = requiredUniqueIndexes(payload, pluginSlugs()).map(
      (index) => `${index.collection}:${index.fields.join('+')}`,
    )
    expect(required).toEqual(
      expect.arrayContaining([
        'policy-deliveries:deliveryKey',
        'policy-delivery-claims:claimKey',
        'policy-releases:hash',
        'policy-releases:documentKey+version',
        'policy-releases:documentKey+previousHash',
        'policy-notices:noticeKey',
        'policy-documents:key',
      ]),
    )
    await expect(checkUniqueIndexes(payload, pluginSlugs())).resolves.toBeUndefined()
  })

  it('refuses to start, naming each missing index, when unique indexes were dropped', async () => {
    await dropIndex('policy-deliveries', ['deliveryKey'])
    await dropIndex('policy-releases', ['documentKey', 'version'])
    const error = await checkUniqueIndexes(payload, pluginSlugs()).catch(
      (caught: unknown) => caught,
    )
    expect(error).toBeInstanceOf(MissingUniqueIndexError)
    expect((error as MissingUniqueIndexError).missing).toEqual([
      { collection: 'policy-releases', fields: ['documentKey', 'version'] },
      { collection: 'policy-deliveries', fields: ['deliveryKey'] },
    ])
    expect((error as Error).message).toContain(
      'lacks unique indexes the plugin relies on: policy-releases (documentKey, version); policy-deliveries (deliveryKey)',
    )
    // The same check runs in the plugin's onInit: a second process on this database does not start.
    // (On MongoDB, `ensureIndexes: true` rebuilds a dropped index at connect, so there the process starts with it rebuilt.)
    const second = await bootSecondProcess()
    if (t.database === 'mongodb') {
      expect(second.output).toContain('booted')
      await expect(checkUniqueIndexes(payload, pluginSlugs())).resolves.toBeUndefined()
      // Where duplicates keep the index from being built, the start fails.
      await dropIndex('policy-deliveries', ['deliveryKey'])
      const deliveries = (payload.db as any).collections['policy-deliveries'].collection
      await deliveries.insertMany([{ deliveryKey: 'twice' }, { deliveryKey: 'twice' }])
      const third = await bootSecondProcess()
      expect(third.code).toBe(1)
      expect(third.output).toMatch(/E11000 duplicate key[^\n]*deliveryKey/)
    } else {
      expect(second.code).toBe(1)
      expect(second.output).toContain(
        'lacks unique indexes the plugin relies on: policy-releases (documentKey, version); policy-deliveries (deliveryKey)',
      )
      expect(second.output).not.toContain('booted')
    }
  }, 120_000)
})
