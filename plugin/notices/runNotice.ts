import type { Payload } from 'payload'

import type { Id } from '../collections/ids.js'
import type { NoticeDoc } from '../collections/Notices/types.js'
import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'
import type { NoticeRunResult } from './finishRun.js'

import { findDocByID } from '../queries/typed.js'
import { withBusyRetry } from '../utilities/withBusyRetry.js'
import { workClaimedBatches } from './claims.js'
import { getDeliveryStore } from './deliveryStore.js'
import { fanOutNotice } from './fanOut.js'
import { finishRun } from './finishRun.js'
import { loadNoticeRun } from './noticeRun.js'
import { sendBatch } from './sendBatch.js'

export { fanOutNotice } from './fanOut.js'
export type { NoticeRunResult } from './finishRun.js'

/**
 * Works on one notice for at most `runBudgetSeconds`: plans it if needed (in bulk, see
 * `fanOutNotice`), then claims deliveries a batch at a time with one atomic write under a lease
 * (`workClaimedBatches`), sends each batch through the notice sender (a pooled transport) and
 * records the outcomes with one write per batch (`sendBatch`), and finally marks the notice done
 * or says when to run again (`finishRun`). Safe to run in several processes at once and after a
 * crash: a crashed runner's leases run out and its unrecorded batch is sent again (at most
 * `LANES × batchSize` messages, with the same Message-IDs).
 */
export async function runNotice(
  payload: Payload,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
  noticeId: Id,
  runner: string,
): Promise<NoticeRunResult> {
  const notice = await withBusyRetry(() =>
    findDocByID<NoticeDoc>(payload, {
      id: noticeId,
      collection: pluginConfig.noticesSlug,
      depth: 0,
      overrideAccess: true,
    }),
  )
  if (notice.status === 'done') {
    return { done: true }
  }
  await fanOutNotice(payload, pluginConfig, notice)
  const run = await loadNoticeRun(payload, pluginConfig, notice, runner)
  const store = await getDeliveryStore(payload, pluginConfig)
  await workClaimedBatches(
    {
      deadline: Date.now() + pluginConfig.notices.runBudgetSeconds * 1000,
      noticeId: notice.id,
      payload,
      pluginConfig,
      runner,
      store,
    },
    (claimed, lease) => sendBatch(run, store, claimed, lease),
  )
  return finishRun(payload, pluginConfig, notice.id)
}
