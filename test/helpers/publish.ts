import type { Payload } from 'payload'

import { blocksToLexical } from '../../src/lexical/index.js'

type Locale = 'da' | 'en'
type Row = Record<string, unknown> & { key: string }

export type PublishEdit = {
  /** Change note per locale. */
  changeNote: (locale: Locale) => string
  context?: Record<string, unknown>
  /** The document to edit; by default the first (only) one. */
  documentId?: number | string
  effectiveAt?: null | string
  /** Justification of the change kind (also makes each publish's settings fresh). */
  justification: string
  kind: 'material' | 'minor' | 'proposed'
  /** Edits the sections of one locale. */
  sections?: (rows: Row[], locale: Locale) => Row[]
  shortNoticeJustification?: string
  title?: (locale: Locale) => string
}

/** A one-paragraph Lexical body. */
export const paragraphBody = (text: string) =>
  blocksToLexical([
    {
      html: text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
      text,
      type: 'paragraph',
    },
  ])

/** Replaces the body of the section with `key` by one paragraph. */
export const replaceBody =
  (key: string, text: (locale: Locale) => string) =>
  (rows: Row[], locale: Locale): Row[] =>
    rows.map((row) => (row.key === key ? { ...row, body: paragraphBody(text(locale)) } : row))

/**
 * Edits a policy document (by default the only one) in both locales as an editor would — English draft first,
 * then Danish with Publish — so the release freezes both.
 */
export async function publishEdit(payload: Payload, edit: PublishEdit): Promise<void> {
  const doc =
    edit.documentId !== undefined
      ? { id: edit.documentId }
      : (await payload.find({ collection: 'policy-documents', draft: true, limit: 1 })).docs[0]!
  for (const locale of ['en', 'da'] as const) {
    const current = await payload.findByID({
      id: doc.id,
      collection: 'policy-documents',
      draft: true,
      locale,
    })
    await payload.update({
      id: doc.id,
      collection: 'policy-documents',
      context: edit.context,
      data: {
        _status: locale === 'da' ? 'published' : 'draft',
        release: {
          changeKind: edit.kind,
          changeNote: edit.changeNote(locale),
          effectiveAt: edit.effectiveAt ?? null,
          justification: edit.justification,
          shortNoticeJustification: edit.shortNoticeJustification ?? null,
        },
        ...(edit.sections ? { sections: edit.sections(current.sections as Row[], locale) } : {}),
        ...(edit.title ? { title: edit.title(locale) } : {}),
      },
      draft: locale !== 'da',
      locale,
    })
  }
}
