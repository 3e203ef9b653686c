import type { Payload, Where } from 'payload'

import { createHash } from 'node:crypto'

import type { Id } from '../collections/ids.js'
import type { DeliveryDoc, NoticeDoc, PlanWatermark } from '../collections/Notices/types.js'
import type { ReleaseDoc } from '../collections/PolicyReleases/types.js'
import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'

import { idOf } from '../collections/ids.js'
import { findDocByID } from '../queries/typed.js'
import { updateOwnRow, withBusyRetry } from '../utilities/withBusyRetry.js'
import { audiencePage, suppressionList } from './audiences.js'
import {
  type DeliveryStore,
  getDeliveryStore,
  type NewDelivery,
  type RecipientPage,
} from './deliveryStore.js'

/** The notice fields planning reads. */
export type PlannedNotice = Pick<
  NoticeDoc,
  'documentKey' | 'id' | 'kind' | 'plan' | 'recipients' | 'release'
>

/** One place recipients come from, read page by page in ID order. */
export type RecipientSource = {
  /** Stored on each delivery; tells the sender where to read the recipient again. */
  name: string
  /** The next page of recipients after `after` (an ID), in ID order, and where the next page starts. */
  page: (after: Id | null, limit: number) => Promise<RecipientPage>
}

/** Recipients read per page and inserted per statement. */
export const PLAN_PAGE = 2000

/** Lower-cased and trimmed: `Ann@Example.com ` and `ann@example.com` are one person. */
export function normalizeAddress(address: string): string {
  return address.trim().toLowerCase()
}

/** 128 bits of SHA-256 of the normalized address: how deliveries and the suppression list name a person. */
export function addressHash(address: string): string {
  return createHash('sha256').update(normalizeAddress(address)).digest('hex').slice(0, 32)
}

/** The per-notice unique key of a recipient: the notice and a hash of their normalized address. */
export function deliveryKeyFor(noticeId: Id, address: string): string {
  return `${String(noticeId)}:${addressHash(address)}`
}

/**
 * Plans one delivery per recipient of a notice, in bulk: each page of recipients (read in ID
 * order after a cursor) becomes one multi-row insert, then the watermark on the notice moves past
 * it. A crash between the two re-inserts one page, which the unique `deliveryKey` absorbs; so
 * re-running is always safe, and a finished plan is never redone. Returns the number planned.
 */
export async function fanOutNotice(
  payload: Payload,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
  notice: PlannedNotice,
): Promise<number> {
  if (notice.recipients !== null && notice.recipients !== undefined) {
    return notice.recipients
  }
  const store = await getDeliveryStore(payload, pluginConfig)
  const release = await withBusyRetry(() =>
    findDocByID<Pick<ReleaseDoc, 'publishedAt'>>(payload, {
      id: idOf(notice.release),
      collection: pluginConfig.releasesSlug,
      depth: 0,
      overrideAccess: true,
      select: { publishedAt: true },
    }),
  )
  const watermark: PlanWatermark = notice.plan ?? { after: null, source: 0 }
  // The adapter's own update: no hooks or access to run, so a watermark costs one statement.
  const saveWatermark = (data: Record<string, unknown>) =>
    updateOwnRow(() =>
      payload.db.updateOne({
        id: notice.id,
        collection: pluginConfig.noticesSlug,
        data: { ...data, updatedAt: new Date().toISOString() },
        returning: false,
      }),
    )

  if (notice.kind === 'correction') {
    // A correction goes to those the original notice reached, not to today's subscribers.
    const original = await findOriginalNotice(payload, pluginConfig, idOf(notice.release))
    if (original !== null) {
      await planCorrection(
        payload,
        pluginConfig,
        notice.id,
        original,
        watermark,
        store.insert,
        saveWatermark,
      )
    }
  } else {
    // Subscribers who had confirmed when the release was published: a later subscriber never
    // agreed to the old text, and reads the new one when they subscribe.
    const subscribers = await store.subscribers({
      confirmedBy: release.publishedAt,
      documentKey: notice.documentKey,
    })
    // The document's suppression list, read once when the first audience page is planned.
    let suppressions: Promise<Set<string>> | undefined
    const suppressed = () =>
      (suppressions ??= suppressionList(payload, pluginConfig, notice.documentKey))
    // Then each audience (host collection); an address already planned is skipped by the unique
    // key, so a person in several audiences gets one message, in the first source's locale.
    const sources: RecipientSource[] = [
      { name: pluginConfig.subscribersSlug, page: subscribers.page },
      ...pluginConfig.notices.audiences.map((audience) => ({
        name: audience.collection,
        page: withoutSuppressed(suppressed, audiencePage(payload, audience, release.publishedAt)),
      })),
    ]
    for (let index = watermark.source; index < sources.length; index++) {
      await planSource(
        store,
        notice.id,
        sources[index]!,
        index === watermark.source ? watermark.after : null,
        (after) => saveWatermark({ plan: { after, source: index } }),
      )
    }
  }
  const { totalDocs } = await withBusyRetry(() =>
    payload.db.count({
      collection: pluginConfig.deliveriesSlug,
      where: { notice: { equals: notice.id } },
    }),
  )
  await saveWatermark({ recipients: totalDocs, status: 'sending' })
  return totalDocs
}

