'use client'
/**
 * The edit view of a release, replaced by a readable record (releases are immutable, so there is
 * nothing to edit): version, kind and status (and the mark of a history import); dates with
 * times in the plugin's time zone; the change note per locale; the decision with its reasons and
 * justification; "translation follows" declarations; the rendered text per locale; the diff
 * against the previous release as on the compare page; the hashes with the result of verifying
 * the whole chain.
 *
 * No JSON editor: Payload's JSON field loads Monaco from a CDN, and the admin must work offline.
 * Raw HTML: only the snapshot's `html` (built and escaped by src/lexical) and the diff's HTML
 * (built and escaped by `renderDiffHtml`), both from the server.
 */
import { getTranslation } from '@payloadcms/translations'
import { Gutter, useConfig, useDocumentInfo } from '@payloadcms/ui'
import React, { useEffect, useState } from 'react'

import type { ReleaseStatus } from '../../../src/releases/status.js'
import type { PolicyAdminClientProps } from '../types.js'

import { formatMoment } from '../../../src/releases/renderPublishProblem.js'
import { releaseStatus } from '../../../src/releases/status.js'
import { fetchJson } from '../fetchJson.js'
import { usePolicyTranslation } from '../usePolicyTranslation.js'
import '../ChangesPanel/index.css'

export type ReleaseViewProps = Pick<
  PolicyAdminClientProps,
  'locales' | 'publicPath' | 'timeZone'
> & {
  /** Slug of the releases collection. */
  releasesSlug: string
}

type Reason = {
  code: string
  locale: string
  material: boolean
  message: string
  section: null | string
}

type ReleaseDoc = {
  changeNote: Record<string, string>
  contentHash: string
  decision?: null | {
    justification: null | string
    kind: string
    overridden: boolean
    proposal: string
    reasons: Reason[]
    shortNotice?: { days: number; justification: string; requiredDays: number }
  }
  documentKey: string
  effectiveAt: string
  hash: string
  /** Taken over from an earlier system by a history import. */
  imported?: boolean | null
  kind: 'material' | 'minor'
  previousHash: string
  publishedAt: string
  publishedBy?: null | string
  snapshot: Record<string, { html: string; title: string }>
  translationFollows?: null | Array<{
    changedIn: string[]
    locale: string
    reason: string
    sections: Array<null | string>
  }>
  version: string
}

type ArchiveAnswer = {
  releases: Array<{ effectiveAt: string; status?: 'active' | 'withdrawn'; version: string }>
}
type VerifyAnswer = { intact: boolean; releases: Array<{ problems: string[]; version: string }> }
type Loaded = {
  archive: ArchiveAnswer | null
  diff: Record<string, string>
  release: ReleaseDoc
  verify: null | VerifyAnswer
}

const STATUS_KEYS: Record<
  ReleaseStatus,
  'statusInForce' | 'statusSuperseded' | 'statusUpcoming' | 'statusWithdrawn'
> = {
  'in-force': 'statusInForce',
  superseded: 'statusSuperseded',
  upcoming: 'statusUpcoming',
  withdrawn: 'statusWithdrawn',
}

