/**
 * Signed, URL-safe tokens for the links we e-mail to subscribers: double opt-in confirmation,
 * one-click unsubscribe, and the "manage my data" page (export, locale correction, erasure).
 *
 * A token is `<payload>.<signature>`, both base64url without padding. The payload is JSON
 * `{ v, p, s, n, e }` (version, purpose, subject, nonce, expiry in ms); the signature is
 * HMAC-SHA256 over `ppd-token:v1.` + the payload exactly as sent, so any change to any byte of
 * the payload, including a truncation, fails the signature check. Nothing secret is in the
 * payload (it is readable by anyone holding the link); the HMAC only makes it unforgeable.
 *
 * Single use is not something a stateless token can promise: the caller enforces it.
 * The token carries a random nonce; when a token is issued the store keeps `hashNonce(nonce)`
 * (never the nonce or the token itself), and when it is used the store looks that hash up and
 * deletes or marks it in the same write that performs the action. A stolen database then holds
 * nothing that can be turned back into a working link.
 */
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto'

/** What a token may be used for. A token made for one purpose is refused for every other. */
export type TokenPurpose = 'confirm' | 'manage' | 'unsubscribe' | (string & {})

/** A secret for signing: at least `MIN_SECRET_BYTES` bytes. */
export type TokenSecret = Buffer | string

/** Input for `createToken`. */
export type CreateTokenInput = {
  /** When the token stops working. */
  expiresAt: Date
  /** Random value the store remembers (hashed) to make the token single-use; generated when omitted. */
  nonce?: string
  purpose: TokenPurpose
  secret: TokenSecret
  /** Whom the token is about, typically the subscriber ID. */
  subject: string
}

/** Options for `verifyToken`. */
export type VerifyTokenOptions = {
  /** The clock to judge expiry against; defaults to the current time. */
  now?: Date
  purpose: TokenPurpose
  secret: TokenSecret
}

/** Why a token was refused. */
export type TokenFailureReason = 'bad-signature' | 'expired' | 'malformed' | 'wrong-purpose'

/** The outcome of `verifyToken`. */
export type VerifyTokenResult =
  | { expiresAt: Date; nonce: string; ok: true; subject: string }
  | { ok: false; reason: TokenFailureReason }

/** Shortest accepted secret, in bytes: the HMAC-SHA256 key size recommended by RFC 2104 §3 is the output size. */
export const MIN_SECRET_BYTES = 32

/** Longest string `verifyToken` will look at; anything longer is refused before any decoding. */
export const MAX_TOKEN_LENGTH = 2048

const MAX_SUBJECT_LENGTH = 256
const SIGNATURE_BYTES = 32
// 32 bytes of base64url without padding is always 43 characters.
const SIGNATURE_CHARS = 43
const PURPOSE_PATTERN = /^[a-z][a-z0-9-]{0,31}$/
const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,128}$/
const TOKEN_PATTERN = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/
// Domain separation: the same secret may sign other things (e.g. via hashToken) without a
// signature from one context ever being valid in another.
const SIGNING_CONTEXT = 'ppd-token:v1.'
const HASH_CONTEXT = 'ppd-hash:v1.'

type Payload = { e: number; n: string; p: string; s: string; v: 1 }

/** Creates a signed token; throws on invalid arguments, since those are programming errors. */
export function createToken(input: CreateTokenInput): string {
  const key = toKey(input.secret)
  if (typeof input.purpose !== 'string' || !PURPOSE_PATTERN.test(input.purpose)) {
    throw new Error('createToken: purpose must be a short lower-case word such as "confirm"')
  }
  if (
    typeof input.subject !== 'string' ||
    input.subject.length === 0 ||
    input.subject.length > MAX_SUBJECT_LENGTH
  ) {
    throw new Error(
      `createToken: subject must be a non-empty string of at most ${MAX_SUBJECT_LENGTH} characters`,
    )
  }
  const expires = input.expiresAt instanceof Date ? input.expiresAt.getTime() : Number.NaN
  if (!Number.isFinite(expires)) {
    throw new Error('createToken: expiresAt must be a valid Date')
  }
  const nonce = input.nonce ?? newNonce()
  if (typeof nonce !== 'string' || !NONCE_PATTERN.test(nonce)) {
    throw new Error('createToken: nonce must be 16–128 base64url characters (use newNonce())')
  }
  const payload: Payload = { e: expires, n: nonce, p: input.purpose, s: input.subject, v: 1 }
  const encoded = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url')
  return `${encoded}.${sign(key, encoded).toString('base64url')}`
}

/**
 * Checks a token. Never throws on the token itself, whatever its type or size; it throws only
 * when the secret or clock passed in are unusable, because that is a configuration error.
 */
