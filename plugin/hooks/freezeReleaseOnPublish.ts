import type { CollectionAfterChangeHook, PayloadRequest } from 'payload'

import { APIError } from 'payload'

import type { EditorChoice, MissingContent, PreviousRelease } from '../../src/releases/index.js'
import type { ReleaseSnapshot } from '../../src/types.js'
import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'
import type { PolicyDocumentWithLocales } from '../utilities/toSnapshot.js'

import { planRelease, ReleaseRefused, validateSnapshot } from '../../src/releases/index.js'
import { LEDGER_WRITE_CONTEXT_KEY, PUBLISHED_AT_CONTEXT_KEY } from '../defaults.js'
import { startNotice } from '../notices/startNotice.js'
import { proposeRelease } from '../utilities/proposeRelease.js'
import { toSnapshot } from '../utilities/toSnapshot.js'

/** The latest release of a document with its snapshot, or null. */
export async function findLatestRelease(
  req: PayloadRequest,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
  documentKey: string,
): Promise<(PreviousRelease & { snapshot: ReleaseSnapshot }) | null> {
  const { docs } = await req.payload.find({
    collection: pluginConfig.releasesSlug,
    depth: 0,
    limit: 1,
    overrideAccess: true,
    pagination: false,
    req,
    sort: ['-major', '-minor'],
    where: { documentKey: { equals: documentKey } },
  })
  return (docs[0] as unknown as (PreviousRelease & { snapshot: ReleaseSnapshot }) | undefined) ?? null
}

/** Reads a policy document with every locale, as published (not the latest draft). */
export async function findDocumentWithLocales(
  req: PayloadRequest,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
  id: number | string,
  draft: boolean,
): Promise<PolicyDocumentWithLocales> {
  const doc = await req.payload.findByID({
    id,
    collection: pluginConfig.documentsSlug,
    depth: 0,
    draft,
    fallbackLocale: false,
    locale: 'all',
    overrideAccess: true,
    req,
  })
  return doc as unknown as PolicyDocumentWithLocales
}

/** Formats missing translations as one sentence naming each locale and section. */
export function describeMissing(missing: MissingContent[]): string {
  const parts = missing.map((item) =>
    item.field === 'title' ? `the title in "${item.locale}"` : `the ${item.field} of section "${item.sectionKey}" in "${item.locale}"`,
  )
  return `Cannot publish: every locale must be complete. Missing ${parts.join('; ')}.`
}

/**
 * On publish, freezes the document into a new release in the ledger.
 *
 * Runs after the change, inside the same request and transaction (every Local API call gets
 * `req`), so on adapters with transactions a refused publish rolls the document back too.
 * Guards first: drafts and autosaves create nothing, and a publish whose content equals the
 * latest release creates nothing either.
 */
export function freezeReleaseOnPublish(pluginConfig: SanitizedPolicyDocumentsPluginConfig): CollectionAfterChangeHook {
  return async ({ context, doc, req }) => {
    if (doc._status !== 'published') {
      return doc
    }
    const full = await findDocumentWithLocales(req, pluginConfig, doc.id, false)
    const snapshot = toSnapshot(full, pluginConfig.locales)
    const missing = validateSnapshot(snapshot, pluginConfig.locales)
    if (missing.length > 0) {
      throw new APIError(describeMissing(missing), 400, { missing }, true)
    }
    const previous = await findLatestRelease(req, pluginConfig, full.key)
    const publishedAtOverride = context[PUBLISHED_AT_CONTEXT_KEY]
    const publishedAt =
      typeof publishedAtOverride === 'string' ? new Date(publishedAtOverride).toISOString() : new Date().toISOString()
    const changeNote: Record<string, string> = {}
    for (const locale of pluginConfig.locales) {
      changeNote[locale] = (full.release?.changeNote?.[locale] ?? '').trim()
    }
    const { diff, proposal } = proposeRelease(previous?.snapshot ?? null, snapshot, pluginConfig)
    let plan
    try {
      plan = planRelease({
        changeNote,
        choice: (full.release?.changeKind ?? 'proposed') as EditorChoice,
        documentKey: full.key,
        effectiveAt: full.release?.effectiveAt ?? null,
        justification: full.release?.justification ?? null,
        minNoticeDays: pluginConfig.publication.minNoticeDays,
        notifyMinor: Boolean(full.release?.notifyMinor),
        previous,
        proposal,
        publishedAt,
        shortNoticeJustification: full.release?.shortNoticeJustification ?? null,
        snapshot,
      })
    } catch (error) {
      if (error instanceof ReleaseRefused) {
        throw new APIError(`Cannot publish: ${error.message}`, 400, { code: error.code }, true)
      }
      throw error
    }
    if (!plan) {
      req.payload.logger.info(`[policy-documents] "${full.key}" published with no content change: no new release.`)
      return doc
    }
    const release = await req.payload.create({
      collection: pluginConfig.releasesSlug,
      context: { [LEDGER_WRITE_CONTEXT_KEY]: true },
      data: {
        changeNote: plan.changeNote,
        contentHash: plan.contentHash,
        decision: plan.decision,
        diff,
        document: doc.id,
        documentKey: full.key,
        effectiveAt: plan.effectiveAt,
        hash: plan.hash,
        kind: plan.kind,
        major: plan.major,
        minor: plan.minor,
        previousHash: plan.previousHash,
        publishedAt: plan.publishedAt,
        publishedBy: req.user ? String(req.user.id) : null,
        snapshot,
        version: plan.version,
      },
      depth: 0,
      overrideAccess: true,
      req,
    })
    // Material releases start a notice; a minor one only when the editor asks. The first release
    // announces nothing: it is not a change to anything a subscriber agreed to.
    if (plan.notify && previous) {
      await startNotice(req, pluginConfig, { documentKey: full.key, id: release.id, version: plan.version }, 'notice')
    }
    return doc
  }
}
