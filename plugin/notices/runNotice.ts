import type { Payload, Where } from 'payload'

import type { LocaleSnapshot, ReleaseSnapshot } from '../../src/types.js'
import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'

import { backoffDelay, classifySmtpError, fillUrlTemplate, messageIdFor, pickLocale, renderCorrectionNotice, renderNotice } from '../../src/notices/index.js'
import { updateOwnRow, withBusyRetry } from '../utilities/withBusyRetry.js'
import { getMailContext } from './mailContext.js'
import { listLinksFor } from './links.js'

type Id = number | string

type NoticeDoc = {
  documentKey: string
  event?: Id | null | { id: Id }
  id: Id
  kind: 'correction' | 'notice'
  recipients?: null | number
  release: Id | { id: Id }
  status: 'done' | 'queued' | 'sending'
  version: string
}

type DeliveryDoc = {
  attempts?: null | number
  deliveryKey: string
  id: Id
  locale: string
  status: 'failed' | 'pending' | 'retry' | 'sent' | 'skipped'
  subscriber: string
}

type EventDoc = { effectiveAt?: null | string; id: Id; previousEffectiveAt: string; reason: string; type: 'postponed' | 'withdrawn' }

type SubscriberDoc = { documents?: null | string[]; email: string; id: Id; locale: string; status: string }

type ReleaseDoc = {
  changeNote: Record<string, string>
  diff?: null | { summary?: Record<string, string> }
  effectiveAt: string
  id: Id
  snapshot: ReleaseSnapshot
  version: string
}

/** The outcome of one run: finished, or when the next run should happen. */
export type NoticeRunResult = { done: true } | { done: false; nextRunAt: Date }

const idOf = (value: Id | { id: Id }): Id => (typeof value === 'object' ? value.id : value)

const eventCaches = new WeakMap<Payload, Map<string, EventDoc>>()

/** Events never change, so each is read once per Payload instance. */
async function loadEvent(payload: Payload, pluginConfig: SanitizedPolicyDocumentsPluginConfig, id: Id): Promise<EventDoc> {
  let events = eventCaches.get(payload)
  if (!events) {
    events = new Map()
    eventCaches.set(payload, events)
  }
  let event = events.get(String(id))
  if (!event) {
    event = (await withBusyRetry(() =>
      payload.findByID({ id, collection: pluginConfig.eventsSlug, depth: 0, overrideAccess: true }),
    )) as unknown as EventDoc
    events.set(String(id), event)
  }
  return event
}

/** Whether a failed create was a duplicate of an existing unique key (a lost race, not an error). */
async function existsWithKey(payload: Payload, collection: string, field: string, value: string): Promise<boolean> {
  const { totalDocs } = await withBusyRetry(() => payload.count({ collection, overrideAccess: true, where: { [field]: { equals: value } } }))
  return totalDocs > 0
}

/**
 * Plans one delivery per confirmed subscriber of the document. Idempotent: the unique
 * `deliveryKey` (notice, subscriber) makes a re-run after a crash create only what is missing.
 */
