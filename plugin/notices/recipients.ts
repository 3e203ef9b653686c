import type { Id } from '../collections/ids.js'
import type { SubscriberDoc } from '../collections/Notices/types.js'
import type { ClaimedDelivery } from './deliveryStore.js'
import type { NoticeRun } from './noticeRun.js'

import { withBusyRetry } from '../utilities/withBusyRetry.js'
import { loadAudienceRecipients, suppressedHashes } from './audiences.js'
import { addressHash } from './fanOut.js'

/** A recipient as read again at send time. */
export type Recipient = {
  audience?: boolean
  email: string
  id: Id
  locale: null | string
  /** Why they are no longer to be mailed, or null. */
  reason: null | string
  tokenKey?: null | string
}

/** The key of a delivery's recipient in the map `loadRecipients` returns. */
export const recipientKey = (source: string, id: Id | string): string => `${source}:${String(id)}`

/**
 * Reads the recipients of a batch again (one query per source), so that whoever unsubscribed or
 * was erased after planning is not mailed.
 */
export async function loadRecipients(
  run: NoticeRun,
  claimed: ClaimedDelivery[],
): Promise<Map<string, Recipient>> {
  const { notice, payload, pluginConfig } = run
  const bySource = new Map<string, string[]>()
  for (const delivery of claimed) {
    const source = delivery.source ?? pluginConfig.subscribersSlug
    bySource.set(source, [...(bySource.get(source) ?? []), delivery.subscriber])
  }
  const recipients = new Map<string, Recipient>()
  for (const [source, ids] of bySource) {
    const audience = pluginConfig.notices.audiences.find(
      (candidate) => candidate.collection === source,
    )
    if (audience) {
      // Audience recipients: still in the audience, and not on the document's suppression list.
      const current = await loadAudienceRecipients(payload, audience, ids)
      const suppressed = await suppressedHashes(
        payload,
        pluginConfig,
        notice.documentKey,
        current.map((doc) => addressHash(doc.email)),
      )
      for (const doc of current) {
        recipients.set(recipientKey(source, doc.id), {
          audience: true,
          email: doc.email,
          id: doc.id,
          locale: doc.locale,
          reason: suppressed.has(addressHash(doc.email))
            ? 'Unsubscribed (suppression list) before sending.'
            : null,
        })
      }
      continue
    }
    if (source !== pluginConfig.subscribersSlug) {
      continue
    }
    const { docs } = await withBusyRetry(() =>
      payload.db.find<
        Pick<SubscriberDoc, 'documents' | 'email' | 'id' | 'locale' | 'status' | 'tokenKey'>
      >({
        collection: source,
        limit: 0,
        pagination: false,
        select: { documents: true, email: true, locale: true, status: true, tokenKey: true },
        where: { id: { in: ids } },
      }),
    )
    for (const doc of docs) {
      const subscribed =
        doc.status === 'confirmed' && Boolean(doc.documents?.includes(notice.documentKey))
      recipients.set(recipientKey(source, doc.id), {
        email: doc.email,
        id: doc.id,
        locale: doc.locale,
        reason: subscribed ? null : 'Unsubscribed before sending.',
        // Every link in the notice is bound to this key (issue 9, plugin/subscriptions/subscriberTokens.ts).
        tokenKey: doc.tokenKey ?? null,
      })
    }
  }
  return recipients
}
