/**
 * The unique indexes the plugin relies on, checked against the live database at init.
 *
 * "Nobody gets two messages", "one claim per attempt", "one release per version" and "the hash chain
 * never forks" hold only because the database refuses a second row with the same key. On MongoDB,
 * indexes are built by the application, and one that cannot be built (duplicates already there) or
 * was dropped leaves no trace but the lost guarantee; on SQL databases a hand-written or forgotten
 * migration can do the same. So at init the plugin lists the unique indexes of its collections and
 * refuses to start, naming each missing one, if the database lacks any.
 *
 * What is required: every unique, non-localized field (top level, or in groups and named tabs) and
 * every unique compound index (`indexes`) of the given collections. An index on fewer of the same
 * fields counts (it is stricter); a partial index does not (it exempts rows).
 */
import type { FlattenedField, Payload } from 'payload'

import { adapterInternals } from './adapterInternals.js'

export type UniqueIndex = {
  collection: string
  /** Field paths, dot-separated for fields in groups. */
  fields: string[]
}

export class MissingUniqueIndexError extends Error {
  constructor(readonly missing: UniqueIndex[]) {
    super(
      `[policy-documents] The database lacks unique indexes the plugin relies on: ${missing
        .map((index) => `${index.collection} (${index.fields.join(', ')})`)
        .join(
          '; ',
        )}. Without them a notice can reach a subscriber twice or a release chain can fork. ` +
        'On MongoDB, look for duplicate values that kept the index from being built (db-mongodb with `ensureIndexes: true` ' +
        'reports them at start); on Postgres or SQLite, run the migrations (`payload migrate`).',
    )
    this.name = 'MissingUniqueIndexError'
  }
}

/** The unique indexes declared by the given collections' configs. */
export function requiredUniqueIndexes(payload: Payload, slugs: string[]): UniqueIndex[] {
  const required: UniqueIndex[] = []
  for (const slug of slugs) {
    const config = payload.collections[slug]?.config
    if (!config) {
      continue
    }
    const walk = (fields: FlattenedField[], prefix: string[]) => {
      for (const field of fields) {
        if (field.localized) {
          continue
        }
        if ((field.type === 'group' || field.type === 'tab') && 'flattenedFields' in field) {
          walk(field.flattenedFields, [...prefix, field.name])
        } else if ('unique' in field && field.unique && !('hasMany' in field && field.hasMany)) {
          required.push({ collection: slug, fields: [[...prefix, field.name].join('.')] })
        }
      }
    }
    walk(config.flattenedFields, [])
    for (const index of config.indexes ?? []) {
      if (index.unique) {
        required.push({ collection: slug, fields: index.fields })
      }
    }
  }
  return required
}

type Row = Record<string, unknown>
type DrizzleAdapter = {
  drizzle: unknown
  execute: (args: { drizzle: unknown; raw: string }) => Promise<{ rows: Row[] }>
  name: string
  schemaName?: string
  tableNameMap: Map<string, string>
  tables: Record<string, Record<string, { name?: string } | undefined>>
}
type MongooseAdapter = {
  collections: Record<string, { collection: { indexes: () => Promise<Row[]> } }>
}

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`
const snakeCase = (slug: string) =>
  slug
    .replaceAll('-', '_')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()

type ExistingIndexes = {
  /** How the database names a field path: a MongoDB path, or a SQL column. */
  nameOf: (path: string[]) => string
  /** The full (non-partial) unique indexes, each as the names of its fields. */
  unique: string[][]
}

/** The unique indexes of one collection in the database, or null for an adapter this check does not know. */
async function existingUniqueIndexes(
  payload: Payload,
  slug: string,
): Promise<ExistingIndexes | null> {
  const db = adapterInternals<DrizzleAdapter & MongooseAdapter>(payload)
  if (db.name === 'mongoose') {
    const model = db.collections[slug]
    const indexes = model
      ? await model.collection.indexes().catch((error: { codeName?: string }) => {
          // A collection that does not exist yet has no indexes.
          if (error?.codeName === 'NamespaceNotFound') {
            return []
          }
          throw error
        })
      : []
    return {
      nameOf: (path) => path.join('.'),
      unique: indexes
        .filter((index) => index.unique === true && !index.partialFilterExpression)
        .map((index) => Object.keys(index.key as Row)),
    }
  }
  if (db.name !== 'sqlite' && db.name !== 'postgres') {
    return null
  }
  const tableName = db.tableNameMap.get(snakeCase(slug)) ?? snakeCase(slug)
  const table = db.tables[tableName] ?? {}
  const raw =
    db.name === 'sqlite'
      ? `SELECT il.name AS name, ii.name AS col FROM pragma_index_list(${quote(tableName)}) il
           JOIN pragma_index_info(il.name) ii WHERE il."unique" = 1 AND il.partial = 0`
      : `SELECT ic.relname AS name, a.attname AS col
           FROM pg_index x
           JOIN pg_class t ON t.oid = x.indrelid
           JOIN pg_namespace n ON n.oid = t.relnamespace
           JOIN pg_class ic ON ic.oid = x.indexrelid
           JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ANY (x.indkey)
          WHERE x.indisunique AND x.indpred IS NULL AND t.relname = ${quote(tableName)}
            AND n.nspname = ${quote(db.schemaName || 'public')}`
  const { rows } = await db.execute({ drizzle: db.drizzle, raw })
  const byIndex = new Map<string, string[]>()
  for (const row of rows) {
    byIndex.set(String(row.name), [...(byIndex.get(String(row.name)) ?? []), String(row.col)])
  }
  return {
    // The adapter's own schema knows the column of a field path (`release_changeKind` → release_change_kind).
    nameOf: (path) => table[path.join('_')]?.name ?? snakeCase(path.join('_')),
    unique: [...byIndex.values()],
  }
}

/** The required unique indexes the database lacks (empty when all exist), or null if the adapter is unknown. */
export async function findMissingUniqueIndexes(
  payload: Payload,
  slugs: string[],
): Promise<null | UniqueIndex[]> {
  const missing: UniqueIndex[] = []
  const existing = new Map<string, ExistingIndexes>()
  for (const required of requiredUniqueIndexes(payload, slugs)) {
    if (!existing.has(required.collection)) {
      const found = await existingUniqueIndexes(payload, required.collection)
      if (found === null) {
        return null
      }
      existing.set(required.collection, found)
    }
    const { nameOf, unique } = existing.get(required.collection)!
    const names = required.fields.map((field) => nameOf(field.split('.')))
    if (
      !unique.some((fields) => fields.length > 0 && fields.every((field) => names.includes(field)))
    ) {
      missing.push(required)
    }
  }
  return missing
}

/** Throws MissingUniqueIndexError if the database lacks a unique index the given collections declare. */
export async function checkUniqueIndexes(payload: Payload, slugs: string[]): Promise<void> {
  const missing = await findMissingUniqueIndexes(payload, slugs)
  if (missing === null) {
    payload.logger.warn(
      `[policy-documents] Cannot verify unique indexes on the "${payload.db.name}" database adapter: make sure the unique fields and indexes of the plugin's collections exist.`,
    )
    return
  }
  if (missing.length > 0) {
    throw new MissingUniqueIndexError(missing)
  }
}
