import type { Payload } from 'payload'

/**
 * The database adapter as the shape `T` of its internals (mongoose models, drizzle tables, the
 * libsql client or pg pool), which Payload's `DatabaseAdapter` type does not declare. The plugin
 * depends on no adapter package, so each caller declares the few members it uses and checks
 * `name` before relying on them; this is the one cast for all of them.
 */
export function adapterInternals<T>(payload: Payload): T {
  return payload.db as unknown as T
}
