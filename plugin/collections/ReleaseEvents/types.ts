import type { Id, Relation } from '../ids.js'

/** A row of the release events collection (`eventsSlug`): a postponement or withdrawal, read at depth 0. */
export type EventDoc = {
  // documentKey, hash, previousEffectiveAt, recordedAt and version are set by the collection's
  // beforeChange hook when the event is recorded.
  documentKey: string
  /** The new effective date of a postponement. */
  effectiveAt?: null | string
  hash: string
  id: Id
  previousEffectiveAt: string
  reason: string
  recordedAt: string
  release: Relation
  type: 'postponed' | 'withdrawn'
  version: string
}
