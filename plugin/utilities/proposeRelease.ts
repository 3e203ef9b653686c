import type { Classification } from '../../src/materiality/index.js'
import type { ReleaseSnapshot } from '../../src/types.js'
import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'

import { diffSnapshots, type SnapshotDiff, summarizeDiff } from '../../src/diff/index.js'
import { classify } from '../../src/materiality/index.js'

/** What a release stores about its change: the structural diff per locale and an e-mail summary. */
export type StoredDiff = SnapshotDiff & {
  /** Plain-text summary per locale, in that locale's language (used in notices). */
  summary: Record<string, string>
}

/**
 * The diff against the previous release and the materiality proposal with its reasons.
 * Computed once, at publish (or for a preview), within the configured time budget. The first
 * release has no predecessor and is material by definition: it is what people are first told.
 */
export function proposeRelease(
  previous: null | ReleaseSnapshot,
  next: ReleaseSnapshot,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
): { diff: null | StoredDiff; proposal: Classification } {
  if (!previous) {
    return { diff: null, proposal: { proposal: 'material', reasons: [] } }
  }
  const diff = diffSnapshots(previous, next, {
    locales: pluginConfig.locales,
    timeoutMs: pluginConfig.diff.budgetMs,
  })
  const summary: Record<string, string> = {}
  for (const [locale, localeDiff] of Object.entries(diff.locales)) {
    summary[locale] = summarizeDiff(localeDiff, locale)
  }
  const proposal = classify(diff, { thresholds: pluginConfig.materiality.thresholds })
  return { diff: { ...diff, summary }, proposal }
}
