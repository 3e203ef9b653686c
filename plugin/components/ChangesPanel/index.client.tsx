'use client'
/**
 * "Changes since the last release" and the publish preview, at the top of a policy document's
 * edit view (a `ui` field). It shows what publishing the saved draft would do, from the plugin's
 * preview endpoint: the structural diff per locale, the proposed classification with its reasons,
 * and (read live from the form) the editor's decision with the version, notification and banner
 * that result from it.
 *
 * The preview reflects the SAVED draft, so the panel re-fetches after every save of this document
 * (`useSavedPolicyDocument`) and says so while the form holds unsaved changes.
 *
 * Raw HTML: only the preview's `diff[locale].html`, which the server builds and escapes
 * (`renderDiffHtml` in src/diff). Everything else is rendered as React text.
 */
import type { UIFieldClientProps } from 'payload'

import { Button, useFormModified, useLocale } from '@payloadcms/ui'
import React, { useCallback, useEffect, useRef, useState } from 'react'

import type { PolicyAdminClientProps, PublishPreview } from '../types.js'
import type { PreviewProps } from './shared.js'

import { setChangedSections } from '../changedSections.js'
import { CompletenessChecklist } from '../CompletenessChecklist/index.client.js'
import { fetchJson } from '../fetchJson.js'
import { KindSuggestions } from '../KindSuggestions/index.client.js'
import { usePolicyTranslation } from '../usePolicyTranslation.js'
import { REFETCH_DELAY_MS, useSavedPolicyDocument } from '../useSavedPolicyDocument.js'
import { LocaleDiffs } from './LocaleDiffs.client.js'
import { PublishPreviewView } from './PublishPreview.client.js'
import './index.css'

export type ChangesPanelProps = PolicyAdminClientProps & Partial<UIFieldClientProps>

type LoadState = { error: null | string; loading: boolean; preview: null | PublishPreview }

/** The changes panel; the collection renders it as a `ui` field with `PolicyAdminClientProps`. */
export function ChangesPanel(props: ChangesPanelProps) {
  const { locales, minNoticeDays, publicPath, timeZone } = props
  const { i18n, t } = usePolicyTranslation()
  const { apiBase, key, savedVersion } = useSavedPolicyDocument()
  const { code: contentLocale } = useLocale()
  const modified = useFormModified()
  // Reasons and diff notes come in the admin's language when it is one of the document's locales.
  const language = locales.includes(i18n.language)
    ? i18n.language
    : locales.includes(contentLocale)
      ? contentLocale
      : (locales[0] ?? 'en')
  const [state, setState] = useState<LoadState>({ error: null, loading: false, preview: null })
  const controller = useRef<AbortController | null>(null)

  const refresh = useCallback(async () => {
    if (!key) return
    controller.current?.abort()
    const current = new AbortController()
    controller.current = current
    setState((previous) => ({ ...previous, error: null, loading: true }))
    try {
      const url = `${apiBase}${publicPath}/${encodeURIComponent(key)}/preview?locale=${encodeURIComponent(language)}`
      const preview = await fetchJson<PublishPreview>(url, current.signal)
      if (!current.signal.aborted) {
        setState({ error: null, loading: false, preview })
        setChangedSections(preview.changedSections ?? [])
      }
    } catch (error) {
      // The previous preview stays visible next to the error.
      if (!current.signal.aborted)
        setState((previous) => ({ ...previous, error: (error as Error).message, loading: false }))
    }
  }, [apiBase, key, language, publicPath])

  // Fetch on mount, and again whenever a save of this document lands (`savedVersion`). One save
  // updates it in a few quick steps, so wait a moment and fetch once.
  useEffect(() => {
    const timer = setTimeout(() => void refresh(), REFETCH_DELAY_MS)
    return () => {
      clearTimeout(timer)
      controller.current?.abort()
    }
  }, [refresh, savedVersion])

  const { preview } = state
  return (
    <section
      aria-busy={state.loading}
      aria-labelledby="policy-changes-title"
      className="policy-changes"
      data-testid="policy-changes"
    >
      <header className="policy-changes__header">
        <h2 className="policy-changes__title" id="policy-changes-title">
          {t('changesTitle')}
        </h2>
        <Button
          buttonStyle="secondary"
          disabled={!key || state.loading}
          extraButtonProps={{ 'data-testid': 'policy-changes-refresh' }}
          margin={false}
          onClick={() => void refresh()}
          size="small"
        >
          {state.loading && preview ? t('refreshing') : t('refresh')}
        </Button>
      </header>
      {!key ? (
        <p className="policy-changes__muted">{t('saveFirst')}</p>
      ) : (
        <>
          {modified && (
            <p className="policy-changes__note" data-testid="policy-unsaved" role="status">
              {t('unsaved')}
            </p>
          )}
          {state.error && (
            <p className="policy-changes__alert" role="alert">
              {t('loadFailed', { message: state.error })}
            </p>
          )}
          {!preview && state.loading && <p className="policy-changes__muted">{t('loading')}</p>}
          {preview && (
            <PreviewBody
              contentLocale={contentLocale}
              language={language}
              locales={locales}
              minNoticeDays={minNoticeDays}
              preview={preview}
              publicPath={publicPath}
              t={t}
              timeZone={timeZone}
            />
          )}
        </>
      )}
    </section>
  )
}

function PreviewBody(props: PreviewProps) {
  const { contentLocale, preview, t } = props
  return (
    <div
      className="policy-changes__body"
      data-changed={preview.changed}
      data-testid="policy-preview"
    >
      <p className="policy-changes__muted">
        {preview.previousVersion
          ? t('comparedWith', { version: preview.previousVersion })
          : t('firstRelease')}
      </p>
      <CompletenessChecklist
        completeness={preview.completeness}
        language={props.language}
        locale={contentLocale}
      />
      <KindSuggestions language={props.language} suggestions={preview.kindSuggestions} />
      {!preview.changed ? (
        <p className="policy-changes__none" data-testid="policy-no-changes">
          {t('noChanges', { version: preview.previousVersion ?? '' })}
        </p>
      ) : (
        <>
          <LocaleDiffs contentLocale={contentLocale} diff={preview.diff} t={t} />
          <PublishPreviewView {...props} />
        </>
      )}
    </div>
  )
}
