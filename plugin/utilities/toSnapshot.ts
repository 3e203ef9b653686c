import type {
  LocaleSnapshot,
  ReleaseSnapshot,
  SectionKind,
  SectionSnapshot,
} from '../../src/types.js'

import { lexicalToBlocks, renderStatementHtml } from '../../src/lexical/index.js'
import { SECTION_KINDS } from '../../src/types.js'

type Localized<T> = Partial<Record<string, T>> | null | undefined

/** The shape of a policy document read with `locale: 'all'`. */
export type PolicyDocumentWithLocales = {
  /** Art. 13/14 elements the editor declared not applicable (see `checkDocumentCompleteness`). */
  completeness?: {
    notApplicable?: Array<{ element?: null | string; reason?: null | string }> | null
  } | null
  id: number | string
  key: string
  release?: {
    changeKind?: null | string
    changeNote?: Localized<null | string>
    effectiveAt?: null | string
    justification?: null | string
    notifyMinor?: boolean | null
    shortNoticeJustification?: null | string
    translationFollows?: Array<{ locale?: null | string; reason?: null | string }> | null
  } | null
  sections?: Array<{
    body?: Localized<unknown>
    id?: number | string
    heading?: Localized<null | string>
    key: string
    kind?: null | string
  }> | null
  title?: Localized<null | string>
}

const asKind = (value: unknown): SectionKind =>
  SECTION_KINDS.includes(value as SectionKind) ? (value as SectionKind) : 'general'

/**
 * Freezes a Payload document (read with `locale: 'all'`) into the normalized release snapshot.
 * This is the only place that knows Payload's localized document shape. No fallback between
 * locales happens here: a missing translation stays empty and `validateSnapshot` reports it.
 */
export function toSnapshot(
  doc: PolicyDocumentWithLocales,
  locales: readonly string[],
): ReleaseSnapshot {
  const snapshot: ReleaseSnapshot = {}
  for (const locale of locales) {
    const title = (doc.title?.[locale] ?? '').trim()
    const sections: SectionSnapshot[] = (doc.sections ?? []).map((row) => ({
      blocks: lexicalToBlocks(row.body?.[locale]),
      heading: (row.heading?.[locale] ?? '').trim(),
      key: row.key,
      kind: asKind(row.kind),
    }))
    const localeSnapshot: LocaleSnapshot = {
      html: renderStatementHtml({ sections, title }),
      sections,
      title,
    }
    snapshot[locale] = localeSnapshot
  }
  return snapshot
}
