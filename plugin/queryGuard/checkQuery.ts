import type { FlattenedField } from 'payload'

/**
 * Checks of REST/GraphQL query input that Payload 3.90.1 passes to the database unchecked, where
 * it surfaces as a 500 (a failed SQL statement, a Mongo CastError) instead of a 400:
 * non-numeric ids on numeric-id databases, unparseable dates, geo operators on non-point fields,
 * objects where a value belongs. Paths that cross two relationships are refused too: Payload's
 * query validation leaves a rejected promise unawaited for them, which ends a Node process.
 *
 * Pure: everything it needs about the schema comes in `QuerySchema`.
 */

/** What the checks need to know about a collection and its database. */
export type QuerySchema = {
  /** The collection's fields (`flattenedFields`). */
  fields: FlattenedField[]
  /** How ids of a collection look on this database (`undefined`: any string). */
  idPattern: (collectionSlug: string) => RegExp | undefined
  /** Fields of another collection, for paths through a relationship. */
  relatedFields: (collectionSlug: string) => FlattenedField[] | undefined
  /** The collection's slug (what its own `id` refers to). */
  slug: string
  /** Locale codes, which may follow a localized field in a path (`title.da`). */
  locales: readonly string[]
  /** Fields of the collection's versions table, when it has versions. */
  versionFields?: FlattenedField[]
}

/** Ids of numeric-id databases (SQLite, Postgres serial): a safe integer. */
export const NUMERIC_ID = /^-?\d{1,15}$/
/** Ids of MongoDB: an ObjectId. */
export const OBJECT_ID = /^[0-9a-f]{24}$/i

const OPERATORS = new Set([
  'all',
  'contains',
  'equals',
  'exists',
  'greater_than',
  'greater_than_equal',
  'in',
  'intersects',
  'less_than',
  'less_than_equal',
  'like',
  'near',
  'not_equals',
  'not_in',
  'not_like',
  'within',
])
const GEO = new Set(['intersects', 'near', 'within'])
/** Operators whose value is compared with the column as its type (so it must be of that type). */
const TYPED = new Set([
  'all',
  'equals',
  'greater_than',
  'greater_than_equal',
  'in',
  'less_than',
  'less_than_equal',
  'not_equals',
  'not_in',
])
const MAX_DEPTH = 8

/** What a checked path leads to. */
type Target =
  { kind: 'date' | 'id' | 'number' | 'other' | 'point'; relationTo?: string } | undefined

/** Returns the first problem with an id from a URL, or `undefined` when it is well-formed. */
export function checkId(id: unknown, pattern: RegExp | undefined): string | undefined {
  if (typeof id === 'number') {
    return Number.isSafeInteger(id) || !pattern ? undefined : `Not a valid id: ${String(id)}.`
  }
  if (typeof id !== 'string' || id === '' || id.includes('\0')) {
    return 'Not a valid id.'
  }
  if (pattern && !pattern.test(id)) {
    return `Not a valid id: "${short(id)}".`
  }
  if (pattern === NUMERIC_ID && !Number.isSafeInteger(Number(id))) {
    return `Not a valid id: "${short(id)}".`
  }
  return undefined
}

/** Returns the first problem with a `where` query, or `undefined` when nothing in it would fail in the database. */
export function checkWhere(where: unknown, schema: QuerySchema, depth = 0): string | undefined {
  if (where === undefined || where === null) {
    return undefined
  }
  if (!isPlainObject(where)) {
    return '"where" must be an object of field paths and operators, e.g. where[version][equals]=1.0.'
  }
  if (depth > MAX_DEPTH) {
    return `"where" nests and/or deeper than ${MAX_DEPTH} levels.`
  }
  for (const [path, constraint] of Object.entries(where)) {
    if (path.toLowerCase() === 'and' || path.toLowerCase() === 'or') {
      if (!Array.isArray(constraint)) {
        return `"${path}" must be a list of conditions.`
      }
      for (const item of constraint) {
        const problem = checkWhere(item, schema, depth + 1)
        if (problem) {
          return problem
        }
      }
      continue
    }
    if (!isPlainObject(constraint)) {
      return `"${short(path)}" needs an operator, e.g. where[${short(path)}][equals]=….`
    }
    const target = resolvePath(path, schema)
    if (target === 'too-deep') {
      return `"${short(path)}": a query may follow at most one relationship.`
    }
    for (const [operator, value] of Object.entries(constraint)) {
      if (!OPERATORS.has(operator)) {
        return `Unknown operator "${short(operator)}" on "${short(path)}".`
      }
      const problem = checkValue(path, operator, value, target, schema)
      if (problem) {
        return problem
      }
    }
  }
  return undefined
}

