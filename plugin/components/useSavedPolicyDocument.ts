'use client'
import { useConfig, useDocumentEvents, useDocumentInfo } from '@payloadcms/ui'

/** Delay before re-fetching after `savedVersion` changes: one save updates it in a few quick steps, fetched once. */
export const REFETCH_DELAY_MS = 150

/** What the admin components know about the document being edited, as last saved. */
export type SavedPolicyDocument = {
  /** `serverURL` + Payload's API route, e.g. `http://localhost:3000/api`. */
  apiBase: string
  /** The saved document's stable key; null until the document has been saved once. */
  key: null | string
  /**
   * Changes whenever a save (draft or publish) of this document lands: the edit view sets
   * `lastUpdateTime` and the saved `data` after every save, and reports it as a document event.
   */
  savedVersion: string
}

/**
 * The saved state of the edited policy document. The preview endpoint reads the saved draft, so
 * this (not the form) is what the components fetch for, and `savedVersion` is their refresh trigger.
 */
export function useSavedPolicyDocument(): SavedPolicyDocument {
  const { config } = useConfig()
  const { collectionSlug, data, id, initialData, lastUpdateTime } = useDocumentInfo()
  const { mostRecentUpdate } = useDocumentEvents()
  const saved = (data ?? initialData) as { key?: unknown; updatedAt?: unknown } | undefined
  const key = id !== undefined && typeof saved?.key === 'string' && saved.key ? saved.key : null
  const event =
    mostRecentUpdate &&
    mostRecentUpdate.entitySlug === collectionSlug &&
    String(mostRecentUpdate.id) === String(id)
      ? mostRecentUpdate.updatedAt
      : ''
  return {
    apiBase: `${config.serverURL ?? ''}${config.routes.api}`,
    key,
    savedVersion: `${lastUpdateTime}|${String(saved?.updatedAt ?? '')}|${event}`,
  }
}
