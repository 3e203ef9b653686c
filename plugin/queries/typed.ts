import type { Payload } from 'payload'

/**
 * Payload types Local API results by the host's generated collection types, which a plugin whose
 * slugs are configurable cannot name, so the plugin's own documents come back as loose records.
 * These run the Local API call unchanged and give its result the document type declared next to
 * the collection (plugin/collections/*\/types.ts): the one place that conversion is made.
 */

type FindArgs = Parameters<Payload['find']>[0]
type FindByIDArgs = Parameters<Payload['findByID']>[0]
type CreateArgs = Parameters<Payload['create']>[0]
type UpdateByIDArgs = Extract<Parameters<Payload['update']>[0], { id: unknown }>

/** `payload.find`, its documents typed as `T`. */
export async function findDocs<T>(payload: Payload, args: FindArgs): Promise<T[]> {
  const { docs } = await payload.find(args)
  return docs as T[]
}

/** `payload.findByID`, the document typed as `T`. */
export async function findDocByID<T>(payload: Payload, args: FindByIDArgs): Promise<T> {
  return (await payload.findByID(args)) as T
}

/** `payload.create`, the new document typed as `T`. */
export async function createDoc<T>(payload: Payload, args: CreateArgs): Promise<T> {
  return (await payload.create(args)) as T
}

/** `payload.update` of one document by ID, the updated document typed as `T`. */
export async function updateDocByID<T>(payload: Payload, args: UpdateByIDArgs): Promise<T> {
  return (await payload.update(args)) as T
}
