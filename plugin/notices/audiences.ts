import type { Payload, Where } from 'payload'

import type { Id } from '../collections/ids.js'
import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'
import type { RecipientPage } from './deliveryStore.js'

import { createToken, verifyToken } from '../../src/tokens/index.js'
import { withBusyRetry } from '../utilities/withBusyRetry.js'
import { addressHash } from './fanOut.js'

/** An audience as sanitized: a host collection whose documents are recipients (see `notices.audiences`). */
export type SanitizedAudience = {
  collection: string
  email: string
  label: string
  locale: null | string
  where: null | Where
}

const DAY = 24 * 3600 * 1000
const SUPPRESS_PURPOSE = 'suppress'

/** The audience's own condition and, optionally, more. */
const audienceWhere = (audience: SanitizedAudience, ...more: Where[]): Where => ({
  and: [...(audience.where ? [audience.where] : []), ...more],
})

/** One page of an audience in ID order: those in it when the release was published (created by then and matching now). */
export function audiencePage(payload: Payload, audience: SanitizedAudience, publishedAt: string) {
  return async (after: Id | null, limit: number): Promise<RecipientPage> => {
    const select: Record<string, true> = { [audience.email]: true }
    if (audience.locale) {
      select[audience.locale] = true
    }
    const { docs } = await withBusyRetry(() =>
      payload.db.find<Record<string, unknown> & { id: Id }>({
        collection: audience.collection,
        limit,
        pagination: false,
        select,
        sort: 'id',
        where: audienceWhere(
          audience,
          { createdAt: { less_than_equal: publishedAt } },
          ...(after === null ? [] : [{ id: { greater_than: after } }]),
        ),
      }),
    )
    return {
      next: docs.length < limit ? null : docs[docs.length - 1]!.id,
      recipients: docs.map((doc) => ({
        email: doc[audience.email],
        id: doc.id,
        locale: audience.locale ? doc[audience.locale] : null,
      })),
    }
  }
}

/** Audience recipients of a batch as they are now: still in the audience (one query); the caller checks suppression. */
export async function loadAudienceRecipients(
  payload: Payload,
  audience: SanitizedAudience,
  ids: string[],
): Promise<Array<{ email: string; id: Id; locale: null | string }>> {
  const { docs } = await withBusyRetry(() =>
    payload.db.find<Record<string, unknown> & { id: Id }>({
      collection: audience.collection,
      limit: 0,
      pagination: false,
      where: audienceWhere(audience, { id: { in: ids } }),
    }),
  )
  return docs
    .filter((doc) => typeof doc[audience.email] === 'string')
    .map((doc) => ({
      email: doc[audience.email] as string,
      id: doc.id,
      locale:
        audience.locale && typeof doc[audience.locale] === 'string'
          ? (doc[audience.locale] as string)
          : null,
    }))
}

/** Which of these address hashes are on the document's suppression list (one query). */
export async function suppressedHashes(
  payload: Payload,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
  documentKey: string,
  hashes: string[],
): Promise<Set<string>> {
  if (hashes.length === 0) {
    return new Set()
  }
  const { docs } = await withBusyRetry(() =>
    payload.db.find<{ addressHash: string }>({
      collection: pluginConfig.suppressionsSlug,
      limit: 0,
      pagination: false,
      select: { addressHash: true },
      where: { and: [{ documentKey: { equals: documentKey } }, { addressHash: { in: hashes } }] },
    }),
  )
  return new Set(docs.map((doc) => doc.addressHash))
}

/** Suppression entries read per query while loading a document's list. */
const SUPPRESSION_PAGE = 5000

/**
 * The document's whole suppression list, read a page at a time in ID order, for planning to check
 * every audience page against in memory. Its size grows with the list (about 80 bytes an entry),
 * not with the audience. (One `addressHash IN (…)` query of 2,000 hashes per audience page held
 * ~680 kB of native memory until garbage collection on libsql: 34 MB per 100,000 recipients.)
 */
