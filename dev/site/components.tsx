/** Presentational server components of the demo site. Every string is rendered as React text. */
import type { ReactNode } from 'react'

import type { Archive, ReleaseSummary } from './api.js'
import type { Locale } from './config.js'

import { comparePath, versionPath } from './config.js'
import { formatDate, t } from './i18n.js'

export function DateText({ iso, locale }: { iso: string; locale: Locale }) {
  return <time dateTime={iso}>{formatDate(iso, locale)}</time>
}

/** Version, kind of change and dates of one release. */
export function ReleaseFacts({ locale, release }: { locale: Locale; release: ReleaseSummary }) {
  const m = t(locale)
  const upcoming = Date.parse(release.effectiveAt) > Date.now()
  return (
    <dl className="facts">
      <div>
        <dt>{m.version}</dt>
        <dd data-testid="release-version">{release.version}</dd>
      </div>
      <div>
        <dt>{upcoming ? m.takesEffect : m.effective}</dt>
        <dd>
          <DateText iso={release.effectiveAt} locale={locale} />
        </dd>
      </div>
      <div>
        <dt>{m.published}</dt>
        <dd>
          <DateText iso={release.publishedAt} locale={locale} />
        </dd>
      </div>
      <div>
        <dt>{m.kindLabel}</dt>
        <dd>
          <span className={`kind kind-${release.kind === 'material' ? 'material' : 'minor'}`}>
            {m.kind[release.kind] ?? release.kind}
          </span>
        </dd>
      </div>
    </dl>
  )
}

/** A notice box: `tone` picks the colour, the text is always plain. */
export function Notice({
  children,
  role,
  tone = 'info',
}: {
  children: ReactNode
  role?: 'alert' | 'status'
  tone?: 'error' | 'info' | 'warning'
}) {
  return (
    <div className={`notice notice-${tone}`} role={role}>
      {children}
    </div>
  )
}

/** The release archive, newest first, with links to each version and to its diff with the previous one. */
export function ReleaseArchive({
  archive,
  current,
  documentKey,
  locale,
}: {
  archive: Archive
  /** The version shown on the page, marked with aria-current. */
  current?: string
  documentKey: string
  locale: Locale
}) {
  const m = t(locale)
  const now = Date.now()
  const inForce = archive.releases.find((release) => release.version === archive.inForce)
  return (
    <section aria-labelledby="archive-heading" className="archive">
      <h2 id="archive-heading">{m.archiveHeading}</h2>
      <p className="muted">{m.archiveIntro}</p>
      <ol className="archive-list" data-testid="archive">
        {archive.releases.map((release) => {
          const upcoming = Date.parse(release.effectiveAt) > now
          const isInForce = release.version === archive.inForce
          const superseded = !upcoming && !isInForce && inForce !== undefined
          return (
            <li
              aria-current={release.version === current ? 'page' : undefined}
              className="archive-item"
              data-version={release.version}
              key={release.version}
            >
              <div className="archive-head">
                <a
                  className="archive-version"
                  href={versionPath(locale, documentKey, release.version)}
                >
                  {m.readVersion(release.version)}
                </a>
                {isInForce && <span className="badge badge-current">{m.badgeInForce}</span>}
                {upcoming && <span className="badge badge-upcoming">{m.badgeUpcoming}</span>}
                {superseded && <span className="badge">{m.badgeSuperseded}</span>}
                {release.imported && (
                  <span className="badge badge-imported" data-testid="archive-imported">
                    {m.badgeImported}
                  </span>
                )}
                <span className={`kind kind-${release.kind === 'material' ? 'material' : 'minor'}`}>
                  {m.kind[release.kind] ?? release.kind}
                </span>
              </div>
              <p className="archive-dates">
                {upcoming ? m.takesEffect : m.effective}{' '}
                <DateText iso={release.effectiveAt} locale={locale} /> · {m.published}{' '}
                <DateText iso={release.publishedAt} locale={locale} />
              </p>
              {release.changeNote && <p className="archive-note">{release.changeNote}</p>}
              <p className="archive-links">
                {release.previousVersion && (
                  <a
                    href={comparePath(
                      locale,
                      documentKey,
                      release.previousVersion,
                      release.version,
                    )}
                  >
                    {m.compareWith(release.previousVersion)}
                  </a>
                )}
                <a aria-label={m.versionJson(release.version)} href={release.links.api} lang="en">
                  JSON
                </a>
              </p>
            </li>
          )
        })}
      </ol>
    </section>
  )
}
