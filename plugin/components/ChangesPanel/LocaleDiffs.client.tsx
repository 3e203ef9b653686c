'use client'
/**
 * The changes panel's diff: tabs per locale, each with its counts, the server's summary and the
 * server-rendered (escaped) diff HTML.
 */
import { getTranslation } from '@payloadcms/translations'
import { useConfig } from '@payloadcms/ui'
import React, { useEffect, useState } from 'react'

import type { PreviewLocaleDiff, PublishPreview } from '../types.js'
import type { Translate } from './shared.js'

import { usePolicyTranslation } from '../usePolicyTranslation.js'

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

/** Tabs per locale, each with its counts, summary and the server-rendered diff. */
export function LocaleDiffs(props: {
  contentLocale: string
  diff: PublishPreview['diff']
  t: Translate
}) {
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
