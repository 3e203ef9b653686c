import type { Payload } from 'payload'

import type { ClaimedDelivery, DeliveryStore } from '../../plugin/notices/deliveryStore.js'
import type { SanitizedPolicyDocumentsPluginConfig } from '../../plugin/types.js'

import { type BatchLease, workClaimedBatches } from '../../plugin/notices/claims.js'

// Long enough that a busy machine's late timers do not decide the outcome.
const LEASE_MS = 1500
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * A store with one batch to hand out, whose claim and heartbeats answer after the given delays
 * (a slow database); the batch is handed out once, then nothing is due.
 */
function slowStore({ claimMs, extendMs }: { claimMs: number; extendMs: number }) {
  const extends_: number[] = []
  let handedOut = false
  const store: DeliveryStore = {
    async claim() {
      await sleep(claimMs)
      if (handedOut) {
        return []
      }
      handedOut = true
      return [{ attempts: 0, id: '1', locale: 'da', source: null, subscriber: '1' }]
    },
    async extend() {
      extends_.push(Date.now())
      await sleep(extendMs)
    },
    insert: async () => undefined,
    record: async () => undefined,
    subscribers: async () => ({ page: async () => ({ next: null, recipients: [] }) }),
  }
  return { extends: extends_, store }
}

/** Runs one lane-worth of batches; `work` sees the lease at the start and after `holdMs`. */
async function leaseSeen(store: DeliveryStore, holdMs: number) {
  const seen: Array<{ after: number; atStart: number; termMs: number }> = []
  const pluginConfig = {
    notices: { batchSize: 1, leaseSeconds: LEASE_MS / 1000 },
  } as SanitizedPolicyDocumentsPluginConfig
  const payload = { logger: { warn: () => undefined } } as unknown as Payload
  await workClaimedBatches(
    { deadline: Date.now() + 10_000, noticeId: 1, payload, pluginConfig, runner: 'r', store },
    async (_claimed: ClaimedDelivery[], lease: BatchLease) => {
      const atStart = lease.remainingMs()
      await sleep(holdMs)
      seen.push({ after: lease.remainingMs(), atStart, termMs: lease.termMs })
    },
  )
  return seen
}

describe('a claimed batch knows how long it is surely its own', () => {
  it('counts the lease from when the claim was sent, so a slow claim leaves less than half of it', async () => {
    const [seen] = await leaseSeen(slowStore({ claimMs: LEASE_MS * 0.6, extendMs: 0 }).store, 0)
    expect(seen!.termMs).toBe(LEASE_MS)
    expect(seen!.atStart).toBeLessThanOrEqual(LEASE_MS * 0.4)
    expect(seen!.atStart).toBeLessThan(LEASE_MS / 2)
  }, 20_000)

  it('is renewed by heartbeats that come back in time', async () => {
    const { extends: beats, store } = slowStore({ claimMs: 0, extendMs: 0 })
    const [seen] = await leaseSeen(store, LEASE_MS * 2)
    // Twice the lease has passed, yet the heartbeats (every third of it) kept it alive.
    expect(beats.length).toBeGreaterThanOrEqual(3)
    expect(seen!.after).toBeGreaterThan(0)
    expect(seen!.atStart).toBeGreaterThan(LEASE_MS / 2)
  }, 20_000)

  it('is not renewed by a heartbeat that came back after the lease ran out', async () => {
    // Each heartbeat answers after 1.5 leases: by then another runner may hold the rows.
    const [seen] = await leaseSeen(
      slowStore({ claimMs: 0, extendMs: LEASE_MS * 1.5 }).store,
      LEASE_MS * 2.5,
    )
    expect(seen!.after).toBeLessThan(0)
  }, 20_000)
})
