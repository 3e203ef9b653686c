'use client'
/**
 * The publish preview under the diff: the proposal with its reasons and what publishing with the
 * settings in the form would do (version, notice, banner, refusals), live as the editor decides.
 */
import { Button, useFormFields } from '@payloadcms/ui'
import React from 'react'

import type { PublishSettings, TranslationFollows } from '../../../src/releases/publishRules.js'
import type { ChangeKind } from '../../../src/types.js'
import type { PolicyLabelKey } from '../usePolicyTranslation.js'
import type { PreviewProps, Translate } from './shared.js'

import { checkPublish } from '../../../src/releases/publishRules.js'
import {
  formatMoment,
  localeName as nameOfLocale,
  renderPublishProblem,
} from '../../../src/releases/renderPublishProblem.js'

const DAY_MS = 24 * 3600 * 1000

const kindLabel = (kind: ChangeKind, t: Translate) =>
  t(kind === 'material' ? 'kindMaterial' : 'kindMinor')

/** Scrolls to the publish settings' change kind, where the decision is made. */
function goToDecision(): void {
  const field =
    document.getElementById('field-release__changeKind') ??
    document.querySelector<HTMLElement>('[id^="field-release__"]')
  if (!field) return
  field.scrollIntoView({ behavior: 'smooth', block: 'center' })
  field.querySelector<HTMLElement>('input, textarea, button')?.focus({ preventScroll: true })
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
export function PublishPreviewView(props: PreviewProps) {
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