export async function fanOutNotice(payload: Payload, pluginConfig: SanitizedPolicyDocumentsPluginConfig, notice: NoticeDoc): Promise<number> {
  // Those who had subscribed when the release was published: a later subscriber never agreed to
  // the old text, and reads the new one when they subscribe.
  const release = (await withBusyRetry(() =>
    payload.findByID({ id: idOf(notice.release), collection: pluginConfig.releasesSlug, depth: 0, overrideAccess: true, select: { publishedAt: true } }),
  )) as unknown as { publishedAt: string }
  // A correction goes to those the original notice reached, not to today's subscribers.
  const originalRecipients =
    notice.kind === 'correction'
      ? await withBusyRetry(() =>
          payload.find({
            collection: pluginConfig.noticesSlug,
            depth: 0,
            limit: 1,
            overrideAccess: true,
            pagination: false,
            where: { and: [{ release: { equals: idOf(notice.release) } }, { kind: { equals: 'notice' } }] },
          }),
        ).then(async ({ docs: [original] }) => {
          if (!original) {
            return []
          }
          const { docs: sent } = await withBusyRetry(() =>
            payload.find({
              collection: pluginConfig.deliveriesSlug,
              depth: 0,
              limit: 0,
              overrideAccess: true,
              pagination: false,
              select: { subscriber: true },
              where: { and: [{ notice: { equals: original.id } }, { status: { equals: 'sent' } }] },
            }),
          )
          return sent.map((delivery) => String((delivery as unknown as DeliveryDoc).subscriber))
        })
      : null
  let page = 1
  // A correction whose original notice reached nobody has nobody to correct: no query at all
  // (an id placeholder such as `in: ['-']` is not a valid id on every database; MongoDB refuses it).
  for (;;) {
    if (originalRecipients?.length === 0) {
      break
    }
    const { docs, hasNextPage } = await withBusyRetry(() => payload.find({
      collection: pluginConfig.subscribersSlug,
      depth: 0,
      limit: 500,
      overrideAccess: true,
      page,
      sort: 'id',
      where: {
        and: [
          { status: { equals: 'confirmed' } },
          { documents: { in: [notice.documentKey] } },
          originalRecipients ? { id: { in: originalRecipients } } : { confirmedAt: { less_than_equal: release.publishedAt } },
        ],
      },
    }))
    for (const subscriber of docs as unknown as SubscriberDoc[]) {
      const deliveryKey = `${String(notice.id)}:${String(subscriber.id)}`
      try {
        await withBusyRetry(() => payload.create({
          collection: pluginConfig.deliveriesSlug,
          data: { deliveryKey, locale: subscriber.locale, notice: notice.id, status: 'pending', subscriber: String(subscriber.id) },
          depth: 0,
          overrideAccess: true, disableTransaction: true }))
      } catch (error) {
        if (!(await existsWithKey(payload, pluginConfig.deliveriesSlug, 'deliveryKey', deliveryKey))) {
          throw error
        }
      }
    }
    if (!hasNextPage) {
      break
    }
    page += 1
  }
  const { totalDocs } = await withBusyRetry(() => payload.count({
    collection: pluginConfig.deliveriesSlug,
    overrideAccess: true,
    where: { notice: { equals: notice.id } },
  }))
  await updateOwnRow(() => payload.update({
    id: notice.id,
    collection: pluginConfig.noticesSlug,
    data: { recipients: totalDocs, status: 'sending' },
    depth: 0,
    overrideAccess: true, disableTransaction: true }))
  return totalDocs
}

/**
 * Claims a delivery for this runner by inserting `<delivery>#<attempt>` into the claims
 * collection. The unique index makes the insert atomic: of two runners, one wins. A live lease
 * held by someone else means "busy"; an expired one (a crashed runner) is taken over with the
 * next attempt number. Returns the attempt number, or null when the delivery is not ours to send.
 */
async function claimDelivery(
  payload: Payload,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
  delivery: DeliveryDoc,
  runner: string,
): Promise<null | { attempt: number; claimId: Id }> {
  const { docs } = await withBusyRetry(() => payload.find({
    collection: pluginConfig.claimsSlug,
    depth: 0,
    limit: 1,
    overrideAccess: true,
    pagination: false,
    sort: '-attempt',
    where: { delivery: { equals: String(delivery.id) } },
  }))
  const latest = docs[0] as undefined | { attempt: number; leaseUntil: string }
  if (latest && Date.parse(latest.leaseUntil) > Date.now()) {
    return null
  }
  const attempt = (latest?.attempt ?? 0) + 1
  const claimKey = `${String(delivery.id)}#${attempt}`
  let claimId: Id
  try {
    const claim = await withBusyRetry(() => payload.create({
      collection: pluginConfig.claimsSlug,
      data: {
        attempt,
        claimKey,
        delivery: String(delivery.id),
        leaseUntil: new Date(Date.now() + pluginConfig.notices.leaseSeconds * 1000).toISOString(),
        runner,
      },
      depth: 0,
      overrideAccess: true, disableTransaction: true }))
    claimId = claim.id
  } catch (error) {
    if (await existsWithKey(payload, pluginConfig.claimsSlug, 'claimKey', claimKey)) {
      return null
    }
    throw error
  }
  // Someone may have finished this delivery between our query and our claim.
  const current = (await withBusyRetry(() => payload.findByID({
    id: delivery.id,
    collection: pluginConfig.deliveriesSlug,
    depth: 0,
    overrideAccess: true,
  }))) as unknown as DeliveryDoc
  if (current.status !== 'pending' && current.status !== 'retry') {
    await releaseClaim(payload, pluginConfig, claimId)
    return null
  }
  return { attempt, claimId }
}

async function releaseClaim(payload: Payload, pluginConfig: SanitizedPolicyDocumentsPluginConfig, claimId: Id): Promise<void> {
  await updateOwnRow(() => payload.update({
    id: claimId,
    collection: pluginConfig.claimsSlug,
    data: { leaseUntil: new Date().toISOString() },
    depth: 0,
    overrideAccess: true, disableTransaction: true }))
}

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

