import type { Payload } from 'payload'

import nodemailer from 'nodemailer'

import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'

/** One rendered change notice, ready for a transport. */
export type OutgoingNotice = {
  from: { address: string; name: string }
  headers: Record<string, string>
  html: string
  messageId: string
  subject: string
  text: string
  to: string
}

/** What happened to one message: accepted (with the server's answer) or refused. */
export type SendResult = { error: unknown; ok: false } | { ok: true; response: string }

/**
 * The seam between the notice worker and a transport. `send` gets the messages of one batch and
 * answers one result per message, in order; it must not throw for a single message's failure.
 * A provider's batch API (SES `SendBulkEmail`, Postmark `/email/batch`…) fits here directly.
 */
export type NoticeSender = {
  close?: () => Promise<void> | void
  send: (messages: OutgoingNotice[]) => Promise<SendResult[]>
}

/** Builds the sender once per Payload instance. */
export type NoticeSenderFactory = (payload: Payload) => NoticeSender

// One sender per Payload instance and notices configuration (a pooled transport keeps its connections).
const senders = new WeakMap<Payload, WeakMap<object, NoticeSender>>()

/** The sender notices go through: `notices.sender`, else the pooled SMTP transport, else `payload.sendEmail`. */
export function getNoticeSender(
  payload: Payload,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
): NoticeSender {
  let byConfig = senders.get(payload)
  if (!byConfig) {
    byConfig = new WeakMap()
    senders.set(payload, byConfig)
  }
  let sender = byConfig.get(pluginConfig.notices)
  if (!sender) {
    const { maxPerSecond, sender: factory, smtp } = pluginConfig.notices
    const base = factory
      ? factory(payload)
      : smtp
        ? smtpPoolSender(smtp)
        : payloadEmailSender(payload)
    sender = maxPerSecond ? rateLimited(base, maxPerSecond) : base
    byConfig.set(pluginConfig.notices, sender)
  }
  return sender
}

/** Closes the sender made for this Payload instance and configuration (its pooled connections), if any. */
export async function closeNoticeSender(
  payload: Payload,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
): Promise<void> {
  const byConfig = senders.get(payload)
  const sender = byConfig?.get(pluginConfig.notices)
  byConfig?.delete(pluginConfig.notices)
  await sender?.close?.()
}

/**
 * A pooled nodemailer SMTP transport: `maxConnections` connections kept open and reused, so a
 * message costs one SMTP transaction instead of a connection, a greeting and a transaction.
 */
export function smtpPoolSender(smtp: {
  maxConnections: number
  transportOptions: Record<string, unknown>
}): NoticeSender {
  const transport = nodemailer.createTransport({
    ...smtp.transportOptions,
    maxConnections: smtp.maxConnections,
    maxMessages: Infinity,
    pool: true,
  } as Parameters<typeof nodemailer.createTransport>[0])
  return {
    close: () => transport.close(),
    send: (messages) =>
      Promise.all(
        messages.map((message) =>
          transport.sendMail(message).then(
            (info: { response?: string }): SendResult => ({
              ok: true,
              response: String(info.response ?? ''),
            }),
            (error: unknown): SendResult => ({ error, ok: false }),
          ),
        ),
      ),
  }
}

/** Whatever e-mail adapter the host configured, one `payload.sendEmail` call per message, all of a batch at once. */
export function payloadEmailSender(payload: Payload): NoticeSender {
  return {
    send: (messages) =>
      Promise.all(
        messages.map((message) =>
          Promise.resolve(payload.sendEmail(message)).then(
            (info: unknown): SendResult => ({
              ok: true,
              response: String((info as { response?: string } | undefined)?.response ?? ''),
            }),
            (error: unknown): SendResult => ({ error, ok: false }),
          ),
        ),
      ),
  }
}

/**
 * Caps a sender at `perSecond` messages per second (in this process) by spacing the messages
 * out: each batch is split into slices that are each sent at their own time slot.
 */
export function rateLimited(sender: NoticeSender, perSecond: number): NoticeSender {
  const interval = 1000 / perSecond
  let nextSlot = 0
  const slot = async (): Promise<void> => {
    const now = Date.now()
    const at = Math.max(now, nextSlot)
    nextSlot = at + interval
    if (at > now) {
      await new Promise((resolve) => setTimeout(resolve, at - now))
    }
  }
  return {
    close: sender.close,
    send: (messages) =>
      Promise.all(
        messages.map(async (message) => {
          await slot()
          const [result] = await sender.send([message])
          return result!
        }),
      ),
  }
}
