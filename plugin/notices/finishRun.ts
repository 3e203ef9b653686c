import type { Payload, Where } from 'payload'

import type { Id } from '../collections/ids.js'
import type { DeliveryDoc } from '../collections/Notices/types.js'
import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'

import { updateOwnRow, withBusyRetry } from '../utilities/withBusyRetry.js'

/** The outcome of one run: finished, or when the next run should happen. */
export type NoticeRunResult = { done: true } | { done: false; nextRunAt: Date }

/**
 * Marks the notice done when nothing is left to send, or says when to look again: at once when
 * an unleased delivery is due, else at the earliest retry or the earliest end of another
 * runner's lease.
 */
export async function finishRun(
  payload: Payload,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
  noticeId: Id,
): Promise<NoticeRunResult> {
  const now = new Date().toISOString()
  const open: Where = {
    and: [{ notice: { equals: noticeId } }, { status: { in: ['pending', 'retry'] } }],
  }
  const first = async (extra: Where, sort: string) =>
    (
      await withBusyRetry(() =>
        payload.db.find<Pick<DeliveryDoc, 'leaseUntil' | 'nextAttemptAt'>>({
          collection: pluginConfig.deliveriesSlug,
          limit: 1,
          pagination: false,
          select: { leaseUntil: true, nextAttemptAt: true },
          sort,
          where: { and: [open, extra] },
        }),
      )
    ).docs[0]
  const anyOpen = await first({}, 'id')
  if (!anyOpen) {
    await updateOwnRow(() =>
      payload.update({
        id: noticeId,
        collection: pluginConfig.noticesSlug,
        data: { completedAt: new Date().toISOString(), nextRunAt: null, status: 'done' },
        depth: 0,
        overrideAccess: true,
        disableTransaction: true,
      }),
    )
    return { done: true }
  }
  const free: Where = {
    or: [
      { leaseUntil: { exists: false } },
      { leaseUntil: { equals: null } },
      { leaseUntil: { less_than: now } },
    ],
  }
  const dueNow = await first(
    {
      and: [
        free,
        {
          or: [
            { nextAttemptAt: { exists: false } },
            { nextAttemptAt: { equals: null } },
            { nextAttemptAt: { less_than_equal: now } },
          ],
        },
      ],
    },
    'id',
  )
  const candidates: number[] = [Date.now() + pluginConfig.notices.leaseSeconds * 1000]
  if (dueNow) {
    candidates.push(Date.now())
  } else {
    const retry = await first(
      { and: [free, { nextAttemptAt: { greater_than: now } }] },
      'nextAttemptAt',
    )
    const leased = await first({ leaseUntil: { greater_than_equal: now } }, 'leaseUntil')
    for (const at of [retry?.nextAttemptAt, leased?.leaseUntil]) {
      if (at) {
        candidates.push(Date.parse(at))
      }
    }
  }
  const at = new Date(Math.max(Date.now(), Math.min(...candidates)))
  await updateOwnRow(() =>
    payload.update({
      id: noticeId,
      collection: pluginConfig.noticesSlug,
      data: { nextRunAt: at.toISOString() },
      depth: 0,
      overrideAccess: true,
      disableTransaction: true,
    }),
  )
  return { done: false, nextRunAt: at }
}
