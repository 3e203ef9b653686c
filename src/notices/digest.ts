/**
 * Proof of what was sent: a content hash of a message as handed to the transport.
 */
import { createHash } from 'node:crypto'

/** The parts of a message that say what it told whom. */
export type DigestInput = {
  from: { address: string; name: string }
  headers: Record<string, string>
  html: string
  messageId: string
  subject: string
  text: string
  to: string
}

/**
 * SHA-256 (hex) over the sender, recipient, subject, Message-ID, extra headers (sorted by name),
 * plain text and HTML, serialized as JSON in a fixed order. Re-rendering the same release for
 * the same recipient gives the same hash, so a company can prove what it told whom without
 * keeping every copy; MIME boundaries and transfer encodings, which vary, are left out.
 */
export function noticeDigest(message: DigestInput): string {
  const headers = Object.keys(message.headers)
    .sort()
    .map((name) => [name.toLowerCase(), message.headers[name]])
  const canonical = JSON.stringify([
    'policy-notice-digest/1',
    [message.from.name, message.from.address.toLowerCase()],
    message.to.toLowerCase(),
    message.subject,
    message.messageId,
    headers,
    message.text,
    message.html,
  ])
  return createHash('sha256').update(canonical).digest('hex')
}
