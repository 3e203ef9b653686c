'use client'
/**
 * "Import a statement" above the policy documents list: upload a .docx, HTML or Markdown file, or
 * paste text; see the sections it becomes (headings, keys, suggested kinds, the text as it will be
 * stored) and what was removed; then create a draft document and open it. Nothing is created
 * before the editor confirms. The section previews are HTML the server built and escaped
 * (`renderBlocksHtml`); everything else is React text.
 */
import { Button, useConfig } from '@payloadcms/ui'
import React, { useState } from 'react'

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

const COPY = {
  da: {
    choose: 'Word (.docx), HTML eller Markdown (.md)',
    create: 'Opret kladde',
    into: 'Oversættelse af et eksisterende dokument (nøglen ovenfor)',
    key: 'Nøgle',
    language: 'Sprog',
    open: 'Importér en erklæring',
    paste: '… eller indsæt tekst (HTML eller Markdown)',
    preview: 'Vis forhåndsvisning',
    removed: 'Fjernet eller ændret',
    sections: (n: number) => `${n} afsnit`,
    title: 'Titel',
  },
  en: {
    choose: 'Word (.docx), HTML or Markdown (.md)',
    create: 'Create draft',
    into: 'Translation of an existing document (the key above)',
    key: 'Key',
    language: 'Language',
    open: 'Import a statement',
    paste: '… or paste text (HTML or Markdown)',
    preview: 'Preview',
    removed: 'Removed or changed',
    sections: (n: number) => `${n} sections`,
    title: 'Title',
  },
}

/** The import form and its preview. */
export function ImportStatement(props: ImportStatementProps) {
  const { config, i18n } = useConfig() as ReturnType<typeof useConfig> & {
    i18n?: { language?: string }
  }
  const language =
    (typeof document !== 'undefined' ? document.documentElement.lang : '') || i18n?.language || 'en'
  const copy = language.startsWith('da') ? COPY.da : COPY.en
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
    <details className="policy-import" data-testid="policy-import">
      <summary>{copy.open}</summary>
      <p>
        <label>
          {copy.choose}{' '}
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
          aria-label={copy.paste}
          data-testid="policy-import-text"
          disabled={Boolean(file)}
          onChange={(event) => {
            setText(event.target.value)
            setPreview(null)
          }}
          placeholder={copy.paste}
          rows={4}
          style={{ width: '100%' }}
          value={text}
        />
      </p>
      <p>
        <label>
          {copy.language}{' '}
          <select onChange={(event) => setLocale(event.target.value)} value={locale}>
            {props.locales.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {copy.key}{' '}
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
          {copy.into}
        </label>
      </p>
      <Button
        buttonStyle="secondary"
        disabled={busy || (!file && !text.trim())}
        onClick={() => void send(false)}
        size="small"
      >
        {copy.preview}
      </Button>
      {error && (
        <p className="policy-import__error" role="alert">
          {error}
        </p>
      )}
      {preview && (
        <div className="policy-import__preview" data-testid="policy-import-preview">
          <p>
            <strong>{preview.title}</strong> — {copy.sections(preview.sections.length)} (
            {preview.format})
          </p>
          {preview.warnings.length > 0 && (
            <p>
              {copy.removed}: {preview.warnings.join('; ')}
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
            {copy.create}
          </Button>
        </div>
      )}
    </details>
  )
}
