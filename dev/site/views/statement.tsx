/** The statement in force, and any single release: metadata, the server-built html, the archive. */
import type { ApiResult, Archive, Release } from '../api.js'
import type { Locale } from '../config.js'

import { Notice, ReleaseArchive, ReleaseFacts } from '../components.js'
import { comparePath, statementPath } from '../config.js'
import { formatDate, t } from '../i18n.js'

export function StatementView({
  archive,
  documentKey,
  locale,
  release,
}: {
  archive: ApiResult<Archive>
  documentKey: string
  locale: Locale
  release: ApiResult<Release>
}) {
  const m = t(locale)
  if (!release.ok) {
    return (
      <>
        <h1>{m.navPrivacy}</h1>
        <Notice role="alert" tone={release.status === 404 ? 'info' : 'error'}>
          <p>{release.status === 404 ? m.noReleaseInForce : m.apiError}</p>
          <p className="muted">
            {m.technicalDetail}: {release.message}
          </p>
        </Notice>
        {archive.ok && (
          <ReleaseArchive archive={archive.data} documentKey={documentKey} locale={locale} />
        )}
      </>
    )
  }

  const { data } = release
  const inForce = archive.ok ? archive.data.inForce : null
  const upcoming = Date.parse(data.effectiveAt) > Date.now()
  return (
    <>
      {inForce && inForce !== data.version && (
        <Notice role="status" tone="warning">
          <p>
            {upcoming
              ? m.upcomingVersion(data.version, formatDate(data.effectiveAt, locale))
              : m.olderVersion(data.version, inForce)}{' '}
            <a href={statementPath(locale, documentKey)}>{m.backToCurrent}</a>
          </p>
        </Notice>
      )}
      {data.translationNotice && (
        <Notice tone="warning">
          <p data-testid="translation-notice">{data.translationNotice}</p>
        </Notice>
      )}
      <div className="statement-head">
        <ReleaseFacts locale={locale} release={data} />
        {data.changeNote && (
          <div className="change-note">
            <h2 className="change-note-heading">{m.changeNote}</h2>
            <p>{data.changeNote}</p>
            {data.previousVersion && (
              <p>
                <a href={comparePath(locale, documentKey, data.previousVersion, data.version)}>
                  {m.compareWith(data.previousVersion)}
                </a>
              </p>
            )}
          </div>
        )}
      </div>
      {/* `html` is built and escaped by the policy API (src/lexical); it is the only markup rendered raw. */}
      <div
        className="policy-html"
        data-testid="policy-html"
        dangerouslySetInnerHTML={{ __html: data.html }}
      />
      {archive.ok ? (
        <ReleaseArchive
          archive={archive.data}
          current={data.version}
          documentKey={documentKey}
          locale={locale}
        />
      ) : (
        <Notice role="alert" tone="error">
          <p>{m.apiError}</p>
          <p className="muted">
            {m.technicalDetail}: {archive.message}
          </p>
        </Notice>
      )}
    </>
  )
}
