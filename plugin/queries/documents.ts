import type { Payload } from 'payload'

import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'

import { findDocs } from './typed.js'

/** The titles of the policy documents named by `keys`, in one locale, joined by commas (a key stands in for a missing title). */
export async function documentTitles(
  payload: Payload,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
  keys: string[],
  locale: string,
): Promise<string> {
  if (keys.length === 0) {
    return ''
  }
  const docs = await findDocs<{ key?: string; title?: string }>(payload, {
    collection: pluginConfig.documentsSlug,
    depth: 0,
    locale,
    overrideAccess: true,
    pagination: false,
    select: { key: true, title: true },
    where: { key: { in: keys } },
  })
  const titles = new Map(docs.map((doc) => [String(doc.key), String(doc.title ?? '')]))
  return keys.map((key) => titles.get(key) || key).join(', ')
}

/** Of `keys`, those naming a policy document that exists, in the given order. */
export async function existingDocumentKeys(
  payload: Payload,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
  keys: string[],
): Promise<string[]> {
  if (keys.length === 0) {
    return []
  }
  const docs = await findDocs<{ key?: string }>(payload, {
    collection: pluginConfig.documentsSlug,
    depth: 0,
    overrideAccess: true,
    pagination: false,
    select: { key: true },
    where: { key: { in: keys } },
  })
  const found = new Set(docs.map((doc) => String(doc.key)))
  return keys.filter((key) => found.has(key))
}
