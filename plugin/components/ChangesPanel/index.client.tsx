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

import { getTranslation } from '@payloadcms/translations'
import { Button, useConfig, useFormFields, useFormModified, useLocale } from '@payloadcms/ui'
import React, { useCallback, useEffect, useRef, useState } from 'react'

import type { PublishSettings, TranslationFollows } from '../../../src/releases/publishRules.js'
import type { ChangeKind } from '../../../src/types.js'
import type { PolicyAdminClientProps, PreviewLocaleDiff, PublishPreview } from '../types.js'
import type { PolicyLabelKey } from '../usePolicyTranslation.js'

import { checkPublish } from '../../../src/releases/publishRules.js'
import {
  formatMoment,
  localeName as nameOfLocale,
  renderPublishProblem,
} from '../../../src/releases/renderPublishProblem.js'
import { setChangedSections } from '../changedSections.js'
import { CompletenessChecklist } from '../CompletenessChecklist/index.client.js'
import { fetchJson } from '../fetchJson.js'
import { KindSuggestions } from '../KindSuggestions/index.client.js'
import { usePolicyTranslation } from '../usePolicyTranslation.js'
import { REFETCH_DELAY_MS, useSavedPolicyDocument } from '../useSavedPolicyDocument.js'
import './index.css'

export type ChangesPanelProps = PolicyAdminClientProps & Partial<UIFieldClientProps>

type Translate = (key: PolicyLabelKey, vars?: Record<string, unknown>) => string

type LoadState = { error: null | string; loading: boolean; preview: null | PublishPreview }

const DAY_MS = 24 * 3600 * 1000

const kindLabel = (kind: ChangeKind, t: Translate) =>
  t(kind === 'material' ? 'kindMaterial' : 'kindMinor')

/** Whether a locale's diff changes anything, its title included (the server says; no HTML sniffing). */
function localeChanged(diff: PreviewLocaleDiff): boolean {
  const { stats } = diff
  return (
    diff.titleChanged ||
    stats.insertedWords +
      stats.deletedWords +
      stats.sectionsAdded +
      stats.sectionsChanged +
      stats.sectionsMoved +
      stats.sectionsRemoved +
      stats.sectionsRenamed >
      0
  )
}

/** Scrolls to the publish settings' change kind, where the decision is made. */
function goToDecision(): void {
  const field =
    document.getElementById('field-release__changeKind') ??
    document.querySelector<HTMLElement>('[id^="field-release__"]')
  if (!field) return
  field.scrollIntoView({ behavior: 'smooth', block: 'center' })
  field.querySelector<HTMLElement>('input, textarea, button')?.focus({ preventScroll: true })
}

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
            <p className="policy-changes__note" role="status">
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

