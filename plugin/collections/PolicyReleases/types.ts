import type { DraftSettings } from '../../../src/releases/index.js'
import type { ReleaseSnapshot } from '../../../src/types.js'
import type { Id, Relation } from '../ids.js'

/** A row of the releases collection (`releasesSlug`), as read at depth 0 with access overridden. */
export type ReleaseDoc = {
  changeNote: Record<string, string>
  contentHash: string
  /** The classifier's proposal, its reasons, the editor's decision and justification. */
  decision?: { draftSettings?: DraftSettings } | null
  /** Per-locale structural diff against the previous release. */
  diff?: { summary?: Record<string, string> } | null
  document?: null | Relation
  documentKey: string
  effectiveAt: string
  hash: string
  id: Id
  /** Taken over from an earlier system by a history import (see `planImportedRelease`). */
  imported?: boolean | null
  kind: 'material' | 'minor'
  major: number
  minor: number
  previousHash: string
  publishedAt: string
  publishedBy?: null | string
  snapshot: ReleaseSnapshot
  /** Locales whose translation follows later (see `checkPublish`). */
  translationFollows?: unknown
  version: string
}
