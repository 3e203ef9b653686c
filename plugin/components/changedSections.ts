'use client'
/**
 * Which sections the saved draft changes since the latest release, shared by the changes panel
 * (which loads the preview) and the section row labels (which mark them). One small store in the
 * admin bundle, so the rows need no request of their own.
 */
import { useSyncExternalStore } from 'react'

let changed: ReadonlySet<string> = new Set()
const listeners = new Set<() => void>()

/** Called by the changes panel whenever a preview arrives. */
export function setChangedSections(keys: readonly string[]): void {
  const next = new Set(keys)
  if (next.size === changed.size && [...next].every((key) => changed.has(key))) return
  changed = next
  for (const listener of listeners) listener()
}

const subscribe = (listener: () => void) => {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** The section keys changed in the saved draft (empty until the panel has loaded its preview). */
export function useChangedSections(): ReadonlySet<string> {
  return useSyncExternalStore(
    subscribe,
    () => changed,
    () => changed,
  )
}