/**
 * Drops the addresses on the document's suppression list from each page of a source. (Sending
 * checks the list again, so an address suppressed after it was loaded still gets nothing.)
 */
function withoutSuppressed(
  suppressed: () => Promise<Set<string>>,
  page: RecipientSource['page'],
): RecipientSource['page'] {
  return async (after, limit) => {
    const result = await page(after, limit)
    const list = await suppressed()
    return {
      next: result.next,
      recipients: result.recipients.filter(
        (recipient) =>
          typeof recipient.email === 'string' && !list.has(addressHash(recipient.email)),
      ),
    }
  }
}

/** Plans one source from `after` to its end. */
async function planSource(
  store: DeliveryStore,
  noticeId: Id,
  source: RecipientSource,
  startAfter: null | number | string,
  saveWatermark: (after: number | string) => Promise<unknown>,
): Promise<void> {
  for (let after = startAfter; ;) {
    const { next, recipients } = await withBusyRetry(() => source.page(after, PLAN_PAGE))
    const rows: NewDelivery[] = []
    for (const recipient of recipients) {
      const address = recipient.email
      if (typeof address !== 'string' || !address.includes('@')) {
        continue
      }
      rows.push({
        deliveryKey: deliveryKeyFor(noticeId, address),
        locale: typeof recipient.locale === 'string' ? recipient.locale : '',
        notice: noticeId,
        source: source.name,
        subscriber: String(recipient.id),
      })
    }
    await store.insert(rows)
    if (next === null) {
      return
    }
    after = next
    await saveWatermark(after)
  }
}

async function findOriginalNotice(
  payload: Payload,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
  releaseId: Id,
): Promise<Id | null> {
  const { docs } = await withBusyRetry(() =>
    payload.db.find<{ id: Id }>({
      collection: pluginConfig.noticesSlug,
      limit: 1,
      pagination: false,
      select: { id: true },
      where: { and: [{ release: { equals: releaseId } }, { kind: { equals: 'notice' } }] },
    }),
  )
  return docs[0]?.id ?? null
}

/** Plans a correction for everyone the original notice reached: its `sent` deliveries, same recipient, same key suffix. */
async function planCorrection(
  payload: Payload,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
  noticeId: Id,
  originalId: Id,
  watermark: PlanWatermark,
  insert: (rows: NewDelivery[]) => Promise<void>,
  saveWatermark: (data: Record<string, unknown>) => Promise<unknown>,
): Promise<void> {
  const base: Where = { and: [{ notice: { equals: originalId } }, { status: { equals: 'sent' } }] }
  for (let after = watermark.after; ;) {
    const { docs } = await withBusyRetry(() =>
      payload.db.find<Pick<DeliveryDoc, 'deliveryKey' | 'id' | 'locale' | 'source' | 'subscriber'>>(
        {
          collection: pluginConfig.deliveriesSlug,
          limit: PLAN_PAGE,
          pagination: false,
          select: { deliveryKey: true, locale: true, source: true, subscriber: true },
          sort: 'id',
          where: after === null ? base : { and: [base, { id: { greater_than: after } }] },
        },
      ),
    )
    if (docs.length === 0) {
      return
    }
    await insert(
      docs.map((delivery) => ({
        deliveryKey: `${String(noticeId)}:${delivery.deliveryKey.slice(delivery.deliveryKey.indexOf(':') + 1)}`,
        locale: delivery.locale,
        notice: noticeId,
        source: delivery.source ?? pluginConfig.subscribersSlug,
        subscriber: delivery.subscriber,
      })),
    )
    after = docs[docs.length - 1]!.id
    await saveWatermark({ plan: { after, source: 0 } })
    if (docs.length < PLAN_PAGE) {
      return
    }
  }
}