type PreviewProps = {
  contentLocale: string
  language: string
  locales: string[]
  minNoticeDays: number
  preview: PublishPreview
  publicPath: string
  t: Translate
  timeZone: string
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

/** Tabs per locale, each with its counts, summary and the server-rendered diff. */
function LocaleDiffs(props: { contentLocale: string; diff: PublishPreview['diff']; t: Translate }) {
  const { contentLocale, diff, t } = props
  const { config } = useConfig()
  const { i18n } = usePolicyTranslation()
  const codes = Object.keys(diff)
  const [chosen, setChosen] = useState<null | string>(null)
  // Follow the admin's content locale when the editor switches it.
  useEffect(() => setChosen(null), [contentLocale])
  const fallback = codes.includes(contentLocale)
    ? contentLocale
    : (codes.find((code) => localeChanged(diff[code]!)) ?? codes[0])
  const selected = chosen && codes.includes(chosen) ? chosen : fallback
  const current = selected ? diff[selected] : undefined
  if (!selected || !current) return null

  const localeName = (code: string) => {
    const locales = config.localization ? config.localization.locales : []
    const found = locales.find(
      (locale) => (typeof locale === 'string' ? locale : locale.code) === code,
    )
    return found && typeof found === 'object' && found.label
      ? getTranslation(found.label, i18n)
      : code.toUpperCase()
  }
  const { stats } = current
  const counts = (
    [
      ['insertedWords', stats.insertedWords],
      ['deletedWords', stats.deletedWords],
      ['sectionsChanged', stats.sectionsChanged],
      ['sectionsAdded', stats.sectionsAdded],
      ['sectionsRemoved', stats.sectionsRemoved],
    ] as const
  ).filter(([, count]) => count > 0)

  return (
    <div className="policy-changes__diffs">
      <div aria-label={t('localeTabs')} className="policy-changes__tabs" role="tablist">
        {codes.map((code) => {
          const changed = localeChanged(diff[code]!)
          return (
            <button
              aria-controls={`policy-diff-${code}`}
              aria-selected={code === selected}
              className="policy-changes__tab"
              data-locale={code}
              id={`policy-diff-tab-${code}`}
              key={code}
              onClick={() => setChosen(code)}
              role="tab"
              type="button"
            >
              {localeName(code)}
              <span className={`policy-changes__tab-state${changed ? ' is-changed' : ''}`}>
                {changed ? t('localeChanged') : t('localeUnchanged')}
              </span>
            </button>
          )
        })}
      </div>
      <div
        aria-labelledby={`policy-diff-tab-${selected}`}
        className="policy-changes__tabpanel"
        id={`policy-diff-${selected}`}
        role="tabpanel"
      >
        {counts.length > 0 && (
          <ul className="policy-changes__counts">
            {counts.map(([name, count]) => (
              <li className={`policy-changes__count is-${name}`} key={name}>
                {t(name, { count })}
              </li>
            ))}
          </ul>
        )}
        <Summary locale={selected} text={current.summary} />
        {!current.complete && <p className="policy-changes__note">{t('diffIncomplete')}</p>}
        <p className="policy-changes__legend">
          <ins>{t('legendInserted')}</ins> <del>{t('legendDeleted')}</del>{' '}
          <span>{t('legendFolded')}</span>
        </p>
        <div
          className="policy-changes__diff"
          data-locale={selected}
          data-testid="policy-diff"
          // The one raw HTML string: built and escaped by the server (`renderDiffHtml`), see the file comment.
          dangerouslySetInnerHTML={{ __html: current.html }}
        />
      </div>
    </div>
  )
}

/**
 * The server's plain-text summary (written for e-mails, in the locale's language): "- " lines
 * become list items, other lines paragraphs.
 */
function Summary(props: { locale: string; text: string }) {
  const lines = props.text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
  if (lines.length === 0) return null
  const items = lines.filter((line) => line.startsWith('- ')).map((line) => line.slice(2))
  const others = lines.filter((line) => !line.startsWith('- '))
  return (
    <div className="policy-changes__summary" lang={props.locale}>
      {items.length > 0 && (
        <ul>
          {items.map((item, index) => (
            <li key={index}>{item}</li>
          ))}
        </ul>
      )}
      {others.map((line, index) => (
        <p className="policy-changes__muted" key={index}>
          {line}
        </p>
      ))}
    </div>
  )
}

/** The "Translation follows" rows in the form (`release.translationFollows.N.locale|reason`), as JSON (a stable selector value). */
function translationFollowsOf(fields: Record<string, { value?: unknown }>): string {
  const rows: TranslationFollows[] = []
  for (const [path, field] of Object.entries(fields)) {
    const match = /^release\.translationFollows\.(\d+)\.(locale|reason)$/.exec(path)
    if (!match) continue
    const row = (rows[Number(match[1])] ??= { locale: '', reason: '' })
    row[match[2] as 'locale' | 'reason'] = typeof field?.value === 'string' ? field.value : ''
  }
  return JSON.stringify(rows.filter((row) => row && row.locale))
}

const LEFTOVER_FIELDS: Record<string, PolicyLabelKey> = {
  changeNote: 'leftoverChangeNote',
  effectiveAt: 'leftoverEffectiveAt',
  justification: 'leftoverJustification',
  notifyMinor: 'leftoverNotifyMinor',
  shortNoticeJustification: 'leftoverShortNotice',
  translationFollows: 'leftoverTranslationFollows',
}

/**
 * Proposal, reasons, and what publishing with the settings in the form would do. The rules are
 * not copied here: the panel runs the server's own `checkPublish` on the live form values with the
 * facts from the preview, so every failing rule shows at once, as the publish would refuse it.
 */
function PublishPreviewView(props: PreviewProps) {
  const { contentLocale, language, preview, t, timeZone } = props
  const changeKind = useFormFields(([fields]) => fields['release.changeKind']?.value)
  const justification = useFormFields(([fields]) => fields['release.justification']?.value)
  const notifyMinor = useFormFields(([fields]) => fields['release.notifyMinor']?.value)
  const effectiveAtValue = useFormFields(([fields]) => fields['release.effectiveAt']?.value)
  // Localized: the form holds the note of the locale being edited only; the others are as saved.
  const changeNote = useFormFields(([fields]) => fields['release.changeNote']?.value)
  const shortNoticeReason = useFormFields(
    ([fields]) => fields['release.shortNoticeJustification']?.value,
  )
  const followsJson = useFormFields(([fields]) =>
    translationFollowsOf(fields as Record<string, { value?: unknown }>),
  )

  const text = (value: unknown) => (typeof value === 'string' ? value : '')
  const effectiveAtInput = effectiveAtValue ? new Date(effectiveAtValue as Date | string) : null
  const settings: PublishSettings = {
    changeKind: changeKind === 'material' || changeKind === 'minor' ? changeKind : 'proposed',
    changeNote: { ...preview.savedSettings.changeNote, [contentLocale]: text(changeNote) },
    effectiveAt:
      effectiveAtInput && !Number.isNaN(effectiveAtInput.getTime())
        ? effectiveAtInput.toISOString()
        : null,
    justification: text(justification),
    notifyMinor: notifyMinor === true,
    shortNoticeJustification: text(shortNoticeReason),
    translationFollows: JSON.parse(followsJson) as TranslationFollows[],
  }
  const now = new Date().toISOString()
  const check = checkPublish(settings, preview.facts, now)
  const render = { language, timeZone }
  const date = (iso: string) => formatMoment(iso, render)

  const { proposal } = preview
  const chosen: ChangeKind = settings.changeKind === 'proposed' ? proposal : settings.changeKind
  const overriding = chosen !== proposal
  const version = check.outcome?.version ?? preview.versions[chosen]
  const effectiveAt = check.outcome?.effectiveAt ?? settings.effectiveAt ?? now
  const startsNow = Date.parse(effectiveAt) <= Date.now() + 60_000
  const bannerUntil = new Date(
    Math.max(Date.parse(effectiveAt), Date.now()) + preview.banner.days * DAY_MS,
  ).toISOString()
  const noticeDays = Math.max(0, Math.floor((Date.parse(effectiveAt) - Date.now()) / DAY_MS))

  let notification: string
  if (!preview.previousVersion) notification = t('notifyFirst')
  else if (check.outcome ? check.outcome.notify : chosen === 'material' || settings.notifyMinor)
    notification = t('notifySubscribers', { count: preview.subscribers })
  else notification = t('notifyMinorOff', { count: preview.subscribers })

  return (
    <div className="policy-changes__preview" data-testid="policy-publish-preview">
      <h3 className="policy-changes__subtitle">{t('previewTitle')}</h3>
      <div
        className={check.problems.length > 0 ? 'policy-changes__alert' : 'policy-changes__ok'}
        data-problems={check.problems.length}
        data-testid="policy-checks"
        role={check.problems.length > 0 ? 'alert' : 'status'}
      >
        {check.problems.length > 0 ? (
          <>
            <strong>{t('checksRefused', { count: check.problems.length })}</strong>
            <ol className="policy-changes__problems">
              {check.problems.map((problem, index) => (
                <li data-check={problem.code} key={`${problem.code}-${index}`}>
                  {renderPublishProblem(problem, render)}
                </li>
              ))}
            </ol>
          </>
        ) : (
          <strong>{t('checksPassed')}</strong>
        )}
      </div>
      {check.leftovers.length > 0 && preview.previousVersion && (
        <div className="policy-changes__note" data-testid="policy-leftovers">
          <p>{t('leftoverTitle', { version: preview.previousVersion })}</p>
          <ul>
            {check.leftovers.map((leftover, index) => (
              <li
                data-field={leftover.field}
                data-locale={leftover.locale}
                key={`${leftover.field}-${leftover.locale ?? ''}-${index}`}
              >
                {t(LEFTOVER_FIELDS[leftover.field] ?? 'leftoverChangeNote', {
                  language: leftover.locale ? nameOfLocale(leftover.locale, language) : '',
                })}
              </li>
            ))}
          </ul>
        </div>
      )}
      <dl className="policy-changes__facts">
        <dt>{t('proposalTitle')}</dt>
        <dd>
          <span
            className={`policy-changes__kind is-${proposal}`}
            data-kind={proposal}
            data-testid="policy-proposal"
          >
            {kindLabel(proposal, t)}
          </span>
          <div className="policy-changes__reasons-title">{t('reasonsTitle')}</div>
          {preview.reasons.length === 0 ? (
            <p className="policy-changes__muted">{t('reasonsNone')}</p>
          ) : (
            <ul className="policy-changes__reasons" data-testid="policy-reasons">
              {preview.reasons.map((reason, index) => (
                <li
                  className={reason.material ? 'is-material' : undefined}
                  data-code={reason.code}
                  key={`${reason.code}-${reason.section}-${index}`}
                >
                  {reason.message}
                  {reason.material && (
                    <span className="policy-changes__reason-flag"> · {t('reasonMaterial')}</span>
                  )}
                  {reason.locale !== language && (
                    <span className="policy-changes__muted">
                      {' '}
                      {t('reasonLocale', { locale: reason.locale })}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </dd>

        <dt>{t('decisionTitle')}</dt>
        <dd data-overriding={overriding} data-testid="policy-decision">
          <p>
            <strong>
              {overriding
                ? t('decisionOverride', { kind: kindLabel(chosen, t) })
                : t('decisionProposed', { kind: kindLabel(chosen, t) })}
            </strong>
          </p>
          {!overriding && <p className="policy-changes__muted">{t('howToOverride')}</p>}
          <Button buttonStyle="subtle" margin={false} onClick={goToDecision} size="small">
            {t('decisionEdit')}
          </Button>
        </dd>

        <dt>{t('versionTitle')}</dt>
        <dd>
          <p data-testid="policy-version" data-version={version}>
            <strong>{t('versionResult', { version })}</strong>
            {preview.previousVersion && (
              <span className="policy-changes__muted">
                {' '}
                ({preview.previousVersion} → {version})
              </span>
            )}
          </p>
          <p className="policy-changes__muted">{t('versionAlternatives', preview.versions)}</p>
          <p className="policy-changes__muted" data-testid="policy-effective">
            {startsNow ? t('effectiveNow') : t('effectiveAt', { date: date(effectiveAt) })}
            {chosen === 'material' && preview.previousVersion && !startsNow
              ? ` ${t('noticeDays', { count: noticeDays })}`
              : ''}
          </p>
          {check.outcome?.translationFollows.map((record) => (
            <p
              className="policy-changes__note"
              data-locale={record.locale}
              data-testid="policy-translation-follows"
              key={record.locale}
            >
              {t('translationFollowsResult', {
                changedIn: record.changedIn.map((code) => nameOfLocale(code, language)).join(', '),
                language: nameOfLocale(record.locale, language),
              })}
            </p>
          ))}
        </dd>

        <dt>{t('notifyTitle')}</dt>
        <dd data-testid="policy-notification">{notification}</dd>

        <dt>{t('bannerTitle')}</dt>
        <dd data-testid="policy-banner">
          {chosen === 'material'
            ? t('bannerPeriod', { days: preview.banner.days, until: date(bannerUntil) })
            : t('bannerNone')}
        </dd>
      </dl>
    </div>
  )
}
