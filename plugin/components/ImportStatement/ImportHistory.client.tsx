'use client'
/**
 * "Import a history" above the policy documents list: the editor names a new document and adds
 * its past versions, oldest first, each with its dates and its text in every locale (a .docx,
 * HTML or Markdown file, or pasted text). "Preview" shows the releases they become (version, kind,
 * dates and the classifier's reasons) and stores nothing; "Create" makes the document and one
 * release per version, marked imported (`POST {publicPath}/import-history`). Files are read in
 * the browser and sent base64 in the JSON body. Everything shown is React text.
 */
import { Button, useConfig } from '@payloadcms/ui'
import React, { useState } from 'react'

import type { HistoryAnswer } from './HistoryPreview.client.js'

import { usePolicyTranslation } from '../usePolicyTranslation.js'
import { HistoryPreview } from './HistoryPreview.client.js'

export type ImportHistoryProps = {
  documentsSlug: string
  locales: string[]
  publicPath: string
}

type LocaleText = { file: File | null; text: string }
type VersionRow = {
  changeNote: Record<string, string>
  effectiveAt: string
  id: number
  kind: '' | 'material' | 'minor'
  publishedAt: string
  texts: Record<string, LocaleText>
}
let nextRowId = 1
const emptyRow = (locales: string[]): VersionRow => ({
  changeNote: {},
  effectiveAt: '',
  id: nextRowId++,
  kind: '',
  publishedAt: '',
  texts: Object.fromEntries(locales.map((locale) => [locale, { file: null, text: '' }])),
})

/** A file's bytes as base64, in chunks (a 5-MB .docx would overflow one `String.fromCharCode`). */
async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  let binary = ''
  for (let start = 0; start < bytes.length; start += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000))
  return btoa(binary)
}