export async function suppressionList(
  payload: Payload,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
  documentKey: string,
): Promise<Set<string>> {
  const hashes = new Set<string>()
  for (let after: Id | null = null; ;) {
    const { docs } = await withBusyRetry(() =>
      payload.db.find<{ addressHash: string; id: Id }>({
        collection: pluginConfig.suppressionsSlug,
        limit: SUPPRESSION_PAGE,
        pagination: false,
        select: { addressHash: true },
        sort: 'id',
        where: {
          and: [
            { documentKey: { equals: documentKey } },
            ...(after === null ? [] : [{ id: { greater_than: after } }]),
          ],
        },
      }),
    )
    for (const doc of docs) {
      hashes.add(doc.addressHash)
    }
    if (docs.length < SUPPRESSION_PAGE) {
      return hashes
    }
    after = docs[docs.length - 1]!.id
  }
}

/** The one-click unsubscribe link of an audience recipient: puts their address on the document's suppression list. */
export function suppressionUrl(
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
  secret: Buffer,
  documentKey: string,
  address: string,
  now = new Date(),
): string {
  const token = createToken({
    expiresAt: new Date(now.getTime() + 5 * 365 * DAY),
    purpose: SUPPRESS_PURPOSE,
    secret,
    subject: `${documentKey}:${addressHash(address)}`,
  })
  return `${pluginConfig.serverApiUrl}${pluginConfig.publicPath}/notices/unsubscribe?token=${encodeURIComponent(token)}`
}

/**
 * Records a suppression from a one-click token. Idempotent (the unique key makes a repeat a
 * no-op). Returns false for a bad or expired token.
 */
export async function suppressFromToken(
  payload: Payload,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
  secret: Buffer,
  token: unknown,
): Promise<boolean> {
  const verified = verifyToken(token, { purpose: SUPPRESS_PURPOSE, secret })
  if (!verified.ok) {
    return false
  }
  const separator = verified.subject.lastIndexOf(':')
  const documentKey = verified.subject.slice(0, separator)
  const hash = verified.subject.slice(separator + 1)
  const suppressionKey = `${documentKey}:${hash}`
  const { totalDocs } = await withBusyRetry(() =>
    payload.db.count({
      collection: pluginConfig.suppressionsSlug,
      where: { suppressionKey: { equals: suppressionKey } },
    }),
  )
  if (totalDocs === 0) {
    try {
      await withBusyRetry(() =>
        payload.create({
          collection: pluginConfig.suppressionsSlug,
          data: { addressHash: hash, documentKey, suppressionKey },
          depth: 0,
          disableTransaction: true,
          overrideAccess: true,
        }),
      )
    } catch (error) {
      // A concurrent click of the same link: the unique key kept one row, which is what was asked.
      const { totalDocs: now } = await payload.db.count({
        collection: pluginConfig.suppressionsSlug,
        where: { suppressionKey: { equals: suppressionKey } },
      })
      if (now === 0) {
        throw error
      }
    }
  }
  return true
}

/** The suppression entries of an address (for the right of access). */
export async function suppressionsFor(
  payload: Payload,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
  email: string,
) {
  const { docs } = await payload.db.find<{ createdAt: string; documentKey: string }>({
    collection: pluginConfig.suppressionsSlug,
    limit: 0,
    pagination: false,
    where: { addressHash: { equals: addressHash(email) } },
  })
  return docs.map((doc) => ({ document: doc.documentKey, since: doc.createdAt }))
}

/** Erases the suppression entries of an address (right to erasure; later notices reach it again). */
export async function eraseSuppressions(
  payload: Payload,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
  email: string,
): Promise<void> {
  await payload.db.deleteMany({
    collection: pluginConfig.suppressionsSlug,
    where: { addressHash: { equals: addressHash(email) } },
  })
}

/** Per audience, how many would be notified about `documentKey` now (before de-duplication), for the publish preview. */
export async function countAudiences(
  payload: Payload,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
): Promise<Array<{ audience: string; recipients: number }>> {
  const counts: Array<{ audience: string; recipients: number }> = []
  for (const audience of pluginConfig.notices.audiences) {
    const { totalDocs } = await payload.db.count({
      collection: audience.collection,
      where: audienceWhere(audience),
    })
    counts.push({ audience: audience.label, recipients: totalDocs })
  }
  return counts
}
