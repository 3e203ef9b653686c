import type { CompletenessReport, ElementId } from '../../src/completeness/index.js'
import type { ReleaseSnapshot } from '../../src/types.js'
import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'
import type { PolicyDocumentWithLocales } from './toSnapshot.js'

import { checkCompleteness, ELEMENT_IDS } from '../../src/completeness/index.js'

/** The editor's not-applicable declarations from a document's `completeness` group, by element. */
export function notApplicableOf(
  doc: Pick<PolicyDocumentWithLocales, 'completeness'> | null | undefined,
): Partial<Record<ElementId, string>> {
  const out: Partial<Record<ElementId, string>> = {}
  for (const row of doc?.completeness?.notApplicable ?? []) {
    const element = row?.element as ElementId
    const reason = (row?.reason ?? '').trim()
    if (ELEMENT_IDS.includes(element) && reason) out[element] = reason
  }
  return out
}

/** The Art. 13/14 checklist of every configured locale of a snapshot. */
export function checkDocumentCompleteness(
  snapshot: ReleaseSnapshot,
  notApplicable: Partial<Record<ElementId, string>>,
  pluginConfig: Pick<SanitizedPolicyDocumentsPluginConfig, 'completeness' | 'locales'>,
): Record<string, CompletenessReport> {
  const reports: Record<string, CompletenessReport> = {}
  for (const locale of pluginConfig.locales) {
    const localeSnapshot = snapshot[locale]
    if (!localeSnapshot) continue
    reports[locale] = checkCompleteness(localeSnapshot, locale, {
      notApplicable,
      patterns: pluginConfig.completeness.patterns,
    })
  }
  return reports
}