/** Sends one claimed delivery and records the outcome. Never throws for an SMTP failure. */
async function deliver(
  payload: Payload,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
  notice: NoticeDoc,
  release: ReleaseDoc,
  previousVersion: string | undefined,
  delivery: DeliveryDoc,
  subscriber: SubscriberDoc | undefined,
  attempt: number,
): Promise<void> {
  const update = (data: Record<string, unknown>) =>
    updateOwnRow(() =>
      payload.update({ id: delivery.id, collection: pluginConfig.deliveriesSlug, data, depth: 0, disableTransaction: true, overrideAccess: true }),
    )
  // Re-checked at send time, so whoever unsubscribes or is erased mid-notice is not mailed after that.
  if (!subscriber || subscriber.status !== 'confirmed' || !subscriber.documents?.includes(notice.documentKey)) {
    await update({ attempts: attempt, lastError: subscriber ? 'Unsubscribed before sending.' : 'Subscriber erased before sending.', status: 'skipped' })
    return
  }
  const mail = getMailContext(payload, pluginConfig)
  const locale = pickLocale(subscriber.locale, pluginConfig.locales, pluginConfig.defaultLocale)
  const localeSnapshot: LocaleSnapshot | undefined = release.snapshot[locale]
  const urlValues = { from: previousVersion ?? release.version, key: notice.documentKey, locale, to: release.version, version: release.version }
  const event = notice.kind === 'correction' && notice.event ? await loadEvent(payload, pluginConfig, idOf(notice.event)) : null
  const messageId = messageIdFor({
    domain: mail.domain,
    kind: notice.kind,
    releaseId: release.id,
    subscriberId: subscriber.id,
    variant: event ? String(event.id) : undefined,
  })
  const recipient: SubscriberDoc = subscriber
  const sentAt = await sendOne()
  if (sentAt) {
    // The message is out: recording that must not be lost to a passing database outage, or the
    // message would be sent again once the claim's lease runs out.
    await recordPatiently(
      () => update({ attempts: attempt, lastError: null, messageId, sentAt, status: 'sent' }),
      pluginConfig.notices.leaseSeconds * 1000,
    )
  }

  /** Renders and sends; returns the time sent, or null after recording the failure. */
  async function sendOne(): Promise<null | string> {
    try {
      const common = {
        ...listLinksFor(pluginConfig, mail, recipient.id),
        siteName: pluginConfig.siteName,
        statementUrl: fillUrlTemplate(pluginConfig.urls.statement, urlValues),
        timeZone: pluginConfig.timeZone,
        title: localeSnapshot?.title ?? notice.documentKey,
        version: release.version,
      }
      const email = event
        ? renderCorrectionNotice(
            event.type === 'postponed'
              ? { ...common, effectiveAt: event.effectiveAt!, kind: 'postponed', note: event.reason, previousEffectiveAt: event.previousEffectiveAt }
              : { ...common, kind: 'withdrawn', note: event.reason },
            locale,
            pluginConfig.defaultLocale,
          )
        : renderNotice(
            {
              ...common,
              changeNote: release.changeNote?.[locale] ?? '',
              compareUrl: previousVersion ? fillUrlTemplate(pluginConfig.urls.compare, urlValues) : undefined,
              diffSummary: release.diff?.summary?.[locale] || undefined,
              effectiveAt: release.effectiveAt,
              previousVersion,
            },
            locale,
            pluginConfig.defaultLocale,
          )
      await payload.sendEmail({
        from: { address: mail.fromAddress, name: mail.fromName },
        headers: email.headers,
        html: email.html,
        messageId,
        subject: email.subject,
        text: email.text,
        to: recipient.email,
      })
      return new Date().toISOString()
    } catch (error) {
      const classification = classifySmtpError(error)
      const message = error instanceof Error ? error.message : String(error)
      const giveUp = classification === 'permanent' || attempt >= pluginConfig.notices.maxAttempts
      payload.logger.error({ err: error, msg: `[policy-documents] notice ${notice.version} to subscriber ${recipient.id}: ${classification} failure (attempt ${attempt})` })
      await update({
        attempts: attempt,
        lastError: `${classification}: ${message}`.slice(0, 500),
        nextAttemptAt: giveUp
          ? null
          : new Date(
              Date.now() +
                backoffDelay(attempt, {
                  baseMs: pluginConfig.notices.retryBaseSeconds * 1000,
                  maxMs: pluginConfig.notices.retryMaxSeconds * 1000,
                }),
            ).toISOString(),
        status: giveUp ? 'failed' : 'retry',
      })
      return null
    }
  }
}

/**
 * Works on one notice for at most `runBudgetSeconds`: fans out if needed, then claims and sends
 * due deliveries in batches. Safe to run in several processes at once and after a crash.
 */
