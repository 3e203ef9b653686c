import type {
  AfterErrorHook,
  CollectionBeforeOperationHook,
  Payload,
  SanitizedCollectionConfig,
} from 'payload'

import { APIError, buildVersionCollectionFields } from 'payload'

import type { QuerySchema } from './checkQuery.js'

import { checkId, checkWhere, NUMERIC_ID, OBJECT_ID } from './checkQuery.js'

const schemas = new WeakMap<SanitizedCollectionConfig, QuerySchema>()

/** How ids of a collection look on this database, or `undefined` when any string may be one. */
function idPatternOf(payload: Payload, slug: string): RegExp | undefined {
  const custom = payload.collections[slug]?.config.flattenedFields.find(
    (field) => field.name === 'id',
  )
  if (custom) {
    return custom.type === 'number' ? NUMERIC_ID : undefined
  }
  if (payload.db.defaultIDType === 'number') {
    return NUMERIC_ID
  }
  return payload.db.name === 'mongoose' ? OBJECT_ID : undefined
}

function schemaOf(payload: Payload, collection: SanitizedCollectionConfig): QuerySchema {
  let schema = schemas.get(collection)
  if (!schema) {
    const localization = payload.config.localization
    schema = {
      fields: collection.flattenedFields,
      idPattern: (slug) => idPatternOf(payload, slug),
      locales: localization ? localization.localeCodes : [],
      relatedFields: (slug) => payload.collections[slug]?.config.flattenedFields,
      slug: collection.slug,
      versionFields: collection.versions
        ? buildVersionCollectionFields(payload.config, collection, true)
        : undefined,
    }
    schemas.set(collection, schema)
  }
  return schema
}

/**
 * `beforeOperation` hook: refuses with a 400 the ids and `where` queries that would otherwise
 * fail in the database (and be answered with a 500), or cross two relationships (which makes
 * Payload 3.90.1 leave a rejected promise unawaited). Only REST and GraphQL requests are checked;
 * the Local API is trusted code.
 */
export const rejectMalformedQueries: CollectionBeforeOperationHook = ({
  args,
  collection,
  req,
}) => {
  if (!req || req.payloadAPI === 'local') {
    return args
  }
  const input = args as { id?: unknown; where?: unknown }
  const schema = schemaOf(req.payload, collection)
  if ('id' in input && input.id !== undefined) {
    const problem = checkId(input.id, schema.idPattern(collection.slug))
    if (problem) {
      throw new APIError(problem, 404, undefined, true)
    }
  }
  const problem = checkWhere(input.where, schema)
  if (problem) {
    throw new APIError(problem, 400, undefined, true)
  }
  return args
}

/**
 * Root `afterError` hook: input Payload's REST layer fails to parse before any operation runs
 * (`?where=` or `?data=` that is not JSON, a path with a broken %-escape) is the client's error,
 * so it gets a 400 rather than a 500.
 */
export const malformedRequestIs400: AfterErrorHook = ({ error }) => {
  const unparseable =
    error instanceof URIError || (error instanceof SyntaxError && /JSON/i.test(error.message))
  if (!unparseable || (error as { status?: number }).status) {
    return undefined
  }
  return {
    response: {
      errors: [
        {
          message:
            error instanceof URIError
              ? 'The URL has a malformed %-escape.'
              : 'A query parameter is not valid JSON.',
        },
      ],
    },
    status: 400,
  }
}
