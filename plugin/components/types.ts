/**
 * Props and the JSON shapes the admin components read. The shapes mirror the answers of the
 * preview endpoint (`getPreviewEndpoint`), the public archive (`GET {publicPath}/:key/releases`)
 * and Payload's REST API for notices; the components never see Payload documents otherwise.
 */
import type { CompletenessReport } from '../../src/completeness/index.js'
import type { DiffStats } from '../../src/diff/index.js'
import type {
  Leftover,
  PublishFacts,
  PublishOutcome,
  PublishProblem,
  PublishSettings,
} from '../../src/releases/publishRules.js'
import type { ChangeKind } from '../../src/types.js'
import type { KindSuggestionItem } from './KindSuggestions/index.client.js'

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
  /** The text changed in substance (not only formatting, spelling or punctuation). */
  contentChanged: boolean
  html: string
  stats: DiffStats
  summary: string
  titleChanged: boolean
}

/** `GET {publicPath}/:key/preview?locale=…`: what publishing the saved draft would do. */
export type PublishPreview = {
  banner: { days: number; effectiveAt: string; until: string }
  changed: boolean
  /** Keys of the sections the draft changes in any locale. */
  changedSections: string[]
  /** The publish rules on the settings as last saved, each problem with its rendered message. */
  check: {
    leftovers: Leftover[]
    outcome: null | PublishOutcome
    problems: Array<PublishProblem & { message: string }>
  }
  /** The GDPR Art. 13/14 checklist per locale (issue 12). */
  completeness?: { mode: 'block' | 'warn'; reports: Record<string, CompletenessReport> }
  diff: Record<string, PreviewLocaleDiff>
  document: string
  /** Kinds the text suggests for sections of the previewed locale (issue 12). */
  kindSuggestions?: KindSuggestionItem[]
  /** What the publish rules need besides the settings (`checkPublish`). */
  facts: PublishFacts
  previousVersion: null | string
  proposal: ChangeKind
  reasons: Array<{
    code: string
    locale: string
    material: boolean
    message: string
    section: null | string
  }>
  /** The publish settings as last saved, every locale. */
  savedSettings: PublishSettings
  subscribers: number
  versions: Record<ChangeKind, string>
}

/** One entry of the public archive. */
export type ArchiveRelease = {
  changeNote: string
  effectiveAt: string
  /** Taken over from an earlier system by a history import (announced nothing here). */
  imported?: boolean
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
