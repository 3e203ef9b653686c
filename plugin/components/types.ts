/**
 * Props and the JSON shapes the admin components read. The shapes mirror the answers of the
 * preview endpoint (`getPreviewEndpoint`), the public archive (`GET {publicPath}/:key/releases`)
 * and Payload's REST API for notices; the components never see Payload documents otherwise.
 */
import type { DiffStats } from '../../src/diff/index.js'
import type { ChangeKind } from '../../src/types.js'

/** Serializable props the collection passes to both components (`admin.components.Field.clientProps`). */
export type PolicyAdminClientProps = {
  /** Slug of the delivery records, for sent/pending/failed counts. */
  deliveriesSlug: string
  /** The locales a release must be complete in (the preview's `locale` must be one of them). */
  locales: string[]
  /** Days of notice a material change needs between publication and effect (`publication.minNoticeDays`). */
  minNoticeDays: number
  /** Slug of the notices collection. */
  noticesSlug: string
  /** Base path of the plugin's API under Payload's API route, e.g. `/policies`. */
  publicPath: string
  /** IANA time zone for dates, as in e-mails and banners. */
  timeZone: string
}

/** One locale of the preview's diff. `html` is built and escaped by the server (`renderDiffHtml`). */
export type PreviewLocaleDiff = {
  complete: boolean
  html: string
  stats: DiffStats
  summary: string
}

/** `GET {publicPath}/:key/preview?locale=…`: what publishing the saved draft would do. */
export type PublishPreview = {
  banner: { days: number; effectiveAt: string; until: string }
  changed: boolean
  diff: Record<string, PreviewLocaleDiff>
  document: string
  missing: null | { items: unknown[]; message: string }
  /** The publish rules applied to the settings as last saved (the same function the publish runs). */
  outcome:
    | null
    | { plan: { effectiveAt: string; kind: ChangeKind; notify: boolean; version: string } }
    | { refused: { code: string; message: string } }
  previousVersion: null | string
  proposal: ChangeKind
  reasons: Array<{ code: string; locale: string; material: boolean; message: string; section: null | string }>
  subscribers: number
  versions: Record<ChangeKind, string>
}

/** One entry of the public archive. */
export type ArchiveRelease = {
  changeNote: string
  effectiveAt: string
  kind: ChangeKind
  publishedAt: string
  version: string
}

/** `GET {publicPath}/:key/releases?locale=…`, newest first. */
export type Archive = {
  inForce: null | string
  releases: ArchiveRelease[]
}

/** A notice document from Payload's REST API (`depth=0`). */
export type NoticeDoc = {
  completedAt?: null | string
  createdAt: string
  id: number | string
  kind: 'correction' | 'notice'
  recipients?: null | number
  status: 'done' | 'queued' | 'sending'
  version: string
}
