import type { Payload, Where } from 'payload'

import type { LocaleSnapshot, ReleaseSnapshot } from '../../src/types.js'
import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'
import type { ClaimedDelivery, DeliveryOutcome, DeliveryStore } from './deliveryStore.js'
import type { OutgoingNotice, SendResult } from './sender.js'

import {
  backoffDelay,
  classifySmtpError,
  fillUrlTemplate,
  messageIdFor,
  noticeDigest,
  pickLocale,
  renderCorrectionNotice,
  renderNotice,
} from '../../src/notices/index.js'
import { translationNoticeFor } from '../../src/releases/translationNotice.js'
import { updateOwnRow, withBusyRetry } from '../utilities/withBusyRetry.js'
import { loadAudienceRecipients, suppressedHashes, suppressionUrl } from './audiences.js'
import { getDeliveryStore } from './deliveryStore.js'
import { addressHash, fanOutNotice, type PlannedNotice } from './fanOut.js'
import { listLinksFor } from './links.js'
import { getMailContext, type MailContext } from './mailContext.js'
import { getNoticeSender } from './sender.js'

export { fanOutNotice } from './fanOut.js'

type Id = number | string

type NoticeDoc = PlannedNotice & {
  event?: Id | null | { id: Id }
  status: 'done' | 'queued' | 'sending'
  version: string
}

type EventDoc = {
  effectiveAt?: null | string
  id: Id
  previousEffectiveAt: string
  reason: string
  type: 'postponed' | 'withdrawn'
}

type ReleaseDoc = {
  changeNote: Record<string, string>
  diff?: null | { summary?: Record<string, string> }
  effectiveAt: string
  id: Id
  publishedAt: string
  snapshot: ReleaseSnapshot
  /** Locales whose translation follows later (see `checkPublish`). */
  translationFollows?: unknown
  version: string
}

/** A recipient as read again at send time. */
type Recipient = {
  audience?: boolean
  email: string
  id: Id
  locale: null | string
  reason: null | string
  tokenKey?: null | string
}

/** The outcome of one run: finished, or when the next run should happen. */
export type NoticeRunResult = { done: true } | { done: false; nextRunAt: Date }

/** Batches one runner keeps in flight at once: while one batch is on the wire, the next is claimed and rendered. */
const LANES = 2

const idOf = (value: Id | { id: Id }): Id => (typeof value === 'object' ? value.id : value)

/** Repeats a write until it succeeds or `withinMs` has passed (then throws the last error). */
async function recordPatiently(write: () => Promise<unknown>, withinMs: number): Promise<void> {
  const deadline = Date.now() + withinMs
  for (let delay = 100; ; delay = Math.min(delay * 2, 2000)) {
    try {
      await write()
      return
    } catch (error) {
      if (Date.now() + delay > deadline) {
        throw error
      }
      await new Promise((resolve) => setTimeout(resolve, delay))
    }
  }
}

/** Everything about one notice that is the same for every recipient, read once per run. */
type NoticeRun = {
  event: EventDoc | null
  mail: MailContext
  notice: NoticeDoc
  payload: Payload
  pluginConfig: SanitizedPolicyDocumentsPluginConfig
  previousVersion: string | undefined
  release: ReleaseDoc
  runner: string
}

/**
 * Works on one notice for at most `runBudgetSeconds`: plans it if needed (in bulk, see
 * `fanOutNotice`), then claims deliveries a batch at a time with one atomic write under a lease,
 * sends each batch through the notice sender (a pooled transport) and records the outcomes with
 * one write per batch. Safe to run in several processes at once and after a crash: a crashed
 * runner's leases run out and its unrecorded batch is sent again (at most `LANES × batchSize`
 * messages, with the same Message-IDs).
 */
export async function runNotice(
  payload: Payload,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
  noticeId: Id,
  runner: string,
): Promise<NoticeRunResult> {
  const notice = (await withBusyRetry(() =>
    payload.findByID({
      id: noticeId,
      collection: pluginConfig.noticesSlug,
      depth: 0,
      overrideAccess: true,
    }),
  )) as unknown as NoticeDoc
  if (notice.status === 'done') {
    return { done: true }
  }
  await fanOutNotice(payload, pluginConfig, notice)
  const release = (await withBusyRetry(() =>
    payload.findByID({
      id: idOf(notice.release),
      collection: pluginConfig.releasesSlug,
      depth: 0,
      overrideAccess: true,
    }),
  )) as unknown as ReleaseDoc
  const run: NoticeRun = {
    event:
      notice.kind === 'correction' && notice.event
        ? ((await withBusyRetry(() =>
            payload.findByID({
              id: idOf(notice.event!),
              collection: pluginConfig.eventsSlug,
              depth: 0,
              overrideAccess: true,
            }),
          )) as unknown as EventDoc)
        : null,
    mail: getMailContext(payload, pluginConfig),
    notice,
    payload,
    pluginConfig,
    previousVersion: await findPreviousVersion(
      payload,
      pluginConfig,
      notice.documentKey,
      release.version,
    ),
    release,
    runner,
  }
  const store = await getDeliveryStore(payload, pluginConfig)
  const deadline = Date.now() + pluginConfig.notices.runBudgetSeconds * 1000
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
        noticeId: notice.id,
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
        await sendBatch(run, store, claimed)
      } finally {
        clearInterval(heartbeat)
      }
    }
  }
  await Promise.all(Array.from({ length: LANES }, lane))
  return finishRun(payload, pluginConfig, notice.id)
}

