/**
 * Deterministic Message-IDs (RFC 5322 §3.6.4).
 */
import { createHash } from 'node:crypto'

import type { DocumentID } from '../types.js'

/** What a message is; part of its identity. */
export type MessageKind = 'confirm' | 'correction' | 'manage' | 'notice' | (string & {})

/** Input for `messageIdFor`. */
export type MessageIdInput = {
  /** The host part, normally the sending domain, e.g. `example.dk`. */
  domain: string
  kind: MessageKind
  /** The release the message is about; for mails tied to no release pass another unique key, such as a token nonce. */
  releaseId: DocumentID
  subscriberId: DocumentID
  /** Tells apart several messages of one kind about one release, e.g. the new date of a second postponement. */
  variant?: string
}

const KIND_PATTERN = /^[a-z][a-z0-9-]{0,31}$/
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?'
const DOMAIN_PATTERN = new RegExp(`^${LABEL}(?:\\.${LABEL})*$`)

/**
 * The same inputs always give the same `<…@domain>`. A retry after a connection dropped
 * mid-DATA may deliver a message twice; with one Message-ID per (kind, release, subscriber)
 * receiving systems and mail clients can recognise the copy as a duplicate.
 * The local part is a hash, so any characters in the IDs are safe and nothing about them leaks.
 */
export function messageIdFor(input: MessageIdInput): string {
  const { domain, kind, releaseId, subscriberId, variant } = input
  if (typeof kind !== 'string' || !KIND_PATTERN.test(kind)) {
    throw new Error('messageIdFor: kind must be a short lower-case word such as "notice"')
  }
  const host = typeof domain === 'string' ? domain.toLowerCase() : ''
  if (host.length > 253 || !DOMAIN_PATTERN.test(host)) {
    throw new Error(`messageIdFor: domain must be a host name, got ${JSON.stringify(domain)}`)
  }
  for (const [name, id] of [
    ['releaseId', releaseId],
    ['subscriberId', subscriberId],
  ] as const) {
    if ((typeof id !== 'string' && typeof id !== 'number') || String(id).length === 0) {
      throw new Error(`messageIdFor: ${name} must be a non-empty string or a number`)
    }
  }
  // JSON of an array keeps ('1:2', '3') and ('1', '2:3') apart, which naive joining would not.
  const digest = createHash('sha256')
    .update(JSON.stringify([kind, String(releaseId), String(subscriberId), variant ?? null]))
    .digest('hex')
    .slice(0, 32)
  return `<policy-${kind}.${digest}@${host}>`
}
