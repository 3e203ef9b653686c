'use client'
/**
 * The release timeline of a policy document, in the edit view's sidebar (a `ui` field): every
 * release newest first, with its dates, material or minor, the version in force, and the status
 * of its change notice (queued, sending, done, with sent/pending/failed counts), and whether it
 * was taken over by a history import.
 *
 * Sources: the public archive (`GET {publicPath}/:key/releases`) and Payload's REST API for the
 * notices and the counts of their deliveries (signed-in only). It re-fetches after every save of
 * the document, and every few seconds while a notice is still going out.
 */
import type { UIFieldClientProps } from 'payload'

import { useLocale } from '@payloadcms/ui'
import React, { useCallback, useEffect, useRef, useState } from 'react'

import type { Archive, ArchiveRelease, NoticeDoc, PolicyAdminClientProps } from '../types.js'

import { fetchJson, FetchJsonError } from '../fetchJson.js'
import { formatDateTime } from '../formatDateTime.js'
import { usePolicyTranslation } from '../usePolicyTranslation.js'
import { REFETCH_DELAY_MS, useSavedPolicyDocument } from '../useSavedPolicyDocument.js'
import './index.css'

export type ReleaseTimelineProps = PolicyAdminClientProps & Partial<UIFieldClientProps>

type NoticeCounts = { failed: number; pending: number; sent: number }
type NoticeEntry = { counts: NoticeCounts | null; notice: NoticeDoc }
type Timeline = { inForce: null | string; notices: NoticeEntry[]; releases: ArchiveRelease[] }
type LoadState = { error: null | string; loading: boolean; timeline: null | Timeline }

/** How often to look again while a notice is queued or sending. */
const POLL_MS = 5000

/** `where[a][b]=c` query strings for Payload's REST API (its `qs` parser reads the brackets). */
function whereQuery(conditions: Array<[string, string, string | string[]]>): string {
  const params = new URLSearchParams()
  for (const [field, operator, value] of conditions) {
    if (Array.isArray(value))
      value.forEach((item, index) => params.append(`where[${field}][${operator}][${index}]`, item))
    else params.append(`where[${field}][${operator}]`, value)
  }
  return params.toString()
}