/**
 * Reads the recipients of a batch again (one query per source), so that whoever unsubscribed or
 * was erased after planning is not mailed.
 */
async function loadRecipients(
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
        recipients.set(`${source}:${String(doc.id)}`, {
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
      payload.db.find<{
        documents?: null | string[]
        email: string
        id: Id
        locale: string
        status: string
        tokenKey?: null | string
      }>({
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
      recipients.set(`${source}:${String(doc.id)}`, {
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

/** An audience recipient has no subscriber record: both links lead to the one-click suppression page. */
function audienceLinks(
  run: NoticeRun,
  email: string,
): { manageUrl: string; unsubscribeMailto: string; unsubscribeUrl: string } {
  const url = suppressionUrl(run.pluginConfig, run.mail.secret, run.notice.documentKey, email)
  return { manageUrl: url, unsubscribeMailto: run.mail.unsubscribeMailto, unsubscribeUrl: url }
}

/** Renders one notice for one recipient. */
function renderFor(
  run: NoticeRun,
  delivery: ClaimedDelivery,
  recipient: Recipient,
): OutgoingNotice {
  const { event, mail, notice, pluginConfig, previousVersion, release } = run
  const locale = pickLocale(
    delivery.locale || recipient.locale || '',
    pluginConfig.locales,
    pluginConfig.defaultLocale,
  )
  const localeSnapshot: LocaleSnapshot | undefined = release.snapshot[locale]
  const urlValues = {
    from: previousVersion ?? release.version,
    key: notice.documentKey,
    locale,
    to: release.version,
    version: release.version,
  }
  const source = delivery.source ?? pluginConfig.subscribersSlug
  const messageId = messageIdFor({
    domain: mail.domain,
    kind: notice.kind,
    releaseId: release.id,
    // Subscribers keep the Message-IDs they always had; other audiences' IDs are told apart by source.
    subscriberId:
      source === pluginConfig.subscribersSlug ? recipient.id : `${source}:${String(recipient.id)}`,
    variant: event ? String(event.id) : undefined,
  })
  const common = {
    ...(recipient.audience
      ? audienceLinks(run, recipient.email)
      : listLinksFor(pluginConfig, mail, recipient)),
    siteName: pluginConfig.siteName,
    statementUrl: fillUrlTemplate(pluginConfig.urls.statement, urlValues),
    timeZone: pluginConfig.timeZone,
    title: localeSnapshot?.title ?? notice.documentKey,
    version: release.version,
  }
  const email = event
    ? renderCorrectionNotice(
        event.type === 'postponed'
          ? {
              ...common,
              effectiveAt: event.effectiveAt!,
              kind: 'postponed',
              note: event.reason,
              previousEffectiveAt: event.previousEffectiveAt,
            }
          : { ...common, kind: 'withdrawn', note: event.reason },
        locale,
        pluginConfig.defaultLocale,
      )
    : renderNotice(
        {
          ...common,
          changeNote: release.changeNote?.[locale] ?? '',
          compareUrl: previousVersion
            ? fillUrlTemplate(pluginConfig.urls.compare, urlValues)
            : undefined,
          diffSummary: release.diff?.summary?.[locale] || undefined,
          effectiveAt: release.effectiveAt,
          previousVersion,
          translationNotice:
            translationNoticeFor(release.translationFollows, locale, {
              publishedAt: release.publishedAt,
              timeZone: pluginConfig.timeZone,
              version: release.version,
            }) ?? undefined,
        },
        locale,
        pluginConfig.defaultLocale,
      )
  return {
    from: { address: mail.fromAddress, name: mail.fromName },
    headers: email.headers,
    html: email.html,
    messageId,
    subject: email.subject,
    text: email.text,
    to: recipient.email,
  }
}

/** Sends one claimed batch and records every outcome with one write. Never throws for an SMTP failure. */
async function sendBatch(
  run: NoticeRun,
  store: DeliveryStore,
  claimed: ClaimedDelivery[],
): Promise<void> {
  const { notice, payload, pluginConfig, release } = run
  const recipients = await loadRecipients(run, claimed)
  const outcomes: DeliveryOutcome[] = []
  const outgoing: Array<{ delivery: ClaimedDelivery; message: OutgoingNotice }> = []
  for (const delivery of claimed) {
    const attempts = delivery.attempts + 1
    const recipient = recipients.get(
      `${delivery.source ?? pluginConfig.subscribersSlug}:${delivery.subscriber}`,
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
}

async function findPreviousVersion(
  payload: Payload,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
  documentKey: string,
  version: string,
): Promise<string | undefined> {
  const [major, minor] = version.split('.').map(Number) as [number, number]
  const { docs } = await withBusyRetry(() =>
    payload.find({
      collection: pluginConfig.releasesSlug,
      depth: 0,
      limit: 1,
      overrideAccess: true,
      pagination: false,
      select: { version: true },
      sort: ['-major', '-minor'],
      where: {
        and: [
          { documentKey: { equals: documentKey } },
          {
            or: [
              { major: { less_than: major } },
              { and: [{ major: { equals: major } }, { minor: { less_than: minor } }] },
            ],
          },
        ],
      },
    }),
  )
  return (docs[0] as undefined | { version: string })?.version
}

/**
 * Marks the notice done when nothing is left to send, or says when to look again: at once when
 * an unleased delivery is due, else at the earliest retry or the earliest end of another
 * runner's lease.
 */
async function finishRun(
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
        payload.db.find<{ leaseUntil?: null | string; nextAttemptAt?: null | string }>({
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
