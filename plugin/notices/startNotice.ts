import type { Payload, PayloadRequest } from 'payload'

import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'

import { updateOwnRow, withBusyRetry } from '../utilities/withBusyRetry.js'

/** Slug of the jobs task that sends a notice. */
export const SEND_NOTICE_TASK = 'policyDocsSendNotice'

/**
 * Records a notice for a release and queues the job that sends it. Only database writes happen
 * here, inside the publishing request's transaction, so publishing returns quickly whatever the
 * number of subscribers. Idempotent per (release, kind).
 */
export async function startNotice(
  req: PayloadRequest,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
  release: { documentKey: string; id: number | string; version: string },
  kind: 'correction' | 'notice',
  eventId?: number | string,
): Promise<void> {
  const noticeKey = `${String(release.id)}:${kind}${eventId === undefined ? '' : `:${String(eventId)}`}`
  const { totalDocs } = await req.payload.count({
    collection: pluginConfig.noticesSlug,
    overrideAccess: true,
    req,
    where: { noticeKey: { equals: noticeKey } },
  })
  if (totalDocs > 0) {
    return
  }
  const notice = await req.payload.create({
    collection: pluginConfig.noticesSlug,
    data: {
      documentKey: release.documentKey,
      event: eventId ?? null,
      kind,
      nextRunAt: new Date().toISOString(),
      noticeKey,
      release: release.id,
      status: 'queued',
      version: release.version,
    },
    depth: 0,
    overrideAccess: true,
    req,
  })
  await queueSendNotice(req.payload, pluginConfig, notice.id, undefined, req)
}

/** Queues one run of the send job for a notice. */
export async function queueSendNotice(
  payload: Payload,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
  noticeId: number | string,
  waitUntil?: Date,
  req?: PayloadRequest,
): Promise<void> {
  const queue = () =>
    payload.jobs.queue({
      input: { notice: String(noticeId) },
      queue: pluginConfig.notices.queue,
      req,
      task: SEND_NOTICE_TASK as never,
      waitUntil,
    })
  // Inside a request's transaction the write must not be repeated on its own; outside, a locked
  // SQLite file is worth waiting for.
  await (req ? queue() : withBusyRetry(queue))
}

/**
 * Re-queues notices whose expected run never happened: a worker that crashed leaves its Payload
 * job stuck as `processing` forever (Payload 3 does not reclaim it), and our notice stays
 * unfinished. Runs on a schedule (every minute) and can be called directly.
 */
export async function resumeStalledNotices(
  payload: Payload,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
): Promise<number> {
  const stale = new Date(Date.now() - pluginConfig.notices.leaseSeconds * 1000).toISOString()
  const { docs } = await withBusyRetry(() =>
    payload.find({
      collection: pluginConfig.noticesSlug,
      depth: 0,
      limit: 100,
      overrideAccess: true,
      pagination: false,
      where: {
        and: [
          { status: { not_equals: 'done' } },
          { or: [{ nextRunAt: { exists: false } }, { nextRunAt: { less_than: stale } }] },
          { updatedAt: { less_than: stale } },
        ],
      },
    }),
  )
  for (const notice of docs) {
    await updateOwnRow(() =>
      payload.update({
        id: notice.id,
        collection: pluginConfig.noticesSlug,
        data: { nextRunAt: new Date().toISOString() },
        depth: 0,
        disableTransaction: true,
        overrideAccess: true,
      }),
    )
    await queueSendNotice(payload, pluginConfig, notice.id)
  }
  return docs.length
}
