import type { Payload } from 'payload'

import type { Id } from '../collections/ids.js'
import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'
import type { ClaimedDelivery, DeliveryStore } from './deliveryStore.js'

/** Batches one runner keeps in flight at once: while one batch is on the wire, the next is claimed and rendered. */
export const LANES = 2

/**
 * Claims the due deliveries of a notice a batch at a time, each with one atomic write under a
 * lease, in `LANES` lanes, and hands each batch to `work`, until nothing is due or `deadline`
 * (epoch ms) has passed. While `work` runs, a heartbeat renews the batch's lease.
 */
export async function workClaimedBatches(
  {
    deadline,
    noticeId,
    payload,
    pluginConfig,
    runner,
    store,
  }: {
    deadline: number
    noticeId: Id
    payload: Payload
    pluginConfig: SanitizedPolicyDocumentsPluginConfig
    runner: string
    store: DeliveryStore
  },
  work: (claimed: ClaimedDelivery[]) => Promise<void>,
): Promise<void> {
  let batches = 0
  const lane = async (): Promise<void> => {
    while (Date.now() < deadline) {
      const now = new Date()
      const claimToken = `${runner}#${batches++}`
      const leaseMs = pluginConfig.notices.leaseSeconds * 1000
      const claimed = await store.claim({
        claimToken,
        leaseUntil: new Date(now.getTime() + leaseMs),
        limit: pluginConfig.notices.batchSize,
        noticeId,
        now,
      })
      if (claimed.length === 0) {
        return
      }
      // Heartbeat: while this process lives, its batch's lease is renewed, so a slow batch is never
      // taken over (and sent twice) by another runner; a killed runner's lease simply runs out.
      const heartbeat = setInterval(() => {
        store
          .extend({ claimToken, leaseUntil: new Date(Date.now() + leaseMs) })
          .catch((error: unknown) => {
            payload.logger.warn({
              err: error,
              msg: '[policy-documents] could not renew a notice batch lease',
            })
          })
      }, leaseMs / 3)
      try {
        await work(claimed)
      } finally {
        clearInterval(heartbeat)
      }
    }
  }
  await Promise.all(Array.from({ length: LANES }, lane))
}