export async function runNotice(
  payload: Payload,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
  noticeId: Id,
  runner: string,
): Promise<NoticeRunResult> {
  const notice = (await withBusyRetry(() => payload.findByID({ id: noticeId, collection: pluginConfig.noticesSlug, depth: 0, overrideAccess: true }))) as unknown as NoticeDoc
  if (notice.status === 'done') {
    return { done: true }
  }
  if (notice.recipients === null || notice.recipients === undefined || notice.status === 'queued') {
    await fanOutNotice(payload, pluginConfig, notice)
  }
  const release = (await withBusyRetry(() => payload.findByID({ id: idOf(notice.release), collection: pluginConfig.releasesSlug, depth: 0, overrideAccess: true }))) as unknown as ReleaseDoc
  const previousVersion = await findPreviousVersion(payload, pluginConfig, notice.documentKey, release.version)
  const deadline = Date.now() + pluginConfig.notices.runBudgetSeconds * 1000
  const busy = new Set<string>()
  while (Date.now() < deadline) {
    const and: Where[] = [
      { notice: { equals: notice.id } },
      { status: { in: ['pending', 'retry'] } },
      { or: [{ nextAttemptAt: { exists: false } }, { nextAttemptAt: { less_than_equal: new Date().toISOString() } }] },
    ]
    if (busy.size > 0) {
      and.push({ id: { not_in: [...busy] } })
    }
    const { docs } = await withBusyRetry(() => payload.find({
      collection: pluginConfig.deliveriesSlug,
      depth: 0,
      limit: pluginConfig.notices.batchSize,
      overrideAccess: true,
      pagination: false,
      sort: 'id',
      where: { and },
    }))
    if (docs.length === 0) {
      break
    }
    // Claim one delivery at a time, just before sending it, so that concurrent runners share the
    // work instead of one of them holding a whole batch, and read the subscriber at that moment, so
    // that whoever unsubscribes or is erased mid-notice is not mailed after that.
    for (const delivery of docs as unknown as DeliveryDoc[]) {
      if (Date.now() >= deadline) {
        break
      }
      const claim = await claimDelivery(payload, pluginConfig, delivery, runner)
      if (!claim) {
        busy.add(String(delivery.id))
        continue
      }
      const { docs: found } = await withBusyRetry(() =>
        payload.find({
          collection: pluginConfig.subscribersSlug,
          depth: 0,
          limit: 1,
          overrideAccess: true,
          pagination: false,
          where: { id: { equals: delivery.subscriber } },
        }),
      )
      await deliver(payload, pluginConfig, notice, release, previousVersion, delivery, found[0] as unknown as SubscriberDoc | undefined, claim.attempt)
      await releaseClaim(payload, pluginConfig, claim.claimId)
    }
  }
  return finishRun(payload, pluginConfig, notice.id, busy.size > 0)
}

async function findPreviousVersion(
  payload: Payload,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
  documentKey: string,
  version: string,
): Promise<string | undefined> {
  const [major, minor] = version.split('.').map(Number) as [number, number]
  const { docs } = await withBusyRetry(() => payload.find({
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
        { or: [{ major: { less_than: major } }, { and: [{ major: { equals: major } }, { minor: { less_than: minor } }] }] },
      ],
    },
  }))
  return (docs[0] as undefined | { version: string })?.version
}

/** Marks the notice done when nothing is left to send, or says when to look again. */
async function finishRun(
  payload: Payload,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
  noticeId: Id,
  sawBusy: boolean,
): Promise<NoticeRunResult> {
  const { docs } = await withBusyRetry(() => payload.find({
    collection: pluginConfig.deliveriesSlug,
    depth: 0,
    limit: 1,
    overrideAccess: true,
    pagination: false,
    sort: 'nextAttemptAt',
    where: { and: [{ notice: { equals: noticeId } }, { status: { in: ['pending', 'retry'] } }] },
  }))
  const next = docs[0] as undefined | { nextAttemptAt?: null | string }
  if (!next) {
    await updateOwnRow(() => payload.update({
      id: noticeId,
      collection: pluginConfig.noticesSlug,
      data: { completedAt: new Date().toISOString(), nextRunAt: null, status: 'done' },
      depth: 0,
      overrideAccess: true, disableTransaction: true }))
    return { done: true }
  }
  const soonest = next.nextAttemptAt ? Date.parse(next.nextAttemptAt) : Date.now()
  // Work held by another runner's live lease is looked at again when that lease can have expired.
  const at = new Date(Math.max(Date.now(), sawBusy ? Math.min(soonest, Date.now() + pluginConfig.notices.leaseSeconds * 1000) : soonest))
  await updateOwnRow(() => payload.update({
    id: noticeId,
    collection: pluginConfig.noticesSlug,
    data: { nextRunAt: at.toISOString() },
    depth: 0,
    overrideAccess: true, disableTransaction: true }))
  return { done: false, nextRunAt: at }
}
