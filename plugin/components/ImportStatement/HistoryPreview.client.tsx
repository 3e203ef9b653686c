'use client'
/**
 * The answer of `POST {publicPath}/import-history`, shown to the editor: the releases the history
 * becomes (version, kind and the classifier's proposal, dates, reasons), the importer's warnings,
 * the button that creates them, and once created, a link to the new document. React text only.
 */
import { Button, useConfig } from '@payloadcms/ui'
import React from 'react'

import { usePolicyTranslation } from '../usePolicyTranslation.js'

type PlannedRelease = {
  effectiveAt: string
  kind: 'material' | 'minor'
  proposal: 'material' | 'minor'
  publishedAt: string
  reasons: Array<{ code: string; locale: string; material: boolean; message: string }>
  version: string
}

/** The endpoint's answer: `created` is null for a preview. */
export type HistoryAnswer = {
  created: { id: number | string; key: string } | null
  releases: PlannedRelease[]
  warnings: string[]
}

export function HistoryPreview({
  answer,
  busy,
  documentsSlug,
  onCreate,
}: {
  answer: HistoryAnswer
  busy: boolean
  documentsSlug: string
  onCreate: () => void
}) {
  const { config } = useConfig()
  const { i18n, t } = usePolicyTranslation()
  const created = answer.created
  const kindLabel = (kind: string) => t(kind === 'material' ? 'kindMaterial' : 'kindMinor')
  const day = (iso: string) => {
    const date = new Date(iso)
    if (Number.isNaN(date.getTime())) return iso
    // Dates entered as calendar days are UTC midnight: show them as that day.
    const utcMidnight = iso.endsWith('T00:00:00.000Z')
    return new Intl.DateTimeFormat(i18n.language, {
      dateStyle: 'medium',
      ...(utcMidnight ? { timeZone: 'UTC' } : { timeStyle: 'short' }),
    }).format(date)
  }
  return (
    <div className="policy-import__preview" data-testid="policy-import-history-preview">
      {created && (
        <p data-testid="policy-import-history-created" role="status">
          {t('importHistoryCreated', { count: answer.releases.length, key: created.key })}{' '}
          <a href={`${config.routes.admin}/collections/${documentsSlug}/${created.id}`}>
            {t('importHistoryOpenDocument', { key: created.key })}
          </a>
        </p>
      )}
      <table>
        <caption>{t('importHistoryPlanned')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('versionTitle')}</th>
            <th scope="col">{t('importHistoryKind')}</th>
            <th scope="col">{t('importHistoryPublished')}</th>
            <th scope="col">{t('importHistoryInForce')}</th>
            <th scope="col">{t('reasonsTitle')}</th>
          </tr>
        </thead>
        <tbody>
          {answer.releases.map((release) => (
            <tr data-kind={release.kind} data-version={release.version} key={release.version}>
              <th scope="row">{release.version}</th>
              <td>
                {kindLabel(release.kind)}
                {release.proposal !== release.kind &&
                  ` (${t('importHistoryProposal', { kind: kindLabel(release.proposal) })})`}
              </td>
              <td>{day(release.publishedAt)}</td>
              <td>{day(release.effectiveAt)}</td>
              <td>
                {release.reasons.length === 0 ? (
                  t('reasonsNone')
                ) : (
                  <ul>
                    {release.reasons.map((reason, index) => (
                      <li key={`${reason.code}-${index}`} lang={reason.locale}>
                        {reason.message}
                        {reason.material && ` · ${t('reasonMaterial')}`}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {answer.warnings.length > 0 && (
        <>
          <p>{t('importRemoved')}:</p>
          <ul data-testid="policy-import-history-warnings">
            {answer.warnings.map((warning, index) => (
              <li key={index}>{warning}</li>
            ))}
          </ul>
        </>
      )}
      {!created && (
        <Button buttonStyle="primary" disabled={busy} onClick={onCreate} size="small">
          {t('importHistoryCreate')}
        </Button>
      )}
    </div>
  )
}