export function verifyToken(token: unknown, options: VerifyTokenOptions): VerifyTokenResult {
  const key = toKey(options.secret)
  const now = options.now ?? new Date()
  if (!(now instanceof Date) || !Number.isFinite(now.getTime())) {
    throw new Error('verifyToken: now must be a valid Date')
  }

  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH || !TOKEN_PATTERN.test(token)) {
    return { ok: false, reason: 'malformed' }
  }
  const dot = token.indexOf('.')
  const encoded = token.slice(0, dot)
  const signatureText = token.slice(dot + 1)
  if (signatureText.length !== SIGNATURE_CHARS) return { ok: false, reason: 'malformed' }
  const signature = Buffer.from(signatureText, 'base64url')
  // Base64 has spare bits in the last character; insisting on the canonical spelling means one
  // signature has exactly one valid token string.
  if (signature.length !== SIGNATURE_BYTES || signature.toString('base64url') !== signatureText) {
    return { ok: false, reason: 'malformed' }
  }

  // The signature is checked before the payload is even parsed, so a forger learns nothing
  // about which payloads we would accept; timingSafeEqual keeps the comparison time flat.
  if (!timingSafeEqual(sign(key, encoded), signature)) return { ok: false, reason: 'bad-signature' }

  const payload = parsePayload(encoded)
  if (!payload) return { ok: false, reason: 'malformed' }
  if (payload.p !== options.purpose) return { ok: false, reason: 'wrong-purpose' }
  if (now.getTime() >= payload.e) return { ok: false, reason: 'expired' }
  return { expiresAt: new Date(payload.e), nonce: payload.n, ok: true, subject: payload.s }
}

/** A fresh random nonce: 128 bits, base64url. */
export function newNonce(): string {
  return randomBytes(16).toString('base64url')
}

/**
 * A 32-byte signing key derived (HKDF-SHA256) from an application secret such as Payload's,
 * so that tokens never share a key with session cookies. As strong as `rootSecret`, no stronger.
 */
export function deriveTokenSecret(
  rootSecret: string,
  context = 'payload-plugin-policy-docs/tokens',
): Buffer {
  if (typeof rootSecret !== 'string' || rootSecret.length === 0) {
    throw new Error('deriveTokenSecret: rootSecret must be a non-empty string')
  }
  return Buffer.from(hkdfSync('sha256', rootSecret, '', context, 32))
}

/** HMAC-SHA256 of `value` as hex: what to store instead of a token, nonce or other secret value. */
export function hashToken(value: string, secret: TokenSecret): string {
  return createHmac('sha256', toKey(secret))
    .update(HASH_CONTEXT)
    .update(value, 'utf8')
    .digest('hex')
}

/** The value the store keeps to make a token single-use: `hashToken(nonce, secret)`. */
export function hashNonce(nonce: string, secret: TokenSecret): string {
  return hashToken(nonce, secret)
}

/** Compares two strings in time that depends only on their length, e.g. two `hashToken` digests. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(String(a), 'utf8')
  const right = Buffer.from(String(b), 'utf8')
  // timingSafeEqual throws on a length mismatch; comparing against itself keeps the work the same.
  if (left.length !== right.length) {
    timingSafeEqual(left, left)
    return false
  }
  return timingSafeEqual(left, right)
}

function sign(key: Buffer, encodedPayload: string): Buffer {
  return createHmac('sha256', key).update(SIGNING_CONTEXT).update(encodedPayload, 'ascii').digest()
}

function toKey(secret: TokenSecret): Buffer {
  const key =
    typeof secret === 'string'
      ? Buffer.from(secret, 'utf8')
      : Buffer.isBuffer(secret)
        ? secret
        : undefined
  if (!key || key.length < MIN_SECRET_BYTES) {
    throw new Error(
      `tokens: the secret must be a string or Buffer of at least ${MIN_SECRET_BYTES} bytes`,
    )
  }
  return key
}

function parsePayload(encoded: string): Payload | undefined {
  // Only reached for payloads we signed ourselves, but the shape is still checked so that a
  // leaked-secret or version-skew payload cannot smuggle odd types into callers.
  let value: unknown
  try {
    value = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'))
  } catch {
    return undefined
  }
  if (typeof value !== 'object' || value === null) return undefined
  const { e, n, p, s, v } = value as Record<string, unknown>
  if (v !== 1 || typeof p !== 'string' || typeof s !== 'string' || typeof n !== 'string')
    return undefined
  if (typeof e !== 'number' || !Number.isSafeInteger(e)) return undefined
  return { e, n, p, s, v }
}
