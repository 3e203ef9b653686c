import type { BatchLease } from './claims.js'
import type { ClaimedDelivery, DeliveryOutcome, DeliveryStore } from './deliveryStore.js'
import type { NoticeRun } from './noticeRun.js'
import type { OutgoingNotice, SendResult } from './sender.js'

import { backoffDelay, classifySmtpError, noticeDigest } from '../../src/notices/index.js'
import { recordPatiently } from '../utilities/withBusyRetry.js'
import { loadRecipients, recipientKey } from './recipients.js'
import { renderFor } from './renderMessage.js'
import { getNoticeSender } from './sender.js'

/**
 * Sends one claimed batch and records every outcome with one write. Never throws for an SMTP
 * failure. Sends nothing when less than half of the batch's lease is surely left (a database so
 * slow that the claim or its heartbeats came back late): the batch could pass to another runner
 * mid-send and reach people twice, so it is left to its lease and claimed again once that runs out.
 */
export async function sendBatch(
  run: NoticeRun,
  store: DeliveryStore,
  claimed: ClaimedDelivery[],
  lease: BatchLease,
): Promise<void> {
  const { notice, payload, pluginConfig, release } = run
  const recipients = await loadRecipients(run, claimed)
  const outcomes: DeliveryOutcome[] = []
  const outgoing: Array<{ delivery: ClaimedDelivery; message: OutgoingNotice }> = []
  for (const delivery of claimed) {
    const attempts = delivery.attempts + 1
    const recipient = recipients.get(
      recipientKey(delivery.source ?? pluginConfig.subscribersSlug, delivery.subscriber),
    )
    if (!recipient || recipient.reason) {
      outcomes.push({
        attempts,
        id: delivery.id,
        lastError: recipient?.reason ?? 'Subscriber erased before sending.',
        nextAttemptAt: null,
        status: 'skipped',
      })
      continue
    }
    try {
      outgoing.push({ delivery, message: renderFor(run, delivery, recipient) })
    } catch (error) {
      // A message that cannot be rendered will not render next time either: recorded, not retried.
      payload.logger.error({
        err: error,
        msg: `[policy-documents] notice ${notice.version}: cannot render the message to recipient ${delivery.subscriber}`,
      })
      outcomes.push({
        attempts,
        id: delivery.id,
        lastError: `permanent: ${String((error as Error)?.message ?? error)}`.slice(0, 500),
        nextAttemptAt: null,
        status: 'failed',
      })
    }
  }
  const leaseLeftMs = lease.remainingMs()
  if (leaseLeftMs < lease.termMs / 2) {
    payload.logger.warn(
      `[policy-documents] notice ${notice.version}: a batch of ${claimed.length} is left unsent for another try: ${Math.max(0, Math.round(leaseLeftMs))} ms of its ${lease.termMs} ms lease are surely left (the database answered slowly)`,
    )
    return
  }
  let results: SendResult[]
  try {
    results = await getNoticeSender(payload, pluginConfig).send(
      outgoing.map(({ message }) => message),
    )
  } catch (error) {
    // A sender that throws for the whole batch: every message of it failed the same way.
    results = outgoing.map(() => ({ error, ok: false }))
  }
  outgoing.forEach(({ delivery, message }, index) => {
    const result = results[index] ?? {
      error: new Error('The sender returned no result for this message.'),
      ok: false,
    }
    const attempts = delivery.attempts + 1
    if (result.ok) {
      outcomes.push({
        attempts,
        contentHash: noticeDigest(message),
        id: delivery.id,
        messageId: message.messageId,
        releaseVersion: release.version,
        sentAt: new Date().toISOString(),
        smtpResponse: result.response.slice(0, 500),
        status: 'sent',
      })
      return
    }
    const classification = classifySmtpError(result.error)
    const text = result.error instanceof Error ? result.error.message : String(result.error)
    const giveUp = classification === 'permanent' || attempts >= pluginConfig.notices.maxAttempts
    payload.logger.error({
      err: result.error,
      msg: `[policy-documents] notice ${notice.version} to recipient ${delivery.subscriber}: ${classification} failure (attempt ${attempts})`,
    })
    outcomes.push({
      attempts,
      id: delivery.id,
      lastError: `${classification}: ${text}`.slice(0, 500),
      nextAttemptAt: giveUp
        ? null
        : new Date(
            Date.now() +
              backoffDelay(attempts, {
                baseMs: pluginConfig.notices.retryBaseSeconds * 1000,
                maxMs: pluginConfig.notices.retryMaxSeconds * 1000,
              }),
          ).toISOString(),
      status: giveUp ? 'failed' : 'retry',
    })
  })
  // The messages are out: recording that must not be lost to a passing database outage, or they
  // would be sent again once the claim's lease runs out.
  await recordPatiently(() => store.record(outcomes), pluginConfig.notices.leaseSeconds * 1000)
  const sent = outcomes.filter((outcome) => outcome.status === 'sent').length
  if (sent > 0 && lease.remainingMs() <= 0) {
    // Said, not hidden: the database held this batch's writes longer than its lease, so another
    // runner may have claimed and sent the same messages meanwhile.
    payload.logger.warn(
      `[policy-documents] notice ${notice.version}: ${sent} sent message(s) were recorded after their ${lease.termMs} ms lease ran out; another runner may have sent them again (raise notices.leaseSeconds above the database's longest stall)`,
    )
  }
}