export function ReleaseView(props: ReleaseViewProps) {
  const { locales, publicPath, releasesSlug, timeZone } = props
  const { id } = useDocumentInfo()
  const { config } = useConfig()
  const { i18n, t } = usePolicyTranslation()
  const [state, setState] = useState<{ error: null | string; loaded: Loaded | null }>({
    error: null,
    loaded: null,
  })
  const api = `${config.serverURL ?? ''}${config.routes.api}`
  const language = i18n.language
  const date = (iso: string) => formatMoment(iso, { language, timeZone })

  useEffect(() => {
    if (id === undefined || id === null) return
    const controller = new AbortController()
    const { signal } = controller
    ;(async () => {
      const release = await fetchJson<ReleaseDoc>(
        `${api}/${releasesSlug}/${encodeURIComponent(String(id))}?depth=0`,
        signal,
      )
      const base = `${api}${publicPath}/${encodeURIComponent(release.documentKey)}`
      const archive = await fetchJson<ArchiveAnswer>(
        `${base}/releases?locale=${encodeURIComponent(locales[0] ?? 'en')}`,
        signal,
      ).catch(() => null)
      const ordered = [...(archive?.releases ?? [])].reverse()
      const index = ordered.findIndex((entry) => entry.version === release.version)
      const previous = index > 0 ? ordered[index - 1]!.version : null
      const diff: Record<string, string> = {}
      if (previous) {
        for (const locale of locales) {
          diff[locale] = await fetch(
            `${base}/diff?from=${previous}&to=${release.version}&locale=${encodeURIComponent(locale)}&format=html`,
            { credentials: 'include', signal },
          ).then((response) => (response.ok ? response.text() : ''))
        }
      }
      const verify = await fetchJson<VerifyAnswer>(`${base}/verify`, signal).catch(() => null)
      return { archive, diff, release, verify }
    })().then(
      (loaded) => !signal.aborted && setState({ error: null, loaded }),
      (error: unknown) =>
        !signal.aborted && setState({ error: (error as Error).message, loaded: null }),
    )
    return () => controller.abort()
  }, [api, id, locales, publicPath, releasesSlug])

  const localeName = (code: string) => {
    const configured = config.localization ? config.localization.locales : []
    const found = configured.find(
      (locale) => (typeof locale === 'string' ? locale : locale.code) === code,
    )
    return found && typeof found === 'object' && found.label
      ? getTranslation(found.label, i18n)
      : code.toUpperCase()
  }

  if (state.error) {
    return (
      <Gutter>
        <p className="policy-changes__alert" role="alert">
          {t('releaseLoadFailed', { message: state.error })}
        </p>
      </Gutter>
    )
  }
  if (!state.loaded) {
    return (
      <Gutter>
        <p aria-busy="true" className="policy-changes__muted">
          {t('releaseLoading')}
        </p>
      </Gutter>
    )
  }
  const { archive, diff, release, verify } = state.loaded
  const status = archive ? releaseStatus(archive.releases, release.version, new Date()) : undefined
  const check = verify?.releases.find((entry) => entry.version === release.version)
  const decision = release.decision
  return (
    <Gutter>
      <article
        className="policy-changes policy-release"
        data-testid="policy-release-view"
        data-version={release.version}
      >
        <header className="policy-changes__header">
          <h1 className="policy-changes__title">
            {t('releaseTitle', { document: release.documentKey, version: release.version })}
          </h1>
        </header>
        <dl className="policy-changes__facts">
          <dt>{t('releaseKind')}</dt>
          <dd>
            <span className={`policy-changes__kind is-${release.kind}`}>
              {t(release.kind === 'material' ? 'kindMaterial' : 'kindMinor')}
            </span>
            {status && (
              <span
                className="policy-changes__muted"
                data-status={status}
                data-testid="policy-release-status"
              >
                {' '}
                · {t(STATUS_KEYS[status])}
              </span>
            )}
            {release.imported && (
              <span className="policy-changes__muted" data-testid="policy-release-imported">
                {' '}
                · <strong>{t('importedMark')}</strong>
                <br />
                {t('importedMarkNote')}
              </span>
            )}
          </dd>
          <dt>{t('releasePublished')}</dt>
          <dd>{date(release.publishedAt)}</dd>
          <dt>{t('releaseEffective')}</dt>
          <dd>{date(release.effectiveAt)}</dd>
        </dl>

        <h2 className="policy-changes__subtitle">{t('releaseChangeNotes')}</h2>
        <dl className="policy-changes__facts">
          {locales.map((locale) => (
            <React.Fragment key={locale}>
              <dt>{localeName(locale)}</dt>
              <dd lang={locale}>
                {release.changeNote?.[locale] || (
                  <span className="policy-changes__muted">{t('releaseNoNote')}</span>
                )}
              </dd>
            </React.Fragment>
          ))}
        </dl>

        {decision && (
          <>
            <h2 className="policy-changes__subtitle">{t('decisionTitle')}</h2>
            <p data-testid="policy-release-decision">
              <strong>
                {decision.overridden
                  ? t('decisionOverride', {
                      kind: t(decision.kind === 'material' ? 'kindMaterial' : 'kindMinor'),
                    })
                  : t('decisionProposed', {
                      kind: t(decision.kind === 'material' ? 'kindMaterial' : 'kindMinor'),
                    })}
              </strong>
            </p>
            {decision.justification && (
              <p>
                {t('releaseJustification')}: {decision.justification}
              </p>
            )}
            {decision.shortNotice && (
              <p>
                {t('releaseShortNotice', {
                  days: decision.shortNotice.days,
                  required: decision.shortNotice.requiredDays,
                })}
                : {decision.shortNotice.justification}
              </p>
            )}
            {decision.reasons.length > 0 && (
              <ul className="policy-changes__reasons">
                {decision.reasons.map((reason, index) => (
                  <li
                    className={reason.material ? 'is-material' : undefined}
                    key={`${reason.code}-${index}`}
                    lang={reason.locale}
                  >
                    {reason.message}
                    {reason.material && (
                      <span className="policy-changes__reason-flag"> · {t('reasonMaterial')}</span>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}

        {release.translationFollows && release.translationFollows.length > 0 && (
          <>
            <h2 className="policy-changes__subtitle">{t('releaseTranslationFollows')}</h2>
            <ul>
              {release.translationFollows.map((record) => (
                <li
                  data-locale={record.locale}
                  data-testid="policy-release-translation-follows"
                  key={record.locale}
                >
                  {t('translationFollowsRecord', {
                    changedIn: record.changedIn.map(localeName).join(', '),
                    language: localeName(record.locale),
                    reason: record.reason,
                  })}
                </li>
              ))}
            </ul>
          </>
        )}

        {Object.keys(diff).length > 0 && (
          <>
            <h2 className="policy-changes__subtitle">{t('releaseDiff')}</h2>
            {locales.map((locale) => (
              <section aria-label={localeName(locale)} key={locale}>
                <h3 className="policy-changes__subtitle">{localeName(locale)}</h3>
                {/* Built and escaped by the server (`renderDiffHtml`), see the file comment. */}
                <div
                  className="policy-changes__diff"
                  dangerouslySetInnerHTML={{ __html: diff[locale] ?? '' }}
                  lang={locale}
                />
              </section>
            ))}
          </>
        )}

        <h2 className="policy-changes__subtitle">{t('releaseText')}</h2>
        {locales.map((locale) => (
          <details className="policy-release__snapshot" key={locale}>
            <summary>{localeName(locale)}</summary>
            {/* Built and escaped by the server (src/lexical), see the file comment. */}
            <div
              className="policy-release__text"
              dangerouslySetInnerHTML={{ __html: release.snapshot[locale]?.html ?? '' }}
              lang={locale}
            />
          </details>
        ))}

        <h2 className="policy-changes__subtitle">{t('releaseHashes')}</h2>
        <dl className="policy-changes__facts" style={{ overflowWrap: 'anywhere' }}>
          <dt>{t('releaseHash')}</dt>
          <dd>
            <code>{release.hash}</code>
          </dd>
          <dt>{t('releasePreviousHash')}</dt>
          <dd>
            <code>{release.previousHash}</code>
          </dd>
          <dt>{t('releaseContentHash')}</dt>
          <dd>
            <code>{release.contentHash}</code>
          </dd>
          <dt>{t('releaseVerify')}</dt>
          <dd
            data-intact={
              verify ? String(verify.intact && (check?.problems.length ?? 0) === 0) : undefined
            }
            data-testid="policy-release-verify"
          >
            {!verify
              ? t('releaseVerifyUnavailable')
              : verify.intact
                ? t('releaseVerifyIntact', { count: verify.releases.length })
                : t('releaseVerifyBroken', { problems: (check?.problems ?? []).join('; ') || '—' })}
          </dd>
        </dl>
      </article>
    </Gutter>
  )
}