function checkValue(
  path: string,
  operator: string,
  value: unknown,
  target: Target,
  schema: QuerySchema,
): string | undefined {
  if (GEO.has(operator)) {
    return target?.kind === 'point'
      ? undefined
      : `"${operator}" works only on point fields, not on "${short(path)}".`
  }
  if (operator === 'exists') {
    return value === true || value === false || value === 'true' || value === 'false'
      ? undefined
      : `"exists" on "${short(path)}" must be true or false.`
  }
  if (isPlainObject(value)) {
    // Nested queries (`contains` on a relationship) are Payload's to check; objects elsewhere reach the database.
    return operator === 'contains' && target?.relationTo
      ? undefined
      : `"${short(path)}" [${operator}] needs a value, not an object.`
  }
  if (!target || !TYPED.has(operator)) {
    return undefined
  }
  const values = listOf(operator, value)
  for (const item of values) {
    if (Array.isArray(item) || isPlainObject(item)) {
      return `"${short(path)}" [${operator}] needs plain values.`
    }
    if (item === null || item === '' || item === undefined) {
      continue
    }
    if (target.kind === 'date' && Number.isNaN(Date.parse(String(item)))) {
      return `"${short(path)}" [${operator}] needs a date like 2026-01-01 or 2026-01-01T12:00:00Z; got "${short(String(item))}".`
    }
    if (target.kind === 'number' && !Number.isFinite(Number(item))) {
      return `"${short(path)}" [${operator}] needs a number; got "${short(String(item))}".`
    }
    if (target.kind === 'id') {
      const problem = checkId(
        typeof item === 'boolean' ? String(item) : item,
        schema.idPattern(target.relationTo ?? schema.slug),
      )
      if (problem) {
        return `"${short(path)}" [${operator}]: ${problem}`
      }
    }
  }
  return undefined
}

/** `in`, `not_in` and `all` take a list (an array or a comma-separated string); the rest one value. */
function listOf(operator: string, value: unknown): unknown[] {
  if (operator === 'in' || operator === 'not_in' || operator === 'all') {
    if (Array.isArray(value)) {
      return value
    }
    return typeof value === 'string' ? value.split(',') : [value]
  }
  return [value]
}

/**
 * Follows a dotted path through the collection's fields. Unknown paths resolve to `undefined`
 * (Payload itself answers those with a 400). More than one relationship hop gives `'too-deep'`.
 */
function resolvePath(path: string, schema: QuerySchema): 'too-deep' | Target {
  const segments = (path === '_id' ? 'id' : path.replace(/__/g, '.')).split('.')
  const own = walk(segments, schema.fields, schema)
  if (own !== undefined || !schema.versionFields) {
    return own
  }
  return walk(segments, schema.versionFields, schema)
}

function walk(
  segments: string[],
  rootFields: FlattenedField[],
  schema: QuerySchema,
): 'too-deep' | Target {
  let fields: FlattenedField[] | undefined = rootFields
  let collection = schema.slug
  let hops = 0
  let localized = false
  let target: Target = undefined
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index]!
    if (localized && schema.locales.includes(segment)) {
      localized = false
      continue // `title.da` on a localized field
    }
    if (!fields) {
      return target // inside a json field or similar: nothing more to check
    }
    const last = index === segments.length - 1
    const field: FlattenedField | undefined = fields.find((candidate) => candidate.name === segment)
    if (!field) {
      return segment === 'id' && last ? { kind: 'id', relationTo: collection } : undefined
    }
    localized = Boolean('localized' in field && field.localized)
    fields = undefined
    switch (field.type) {
      case 'date':
      case 'number':
      case 'point':
        target = { kind: field.type }
        break
      case 'join':
        return last ? undefined : hops > 0 ? 'too-deep' : undefined
      case 'relationship':
      case 'upload':
        if (typeof field.relationTo !== 'string') {
          return undefined // polymorphic: values are { relationTo, value }; left to Payload
        }
        if (last) {
          return { kind: 'id', relationTo: field.relationTo }
        }
        if (++hops > 1) {
          return 'too-deep'
        }
        collection = field.relationTo
        fields = schema.relatedFields(field.relationTo)
        target = undefined
        break
      default:
        target = { kind: 'other' }
        fields =
          'flattenedFields' in field ? (field.flattenedFields as FlattenedField[]) : undefined
    }
  }
  return target
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function short(value: string, max = 40): string {
  const printable = value.replace(/[\u0000-\u001f\u007f]/g, '?')
  return printable.length > max ? `${printable.slice(0, max)}…` : printable
}
