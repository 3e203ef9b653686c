import type { PayloadRequest } from 'payload'

import type { PlannedRelease } from '../../src/releases/index.js'
import type { ReleaseSnapshot } from '../../src/types.js'
import type { Id } from '../collections/ids.js'
import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'
import type { StoredDiff } from './proposeRelease.js'

import { LEDGER_WRITE_CONTEXT_KEY } from '../defaults.js'

/** What a release records besides its plan. */
export type ReleaseRecord = {
  diff: null | StoredDiff
  document: Id
  documentKey: string
  /** Taken over by a history import; the plan's hash must cover it (`planImportedRelease`). */
  imported?: boolean
  snapshot: ReleaseSnapshot
}

/**
 * Writes a planned release to the ledger, the one way a release is created (a publish or a
 * history import): with the context key the ledger's hooks require, inside `req`'s transaction.
 */
export async function createRelease(
  req: PayloadRequest,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
  plan: PlannedRelease,
  record: ReleaseRecord,
): Promise<{ id: Id }> {
  return req.payload.create({
    collection: pluginConfig.releasesSlug,
    context: { [LEDGER_WRITE_CONTEXT_KEY]: true },
    data: {
      changeNote: plan.changeNote,
      contentHash: plan.contentHash,
      decision: plan.decision,
      diff: record.diff,
      document: record.document,
      documentKey: record.documentKey,
      effectiveAt: plan.effectiveAt,
      hash: plan.hash,
      imported: Boolean(record.imported),
      kind: plan.kind,
      major: plan.major,
      minor: plan.minor,
      previousHash: plan.previousHash,
      publishedAt: plan.publishedAt,
      publishedBy: req.user ? String(req.user.id) : null,
      snapshot: record.snapshot,
      translationFollows: plan.translationFollows.length > 0 ? plan.translationFollows : null,
      version: plan.version,
    },
    depth: 0,
    overrideAccess: true,
    req,
  }) as Promise<{ id: Id }>
}
