'use client'
/**
 * "Import a statement" above the policy documents list: upload a .docx, HTML or Markdown file, or
 * paste text; see the sections it becomes (headings, keys, suggested kinds, the text as it will be
 * stored) and what was removed; then create a draft document and open it. Nothing is created
 * before the editor confirms. Below it, "Import a history" (`ImportHistory`): past versions become
 * imported releases. The section previews are HTML the server built and escaped
 * (`renderBlocksHtml`); everything else is React text.
 */
import { Button, useConfig } from '@payloadcms/ui'
import React, { useState } from 'react'

import { usePolicyTranslation } from '../usePolicyTranslation.js'
import { ImportHistory } from './ImportHistory.client.js'
import './index.css'

export type ImportStatementProps = {
  documentsSlug: string
  locales: string[]
  publicPath: string
}

type Preview = {
  format: string
  key: string
  locale: string
  sections: Array<{ heading: string; html: string; key: string; kind: string }>
  title: string
  warnings: string[]
}

/** The import form and its preview. */
export function ImportStatement(props: ImportStatementProps) {
  const { config } = useConfig()
  // Payload's admin language, the same on the server and in the browser (no hydration mismatch).
  const { t } = usePolicyTranslation()
  const [file, setFile] = useState<File | null>(null)
  const [text, setText] = useState('')
  const [locale, setLocale] = useState(props.locales[0] ?? 'en')
  const [key, setKey] = useState('')
  const [into, setInto] = useState(false)
  const [preview, setPreview] = useState<Preview | null>(null)
  const [error, setError] = useState<null | string>(null)
  const [busy, setBusy] = useState(false)
  const api = `${config.serverURL ?? ''}${config.routes.api}${props.publicPath}/import?locale=${encodeURIComponent(locale)}`

  const send = async (create: boolean) => {
    setBusy(true)
    setError(null)
    const form = new FormData()
    if (file) form.set('file', file)
    else {
      form.set('content', text)
      form.set('format', /^\s*</.test(text) ? 'html' : 'markdown')
    }
    if (key.trim()) form.set(into ? 'into' : 'key', key.trim())
    if (preview?.title) form.set('title', preview.title)
    if (create) form.set('create', 'true')
    try {
      const response = await fetch(api, { body: form, credentials: 'include', method: 'POST' })
      const body = (await response.json().catch(() => null)) as {
        created?: { id: number | string } | null
        errors?: Array<{ message?: string }>
        preview?: Preview
      } | null
      if (!response.ok) throw new Error(body?.errors?.[0]?.message ?? `HTTP ${response.status}`)
      if (create && body?.created) {
        window.location.assign(
          `${config.routes.admin}/collections/${props.documentsSlug}/${body.created.id}?locale=${encodeURIComponent(locale)}`,
        )
        return
      }
      setPreview(body?.preview ?? null)
      if (body?.preview && !key.trim() && !into) setKey(body.preview.key)
    } catch (caught) {
      setError((caught as Error).message)
      setPreview(null)
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <details className="policy-import" data-testid="policy-import">
        <summary>{t('importOpen')}</summary>
        <p>
          <label>
            {t('importChoose')}{' '}
            <input
              accept=".docx,.html,.htm,.md,.markdown,.txt"
              data-testid="policy-import-file"
              onChange={(event) => {
                setFile(event.target.files?.[0] ?? null)
                setPreview(null)
              }}
              type="file"
            />
          </label>
        </p>
        <p>
          <textarea
            aria-label={t('importPaste')}
            data-testid="policy-import-text"
            disabled={Boolean(file)}
            onChange={(event) => {
              setText(event.target.value)
              setPreview(null)
            }}
            placeholder={t('importPaste')}
            rows={4}
            style={{ width: '100%' }}
            value={text}
          />
        </p>
        <p>
          <label>
            {t('importLanguage')}{' '}
            <select onChange={(event) => setLocale(event.target.value)} value={locale}>
              {props.locales.map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </select>
          </label>{' '}
          <label>
            {t('importKey')}{' '}
            <input
              data-testid="policy-import-key"
              onChange={(event) => setKey(event.target.value)}
              value={key}
            />
          </label>{' '}
          <label>
            <input
              checked={into}
              data-testid="policy-import-into"
              onChange={(event) => setInto(event.target.checked)}
              type="checkbox"
            />{' '}
            {t('importInto')}
          </label>
        </p>
        <Button
          buttonStyle="secondary"
          disabled={busy || (!file && !text.trim())}
          onClick={() => void send(false)}
          size="small"
        >
          {t('importPreview')}
        </Button>
        {error && (
          <p className="policy-import__error" role="alert">
            {error}
          </p>
        )}
        {preview && (
          <div className="policy-import__preview" data-testid="policy-import-preview">
            <p>
              <strong>{preview.title}</strong> —{' '}
              {t('importSections', { count: preview.sections.length })} ({preview.format})
            </p>
            {preview.warnings.length > 0 && (
              <p>
                {t('importRemoved')}: {preview.warnings.join('; ')}
              </p>
            )}
            <ol>
              {preview.sections.map((section) => (
                <li data-kind={section.kind} data-section={section.key} key={section.key}>
                  <strong>{section.heading}</strong> <code>{section.key}</code>{' '}
                  <em>{section.kind}</em>
                  {/* Built and escaped by the server (renderBlocksHtml): only p, ul, ol, li and inline formats. */}
                  <div dangerouslySetInnerHTML={{ __html: section.html }} />
                </li>
              ))}
            </ol>
            <Button
              buttonStyle="primary"
              disabled={busy}
              onClick={() => void send(true)}
              size="small"
            >
              {t('importCreate')}
            </Button>
          </div>
        )}
      </details>
      <ImportHistory {...props} />
    </>
  )
}
