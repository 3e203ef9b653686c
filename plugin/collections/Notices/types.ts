import type { Id, Relation } from '../ids.js'

/**
 * The document types of the collections in ./index.ts (subscribers, notices, deliveries), as the
 * plugin reads them: at depth 0 with access overridden, unless a reader says otherwise.
 */

/** A row of the subscribers collection (`subscribersSlug`). */
export type SubscriberDoc = {
  confirmedAt?: null | string
  confirmNonceHash?: null | string
  createdAt: string
  documents?: null | string[]
  email: string
  id: Id
  locale: string
  requestedAt?: null | string
  status: 'confirmed' | 'pending' | 'unsubscribed'
  tokenKey?: null | string
  unsubscribedAt?: null | string
}

/** How far planning a notice got: the source being planned and the last recipient ID planned in it. */
export type PlanWatermark = { after: null | number | string; source: number }

/** A row of the notices collection (`noticesSlug`): one notice or correction of one release. */
export type NoticeDoc = {
  completedAt?: null | string
  documentKey: string
  /** The postponement or withdrawal a correction tells of. */
  event?: null | Relation
  id: Id
  kind: 'correction' | 'notice'
  nextRunAt?: null | string
  noticeKey: string
  plan?: null | PlanWatermark
  /** Deliveries planned; set once planning is done. */
  recipients?: null | number
  release: Relation
  status: 'done' | 'queued' | 'sending'
  version: string
}

/** A row of the deliveries collection (`deliveriesSlug`): one notice to one recipient. */
export type DeliveryDoc = {
  attempts?: null | number
  claimedBy?: null | string
  contentHash?: null | string
  deliveryKey: string
  id: Id
  lastError?: null | string
  leaseUntil?: null | string
  locale: string
  messageId?: null | string
  nextAttemptAt?: null | string
  notice: Relation
  releaseVersion?: null | string
  sentAt?: null | string
  smtpResponse?: null | string
  /** The recipient's collection; absent for subscribers. */
  source?: null | string
  status: 'failed' | 'pending' | 'retry' | 'sent' | 'skipped'
  /** The recipient's ID in `source`, as text. */
  subscriber: string
}
