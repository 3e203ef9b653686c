/**
 * The development outbox: every e-mail the demo sends when no SMTP server is configured
 * (`SMTP_HOST` unset), kept so double opt-in, notices and "manage my data" links can be followed
 * from the admin (the Outbox view) instead of being lost in a console log.
 *
 * Messages live in a JSON file next to the development database (data/outbox.json by default), so
 * every process of `npm run dev` (the Next server, a job worker) writes to and reads from the same
 * outbox, and it survives a restart. At most `MAX_MESSAGES` are kept, newest last.
 */
import type { PayloadEmailAdapter as EmailAdapter, SendEmailOptions } from 'payload'

import { randomUUID } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/** One captured message. */
export type OutboxMessage = {
  from: string
  html: string
  id: string
  sentAt: string
  subject: string
  text: string
  to: string
}

const MAX_MESSAGES = 200

function addressOf(value: unknown): string {
  if (!value) return ''
  if (typeof value === 'string') return value
  if (Array.isArray(value)) return value.map(addressOf).join(', ')
  const address = value as { address?: string; name?: string }
  return address.name ? `${address.name} <${address.address ?? ''}>` : (address.address ?? '')
}

/** Reads the outbox file; an absent or unreadable file is an empty outbox. */
export function readOutbox(file: string): OutboxMessage[] {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown
    return Array.isArray(parsed) ? (parsed as OutboxMessage[]) : []
  } catch {
    return []
  }
}

/** Appends one message (write to a temporary file, then rename: a reader never sees half a file). */
export function appendToOutbox(file: string, message: OutboxMessage): void {
  const messages = [...readOutbox(file), message].slice(-MAX_MESSAGES)
  mkdirSync(path.dirname(file), { recursive: true })
  const temporary = `${file}.${process.pid}.tmp`
  writeFileSync(temporary, JSON.stringify(messages, null, 1))
  renameSync(temporary, file)
}

/** The outbox file: OUTBOX_FILE, else `outbox.json` in `dataDir`. */
export function outboxFile(dataDir: string): string {
  return process.env.OUTBOX_FILE ?? path.join(dataDir, 'outbox.json')
}

/** A Payload e-mail adapter that keeps every message in the outbox instead of sending it. */
export function outboxAdapter(options: {
  defaultFromAddress: string
  defaultFromName: string
  file: string
}): EmailAdapter {
  return ({ payload }) => ({
    defaultFromAddress: options.defaultFromAddress,
    defaultFromName: options.defaultFromName,
    name: 'dev-outbox',
    sendEmail: async (message: SendEmailOptions) => {
      const captured: OutboxMessage = {
        from:
          addressOf(message.from) || `${options.defaultFromName} <${options.defaultFromAddress}>`,
        html: typeof message.html === 'string' ? message.html : '',
        id: randomUUID(),
        sentAt: new Date().toISOString(),
        subject: String(message.subject ?? ''),
        text: typeof message.text === 'string' ? message.text : '',
        to: addressOf(message.to),
      }
      appendToOutbox(options.file, captured)
      payload.logger.info(`[outbox] "${captured.subject}" to ${captured.to}: see /admin/outbox`)
      return {
        accepted: [captured.to],
        messageId: captured.id,
        response: '250 kept in the development outbox',
      }
    },
  })
}
