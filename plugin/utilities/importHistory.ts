import type { PayloadRequest } from 'payload'

import { commitTransaction, initTransaction, killTransaction } from 'payload'

import type { ImportedStatement } from '../../src/import/index.js'
import type { PlannedRelease, PreviousRelease } from '../../src/releases/index.js'
import type { ChangeKind, ReleaseSnapshot } from '../../src/types.js'
import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'
import type { StoredDiff } from './proposeRelease.js'
import type { PolicyDocumentWithLocales } from './toSnapshot.js'

import { blocksToLexical } from '../../src/lexical/index.js'
import { planImportedRelease, validateSnapshot } from '../../src/releases/index.js'
import { HISTORY_IMPORT_CONTEXT_KEY } from '../defaults.js'
import { createRelease } from './createRelease.js'
import { proposeRelease } from './proposeRelease.js'
import { toSnapshot } from './toSnapshot.js'

/** One past version of a statement: its text in every locale and when it was published. */
export type HistoryVersion = {
  changeNote: Record<string, string>
  effectiveAt: string
  kind: ChangeKind | null
  publishedAt: string
  /** The imported statement per locale (`importStatement`). */
  statements: Record<string, ImportedStatement>
}

/** A history that can be written: the document as of its last version and a release per version. */
export type PlannedHistory = {
  document: PolicyDocumentWithLocales
  releases: Array<{ diff: null | StoredDiff; plan: PlannedRelease; snapshot: ReleaseSnapshot }>
}

/** A history that cannot be imported as given; `message` names the version and what to fix. */
export class HistoryImportError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message)
    this.name = 'HistoryImportError'
  }
}

/**
 * The document one version describes, shaped as Payload reads it with every locale: sections by
 * position across locales, keys and kinds from the default locale's text.
 */
function documentOf(
  key: string,
  version: HistoryVersion,
  label: string,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
): PolicyDocumentWithLocales {
  const base = version.statements[pluginConfig.defaultLocale]!
  for (const [locale, statement] of Object.entries(version.statements)) {
    if (statement.sections.length !== base.sections.length) {
      throw new HistoryImportError(
        `${label}: the ${locale} text has ${statement.sections.length} sections and the ${pluginConfig.defaultLocale} text has ${base.sections.length}; every locale of a version must have the same sections, in the same order.`,
      )
    }
  }
  const byLocale = <T>(pick: (statement: ImportedStatement) => T) =>
    Object.fromEntries(
      Object.entries(version.statements).map(([locale, statement]) => [locale, pick(statement)]),
    )
  return {
    id: 'import',
    key,
    sections: base.sections.map((section, index) => ({
      body: byLocale((statement) => blocksToLexical(statement.sections[index]!.blocks)),
      heading: byLocale((statement) => statement.sections[index]!.heading),
      key: section.key,
      kind: section.kind,
    })),
    title: byLocale((statement) => statement.title || key),
  }
}

/**
 * Plans the releases of an imported history, oldest first, without writing anything: each
 * version's snapshot must be complete in every locale, differ from the one before, and be
 * classified against it (unless its kind is given). Throws `HistoryImportError`.
 */
export function planHistory(
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
  key: string,
  versions: HistoryVersion[],
): PlannedHistory {
  let previous: (PreviousRelease & { snapshot: ReleaseSnapshot }) | null = null
  let document: null | PolicyDocumentWithLocales = null
  const releases: PlannedHistory['releases'] = []
  versions.forEach((version, index) => {
    const label = `Version ${index + 1} (published ${version.publishedAt.slice(0, 10)})`
    document = documentOf(key, version, label, pluginConfig)
    const snapshot = toSnapshot(document, pluginConfig.locales)
    const missing = validateSnapshot(snapshot, pluginConfig.locales)
    if (missing.length > 0) {
      const first = missing[0]!
      throw new HistoryImportError(
        `${label}: the ${first.locale} text lacks ${first.sectionKey ? `the ${first.field} of section "${first.sectionKey}"` : `its ${first.field}`}.`,
      )
    }
    const { diff, proposal } = proposeRelease(previous?.snapshot ?? null, snapshot, pluginConfig)
    const plan = planImportedRelease({
      changeNote: version.changeNote,
      documentKey: key,
      effectiveAt: version.effectiveAt,
      kind: version.kind,
      previous,
      proposal,
      publishedAt: version.publishedAt,
      snapshot,
    })
    if (!plan) {
      throw new HistoryImportError(
        `${label} has the same text as the version before it; leave it out or import the version that differs.`,
      )
    }
    releases.push({ diff, plan, snapshot })
    previous = { ...plan, snapshot }
  })
  return { document: document!, releases }
}

/**
 * Writes a planned history: the policy document, published with the last version's text in every
 * locale, and one imported release per version in the same hash chain. In one transaction where
 * the database has them; the history was planned in full before, so only the database can fail
 * here. No notice is started and no banner shows for an imported release.
 */
export async function writeHistory(
  req: PayloadRequest,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
  history: PlannedHistory,
): Promise<{ id: number | string }> {
  const context = { [HISTORY_IMPORT_CONTEXT_KEY]: true }
  const { defaultLocale } = pluginConfig
  const { document } = history
  const localeData = (locale: string, ids?: Array<number | string | undefined>) => ({
    sections: (document.sections ?? []).map((section, index) => ({
      ...(ids?.[index] !== undefined ? { id: ids[index] } : {}),
      body: section.body?.[locale],
      heading: section.heading?.[locale],
      key: section.key,
      kind: section.kind,
    })),
    title: document.title?.[locale],
  })
  const shouldCommit = await initTransaction(req)
  try {
    const created = await req.payload.create({
      collection: pluginConfig.documentsSlug,
      context,
      data: { _status: 'draft', key: document.key, ...localeData(defaultLocale) },
      depth: 0,
      draft: true,
      locale: defaultLocale,
      overrideAccess: false,
      req,
    })
    const ids = ((created.sections ?? []) as Array<{ id?: number | string }>).map((row) => row.id)
    for (const locale of pluginConfig.locales.filter((locale) => locale !== defaultLocale)) {
      await req.payload.update({
        id: created.id,
        collection: pluginConfig.documentsSlug,
        context,
        data: localeData(locale, ids),
        depth: 0,
        draft: true,
        locale,
        overrideAccess: false,
        req,
      })
    }
    for (const { diff, plan, snapshot } of history.releases) {
      await createRelease(req, pluginConfig, plan, {
        diff,
        document: created.id,
        documentKey: document.key,
        imported: true,
        snapshot,
      })
    }
    // Published as the last release records it: the next publish compares against that release.
    await req.payload.update({
      id: created.id,
      collection: pluginConfig.documentsSlug,
      context,
      data: { _status: 'published' },
      depth: 0,
      locale: defaultLocale,
      overrideAccess: false,
      req,
    })
    if (shouldCommit) await commitTransaction(req)
    return { id: created.id }
  } catch (error) {
    await killTransaction(req)
    throw error
  }
}
