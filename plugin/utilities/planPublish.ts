import type { PayloadRequest } from 'payload'

import type { Classification } from '../../src/materiality/index.js'
import type {
  EditorChoice,
  PlannedRelease,
  PublishFacts,
  PublishSettings,
} from '../../src/releases/index.js'
import type { ReleaseSnapshot } from '../../src/types.js'
import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'
import type { StoredDiff } from './proposeRelease.js'
import type { PolicyDocumentWithLocales } from './toSnapshot.js'

import {
  contentChangesOf,
  planRelease,
  publishFactsOf,
  ReleaseRefused,
  renderRefusal,
  validateSnapshot,
} from '../../src/releases/index.js'
import { checkDocumentCompleteness, notApplicableOf } from './checkDocumentCompleteness.js'
import { findLatestRelease } from './findReleases.js'
import { proposeRelease } from './proposeRelease.js'
import { PublishRefusedError } from './PublishRefusedError.js'
import { toSnapshot } from './toSnapshot.js'

/** What the publish rules see of a document: its snapshot, the diff, the facts and the settings. */
export type PublishInputs = {
  diff: null | StoredDiff
  facts: PublishFacts & { contentHash: string }
  previous: Awaited<ReturnType<typeof findLatestRelease>>
  proposal: Classification
  settings: PublishSettings
  snapshot: ReleaseSnapshot
}

/** The "Release" settings of a document read with every locale, as the publish rules take them. */
export function publishSettingsOfDocument(
  doc: PolicyDocumentWithLocales,
  locales: readonly string[],
): PublishSettings {
  const release = doc.release ?? {}
  return {
    changeKind: (release.changeKind ?? 'proposed') as EditorChoice,
    changeNote: Object.fromEntries(
      locales.map((locale) => [locale, (release.changeNote?.[locale] ?? '').trim()]),
    ),
    effectiveAt: release.effectiveAt ?? null,
    justification: release.justification ?? null,
    notifyMinor: Boolean(release.notifyMinor),
    shortNoticeJustification: release.shortNoticeJustification ?? null,
    translationFollows: (release.translationFollows ?? [])
      .filter((entry) => typeof entry?.locale === 'string')
      .map((entry) => ({ locale: entry.locale as string, reason: entry.reason ?? '' })),
  }
}

/**
 * Everything the publish rules need about a document (every locale): its snapshot, what is
 * missing, the latest release, the diff with the classifier's proposal, and the sections whose
 * text changed per locale. Used by the publish hooks and by the preview the panel reads.
 */
export async function gatherPublishInputs(
  req: PayloadRequest,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
  doc: PolicyDocumentWithLocales,
): Promise<PublishInputs> {
  const snapshot = toSnapshot(doc, pluginConfig.locales)
  const missing = validateSnapshot(snapshot, pluginConfig.locales)
  const previous = await findLatestRelease(req, pluginConfig, doc.key)
  const { diff, proposal } = proposeRelease(previous?.snapshot ?? null, snapshot, pluginConfig)
  const contentChanges = Object.fromEntries(
    Object.entries(diff?.locales ?? {}).map(([locale, localeDiff]) => [
      locale,
      contentChangesOf(localeDiff),
    ]),
  )
  // GDPR Art. 13/14 (issue 12): what each locale lacks, and whether that refuses the publish.
  const notApplicable = notApplicableOf(doc)
  const reports = checkDocumentCompleteness(snapshot, notApplicable, pluginConfig)
  const facts = publishFactsOf({
    contentChanges,
    gdpr: {
      missing: Object.fromEntries(
        Object.entries(reports).map(([locale, report]) => [locale, report.missing]),
      ),
      mode: pluginConfig.publication.completeness,
      notApplicable,
    },
    locales: [...pluginConfig.locales],
    minNoticeDays: pluginConfig.publication.minNoticeDays,
    missing,
    previous,
    proposal,
    snapshot,
  })
  return {
    diff,
    facts,
    previous,
    proposal,
    settings: publishSettingsOfDocument(doc, pluginConfig.locales),
    snapshot,
  }
}

/**
 * Applies the publish rules: the planned release, null when the content did not change, or a
 * `PublishRefusedError` naming every failing rule in the editor's language and time zone.
 */
export function planFromInputs(
  req: PayloadRequest,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
  documentKey: string,
  inputs: PublishInputs,
  publishedAt: string,
): null | PlannedRelease {
  const { settings } = inputs
  try {
    return planRelease({
      changeNote: settings.changeNote,
      choice: settings.changeKind,
      contentChanges: inputs.facts.contentChanges,
      documentKey,
      gdpr: inputs.facts.gdpr,
      effectiveAt: settings.effectiveAt,
      justification: settings.justification,
      locales: inputs.facts.locales,
      minNoticeDays: inputs.facts.minNoticeDays,
      missing: inputs.facts.missing,
      notifyMinor: settings.notifyMinor,
      previous: inputs.previous,
      proposal: inputs.proposal,
      publishedAt,
      shortNoticeJustification: settings.shortNoticeJustification,
      snapshot: inputs.snapshot,
      translationFollows: settings.translationFollows,
    })
  } catch (error) {
    if (error instanceof ReleaseRefused) {
      const language = req.i18n?.language ?? pluginConfig.defaultLocale
      throw new PublishRefusedError(
        renderRefusal(error.problems, { language, timeZone: pluginConfig.timeZone }),
        error.problems,
      )
    }
    throw error
  }
}