/** The timeline; the collection renders it as a sidebar `ui` field with `PolicyAdminClientProps`. */
export function ReleaseTimeline(props: ReleaseTimelineProps) {
  const { deliveriesSlug, locales, noticesSlug, publicPath, timeZone } = props
  const { i18n, t } = usePolicyTranslation()
  const { apiBase, key, savedVersion } = useSavedPolicyDocument()
  const { code: contentLocale } = useLocale()
  // Change notes are per locale: show the one of the locale being edited.
  const locale = locales.includes(contentLocale) ? contentLocale : (locales[0] ?? 'en')
  const [state, setState] = useState<LoadState>({ error: null, loading: false, timeline: null })
  const controller = useRef<AbortController | null>(null)

  const load = useCallback(async () => {
    if (!key) return
    controller.current?.abort()
    const current = new AbortController()
    controller.current = current
    const { signal } = current
    setState((previous) => ({ ...previous, error: null, loading: true }))
    try {
      const archiveUrl = `${apiBase}${publicPath}/${encodeURIComponent(key)}/releases?locale=${encodeURIComponent(locale)}`
      const noticesUrl =
        `${apiBase}/${noticesSlug}?${whereQuery([['documentKey', 'equals', key]])}` +
        '&depth=0&limit=200&sort=-createdAt'
      const [archive, notices] = await Promise.all([
        // No release yet: the archive answers 404 for an unknown document.
        fetchJson<Archive>(archiveUrl, signal).catch((error: unknown) => {
          if (error instanceof FetchJsonError && error.status === 404)
            return { inForce: null, releases: [] } satisfies Archive
          throw error
        }),
        fetchJson<{ docs: NoticeDoc[] }>(noticesUrl, signal),
      ])
      const count = async (notice: NoticeDoc, status: string | string[]) => {
        const query = whereQuery([
          ['notice', 'equals', String(notice.id)],
          ['status', Array.isArray(status) ? 'in' : 'equals', status],
        ])
        return (
          await fetchJson<{ totalDocs: number }>(
            `${apiBase}/${deliveriesSlug}/count?${query}`,
            signal,
          )
        ).totalDocs
      }
      const entries = await Promise.all(
        notices.docs.map(async (notice): Promise<NoticeEntry> => {
          try {
            const [sent, pending, failed] = await Promise.all([
              count(notice, 'sent'),
              count(notice, ['pending', 'retry']),
              count(notice, 'failed'),
            ])
            return { counts: { failed, pending, sent }, notice }
          } catch {
            // The status alone is still worth showing.
            return { counts: null, notice }
          }
        }),
      )
      if (!signal.aborted) {
        setState({
          error: null,
          loading: false,
          timeline: { inForce: archive.inForce, notices: entries, releases: archive.releases },
        })
      }
    } catch (error) {
      if (!signal.aborted)
        setState((previous) => ({ ...previous, error: (error as Error).message, loading: false }))
    }
  }, [apiBase, deliveriesSlug, key, locale, noticesSlug, publicPath])

  // Fetch on mount and after every save of the document (one save updates `savedVersion` in a few quick steps).
  useEffect(() => {
    const timer = setTimeout(() => void load(), REFETCH_DELAY_MS)
    return () => {
      clearTimeout(timer)
      controller.current?.abort()
    }
  }, [load, savedVersion])

  // Notices go out in the background (the jobs queue): follow them until they are done.
  const sending = state.timeline?.notices.some(({ notice }) => notice.status !== 'done') ?? false
  useEffect(() => {
    if (!sending) return
    const timer = setInterval(() => void load(), POLL_MS)
    return () => clearInterval(timer)
  }, [load, sending])

  const date = (iso: string) => formatDateTime(iso, i18n.language, timeZone)
  const { timeline } = state
  return (
    <section
      aria-busy={state.loading}
      aria-labelledby="policy-timeline-title"
      className="policy-timeline"
      data-testid="policy-timeline"
    >
      <h2 className="policy-timeline__title" id="policy-timeline-title">
        {t('timelineTitle')}
      </h2>
      {state.error && (
        <p className="policy-timeline__alert" role="alert">
          {t('timelineLoadFailed', { message: state.error })}
        </p>
      )}
      {!key || (timeline && timeline.releases.length === 0) ? (
        <p className="policy-timeline__muted">{t('timelineEmpty')}</p>
      ) : !timeline ? (
        state.loading && <p className="policy-timeline__muted">{t('timelineLoading')}</p>
      ) : (
        <ol className="policy-timeline__list">
          {timeline.releases.map((release) => {
            const announced = Date.parse(release.effectiveAt) > Date.now()
            const inForce = release.version === timeline.inForce
            const notices = timeline.notices.filter(
              ({ notice }) => notice.version === release.version,
            )
            return (
              <li
                className={`policy-timeline__item is-${release.kind}${inForce ? ' is-in-force' : ''}`}
                data-kind={release.kind}
                data-version={release.version}
                key={release.version}
              >
                <div className="policy-timeline__head">
                  <span className="policy-timeline__version">{release.version}</span>
                  <span className={`policy-timeline__kind is-${release.kind}`}>
                    {t(release.kind === 'material' ? 'kindMaterial' : 'kindMinor')}
                  </span>
                  {inForce && (
                    <span className="policy-timeline__state is-in-force">
                      {t('timelineInForce')}
                    </span>
                  )}
                  {announced && (
                    <span className="policy-timeline__state is-announced">
                      {t('timelineAnnounced')}
                    </span>
                  )}
                  {release.imported && (
                    <span
                      className="policy-timeline__state is-imported"
                      data-testid="policy-timeline-imported"
                      title={t('importedMarkNote')}
                    >
                      {t('importedMark')}
                    </span>
                  )}
                </div>
                <div className="policy-timeline__dates">
                  <div>{t('timelinePublished', { date: date(release.publishedAt) })}</div>
                  {release.effectiveAt !== release.publishedAt && (
                    <div>
                      {t(announced ? 'timelineEffectiveFuture' : 'timelineEffective', {
                        date: date(release.effectiveAt),
                      })}
                    </div>
                  )}
                </div>
                {release.changeNote && (
                  <p className="policy-timeline__note">{release.changeNote}</p>
                )}
                <div className="policy-timeline__notices" data-testid="policy-timeline-notice">
                  {notices.length === 0 ? (
                    <span className="policy-timeline__muted">{t('noticeNone')}</span>
                  ) : (
                    notices.map(({ counts, notice }) => (
                      <div data-status={notice.status} key={String(notice.id)}>
                        <span className={`policy-timeline__notice is-${notice.status}`}>
                          {notice.kind === 'correction' ? `${t('noticeCorrection')}: ` : ''}
                          {t(
                            notice.status === 'done'
                              ? 'noticeStatusDone'
                              : notice.status === 'sending'
                                ? 'noticeStatusSending'
                                : 'noticeStatusQueued',
                          )}
                        </span>
                        {typeof notice.recipients === 'number' && (
                          <span className="policy-timeline__muted">
                            {' '}
                            · {t('noticeRecipients', { count: notice.recipients })}
                          </span>
                        )}
                        {counts && counts.sent + counts.pending + counts.failed > 0 && (
                          <div className="policy-timeline__muted">{t('noticeCounts', counts)}</div>
                        )}
                      </div>
                    ))
                  )}
                </div>
              </li>
            )
          })}
        </ol>
      )}
    </section>
  )
}