/** The history form, its preview and the link to the created document. */
export function ImportHistory(props: ImportHistoryProps) {
  const { locales } = props
  const { config } = useConfig()
  const { t } = usePolicyTranslation()
  const [key, setKey] = useState('')
  const [rows, setRows] = useState<VersionRow[]>(() => [emptyRow(locales)])
  const [answer, setAnswer] = useState<HistoryAnswer | null>(null)
  const [error, setError] = useState<null | string>(null)
  const [busy, setBusy] = useState(false)
  const api = `${config.serverURL ?? ''}${config.routes.api}${props.publicPath}/import-history`

  /** Changes one version; any change makes the preview stale. */
  const update = (id: number, change: (row: VersionRow) => VersionRow) => {
    setRows((current) => current.map((row) => (row.id === id ? change(row) : row)))
    setAnswer(null)
  }

  const send = async (create: boolean) => {
    setError(null)
    const number = rows.findIndex((row) => !row.publishedAt) + 1
    if (number > 0) return setError(t('importHistoryNeedsDate', { number }))
    for (const [index, row] of rows.entries()) {
      const missing = locales.find((l) => !row.texts[l]?.file && !row.texts[l]?.text.trim())
      if (missing)
        return setError(t('importHistoryNeedsText', { locale: missing, number: index + 1 }))
    }
    setBusy(true)
    try {
      const versions = await Promise.all(
        rows.map(async (row) => ({
          changeNote: row.changeNote,
          ...(row.effectiveAt ? { effectiveAt: row.effectiveAt } : {}),
          ...(row.kind ? { kind: row.kind } : {}),
          locales: Object.fromEntries(
            await Promise.all(
              locales.map(async (locale) => {
                const { file, text } = row.texts[locale]!
                return [
                  locale,
                  file
                    ? { base64: await toBase64(file), filename: file.name }
                    : { content: text, format: /^\s*</.test(text) ? 'html' : 'markdown' },
                ] as const
              }),
            ),
          ),
          publishedAt: row.publishedAt,
        })),
      )
      const response = await fetch(api, {
        body: JSON.stringify({ create, key: key.trim(), versions }),
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        method: 'POST',
      })
      const body = (await response.json().catch(() => null)) as
        ({ errors?: Array<{ message?: string }> } & Partial<HistoryAnswer>) | null
      if (!response.ok) throw new Error(body?.errors?.[0]?.message ?? `HTTP ${response.status}`)
      setAnswer({
        created: body?.created ?? null,
        releases: body?.releases ?? [],
        warnings: body?.warnings ?? [],
      })
    } catch (caught) {
      setError((caught as Error).message)
      setAnswer(null)
    } finally {
      setBusy(false)
    }
  }

  const created = answer?.created
  return (
    <details className="policy-import policy-import-history" data-testid="policy-import-history">
      <summary>{t('importHistoryOpen')}</summary>
      <p>{t('importHistoryIntro')}</p>
      <p>
        <label>
          {t('importHistoryKey')}{' '}
          <input
            data-testid="policy-import-history-key"
            disabled={Boolean(created)}
            onChange={(event) => {
              setKey(event.target.value)
              setAnswer(null)
            }}
            required
            value={key}
          />
        </label>
      </p>
      <ol className="policy-import-history__versions">
        {rows.map((row, index) => (
          <li data-testid="policy-import-history-version" key={row.id}>
            <fieldset disabled={Boolean(created)}>
              <legend>{t('importHistoryVersion', { number: index + 1 })}</legend>
              <p>
                <label>
                  {t('importHistoryPublished')}{' '}
                  <input
                    max={new Date().toISOString().slice(0, 10)}
                    onChange={(event) =>
                      update(row.id, (r) => ({ ...r, publishedAt: event.target.value }))
                    }
                    required
                    type="date"
                    value={row.publishedAt}
                  />
                </label>{' '}
                <label>
                  {t('importHistoryEffective')}{' '}
                  <input
                    onChange={(event) =>
                      update(row.id, (r) => ({ ...r, effectiveAt: event.target.value }))
                    }
                    type="date"
                    value={row.effectiveAt}
                  />
                </label>{' '}
                <label>
                  {t('importHistoryKind')}{' '}
                  <select
                    onChange={(event) =>
                      update(row.id, (r) => ({
                        ...r,
                        kind: event.target.value as VersionRow['kind'],
                      }))
                    }
                    value={row.kind}
                  >
                    <option value="">{t('importHistoryKindAuto')}</option>
                    <option value="material">{t('kindMaterial')}</option>
                    <option value="minor">{t('kindMinor')}</option>
                  </select>
                </label>
              </p>
              {locales.map((locale) => {
                const text = row.texts[locale]!
                const setText = (next: Partial<LocaleText>) =>
                  update(row.id, (r) => ({
                    ...r,
                    texts: { ...r.texts, [locale]: { ...text, ...next } },
                  }))
                return (
                  <div className="policy-import-history__locale" data-locale={locale} key={locale}>
                    <p>
                      <label>
                        {t('importHistoryFile', { locale })}{' '}
                        <input
                          accept=".docx,.html,.htm,.md,.markdown,.txt"
                          onChange={(event) => setText({ file: event.target.files?.[0] ?? null })}
                          type="file"
                        />
                      </label>
                    </p>
                    <p>
                      <textarea
                        aria-label={t('importHistoryPaste', { locale })}
                        disabled={Boolean(text.file)}
                        lang={locale}
                        onChange={(event) => setText({ text: event.target.value })}
                        placeholder={t('importHistoryPaste', { locale })}
                        rows={3}
                        style={{ width: '100%' }}
                        value={text.text}
                      />
                    </p>
                    <p>
                      <label>
                        {t('importHistoryChangeNote', { locale })}{' '}
                        <input
                          lang={locale}
                          onChange={(event) =>
                            update(row.id, (r) => ({
                              ...r,
                              changeNote: { ...r.changeNote, [locale]: event.target.value },
                            }))
                          }
                          value={row.changeNote[locale] ?? ''}
                        />
                      </label>
                    </p>
                  </div>
                )
              })}
              {rows.length > 1 && (
                <Button
                  buttonStyle="secondary"
                  onClick={() => {
                    setRows((current) => current.filter((other) => other.id !== row.id))
                    setAnswer(null)
                  }}
                  size="small"
                >
                  {t('importHistoryRemove', { number: index + 1 })}
                </Button>
              )}
            </fieldset>
          </li>
        ))}
      </ol>
      {!created && (
        <div className="policy-import-history__actions">
          <Button
            buttonStyle="secondary"
            onClick={() => {
              setRows((current) => [...current, emptyRow(locales)])
              setAnswer(null)
            }}
            size="small"
          >
            {t('importHistoryAdd')}
          </Button>{' '}
          <Button
            buttonStyle="secondary"
            disabled={busy || !key.trim()}
            onClick={() => void send(false)}
            size="small"
          >
            {t('importPreview')}
          </Button>
        </div>
      )}
      {error && (
        <p className="policy-import__error" role="alert">
          {error}
        </p>
      )}
      {answer && (
        <HistoryPreview
          answer={answer}
          busy={busy}
          documentsSlug={props.documentsSlug}
          onCreate={() => void send(true)}
        />
      )}
    </details>
  )
}
