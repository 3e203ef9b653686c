import type { Payload } from 'payload'

import type { Id } from '../collections/ids.js'
import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'
import type { ClaimedDelivery, DeliveryStore } from './deliveryStore.js'

/** Batches one runner keeps in flight at once: while one batch is on the wire, the next is claimed and rendered. */
export const LANES = 2

/** What the work on a claimed batch may ask about the batch's lease. */
export type BatchLease = {
  /**
   * How many more milliseconds this runner can be sure the batch is its own. Counted from when
   * the claim was sent, or when the last heartbeat was sent that came back while the lease still
   * held, never from when a slow database answered: after that, another runner may claim it.
   */
  remainingMs: () => number
  /** The lease a claim or heartbeat grants, in milliseconds. */
  termMs: number
}

/**
 * Claims the due deliveries of a notice a batch at a time, each with one atomic write under a
 * lease, in `LANES` lanes, and hands each batch to `work`, until nothing is due or `deadline`
 * (epoch ms) has passed. While `work` runs, a heartbeat renews the batch's lease; `work` learns
 * from `lease` how long the batch is surely still its own.
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
  work: (claimed: ClaimedDelivery[], lease: BatchLease) => Promise<void>,
): Promise<void> {
  let batches = 0
  const leaseMs = pluginConfig.notices.leaseSeconds * 1000
  // One claim at a time per runner: its lanes would otherwise read the same free rows and race for
  // them, and the loser would have to read again (a wasted round trip on a busy database).
  let claiming: Promise<unknown> = Promise.resolve()
  const claimInTurn = (claimToken: string) => {
    const turn = claiming.then(() => {
      // The lease counts from when the claim is sent, not from when the lane asked for it.
      const now = new Date()
      const leaseUntil = new Date(now.getTime() + leaseMs)
      return store
        .claim({ claimToken, leaseUntil, limit: pluginConfig.notices.batchSize, noticeId, now })
        .then((claimed) => ({ claimed, heldUntil: leaseUntil.getTime() }))
    })
    claiming = turn.catch(() => undefined)
    return turn
  }
  const lane = async (): Promise<void> => {
    while (Date.now() < deadline) {
      const claimToken = `${runner}#${batches++}`
      const turn = await claimInTurn(claimToken)
      const { claimed } = turn
      let { heldUntil } = turn
      if (claimed.length === 0) {
        return
      }
      // Heartbeat: while this process lives, its batch's lease is renewed, so a slow batch is never
      // taken over (and sent twice) by another runner; a killed runner's lease simply runs out.
      const heartbeat = setInterval(() => {
        const sentAt = Date.now()
        store
          .extend({ claimToken, leaseUntil: new Date(sentAt + leaseMs) })
          .then(() => {
            // Renewed only if it landed while the batch was still ours; a renewal that came back
            // after the lease ran out may have found the rows claimed by another runner.
            if (Date.now() < heldUntil) {
              heldUntil = Math.max(heldUntil, sentAt + leaseMs)
            }
          })
          .catch((error: unknown) => {
            payload.logger.warn({
              err: error,
              msg: '[policy-documents] could not renew a notice batch lease',
            })
          })
      }, leaseMs / 3)
      try {
        await work(claimed, { remainingMs: () => heldUntil - Date.now(), termMs: leaseMs })
      } finally {
        clearInterval(heartbeat)
      }
    }
  }
  await Promise.all(Array.from({ length: LANES }, lane))
}
