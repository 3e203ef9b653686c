import type { Payload } from 'payload'

import { randomBytes } from 'node:crypto'

import type { TokenPurpose, TokenSecret } from '../../src/tokens/index.js'
import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'

import { constantTimeEqual, createToken, hashToken, verifyToken } from '../../src/tokens/index.js'
import { findDocs } from '../queries/typed.js'
import { withBusyRetry } from '../utilities/withBusyRetry.js'

/**
 * Every link we e-mail a subscriber (confirm, unsubscribe, manage) is bound to the subscriber's
 * own random `tokenKey`, not only to their row ID. Row IDs are reused (SQLite gives a deleted
 * row's integer to the next insert), the key never is: erasing the row erases the key, so every
 * link ever sent to that person stops working, and a link can never reach whoever gets the ID next.
 *
 * The token's subject is `<id>.<tag>`, where the tag is a keyed hash of the tokenKey; the key
 * itself never leaves the database. Verification loads the row by ID and compares tags in
 * constant time.
 */

/** The fields of a subscriber row that token handling needs. */
export type TokenHolder = { id: number | string; tokenKey?: null | string }

/** A fresh per-subscriber key: 32 random bytes, base64url. */
export function newTokenKey(): string {
  return randomBytes(32).toString('base64url')
}

/** The public tag of a tokenKey: 128 bits of a keyed hash (the key cannot be recovered from it). */
function tagOf(tokenKey: string, secret: TokenSecret): string {
  return Buffer.from(hashToken(`subscriber-key:${tokenKey}`, secret), 'hex')
    .subarray(0, 16)
    .toString('base64url')
}

/** Signs a link token for one subscriber. */
export function subscriberToken(
  holder: { id: number | string; tokenKey: string },
  input: { expiresAt: Date; nonce?: string; purpose: TokenPurpose; secret: TokenSecret },
): string {
  return createToken({
    ...input,
    subject: `${String(holder.id)}.${tagOf(holder.tokenKey, input.secret)}`,
  })
}

/**
 * Checks a link token and finds its subscriber. Returns `null` for a bad, expired, wrong-purpose
 * token, for an erased subscriber, and for a row whose key is not the one the token was made for.
 */
export async function findTokenHolder<T extends TokenHolder>(
  payload: Payload,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
  token: unknown,
  options: { purpose: TokenPurpose; secret: TokenSecret },
): Promise<{ nonce: string; subscriber: T } | null> {
  const result = verifyToken(token, options)
  if (!result.ok) {
    return null
  }
  const dot = result.subject.lastIndexOf('.')
  const id = result.subject.slice(0, dot)
  const tag = result.subject.slice(dot + 1)
  // Tokens issued before keys existed carry a bare ID: they are refused.
  if (dot <= 0 || !tag) {
    return null
  }
  const docs = await findDocs<T>(payload, {
    collection: pluginConfig.subscribersSlug,
    depth: 0,
    limit: 1,
    overrideAccess: true,
    pagination: false,
    where: { id: { equals: id } },
  })
  const subscriber = docs[0]
  const expected = subscriber?.tokenKey ? tagOf(subscriber.tokenKey, options.secret) : ''
  // Compared even when there is no row, so a missing row costs the same as a wrong key.
  const same = constantTimeEqual(expected || tag.replace(/./g, '\u0000'), tag)
  if (!subscriber || !expected || !same) {
    return null
  }
  return { nonce: result.nonce, subscriber }
}

/**
 * The subscriber's tokenKey, created and stored first for a row written before keys existed.
 * New rows get one when they are created (the field's default).
 */
export async function ensureTokenKey(
  payload: Payload,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
  holder: TokenHolder,
): Promise<{ id: number | string; tokenKey: string }> {
  if (holder.tokenKey) {
    return { id: holder.id, tokenKey: holder.tokenKey }
  }
  const tokenKey = newTokenKey()
  await withBusyRetry(() =>
    payload.update({
      id: holder.id,
      collection: pluginConfig.subscribersSlug,
      data: { tokenKey },
      depth: 0,
      overrideAccess: true,
    }),
  )
  return { id: holder.id, tokenKey }
}

/**
 * Gives every subscriber row without a tokenKey one (rows from before keys existed, or inserted
 * around the Local API). Runs at init; idempotent; a no-op query when every row has a key.
 */
export async function backfillTokenKeys(
  payload: Payload,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
): Promise<number> {
  let filled = 0
  for (;;) {
    const { docs } = await payload.find({
      collection: pluginConfig.subscribersSlug,
      depth: 0,
      limit: 500,
      overrideAccess: true,
      pagination: false,
      select: { id: true },
      where: { tokenKey: { exists: false } },
    })
    if (docs.length === 0) {
      return filled
    }
    for (const doc of docs) {
      await ensureTokenKey(payload, pluginConfig, { id: doc.id, tokenKey: null })
      filled++
    }
  }
}
