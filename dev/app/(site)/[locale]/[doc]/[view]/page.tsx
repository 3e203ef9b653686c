/**
 * `/da/privatlivspolitik/sammenlign?from=1.1&to=2.0` (`/en/privacy/compare?…`): compare two releases.
 * `/da/privatlivspolitik/1.1` (`/en/privacy/1.1`): one release from the archive.
 */
import type { Metadata } from 'next'

import { notFound } from 'next/navigation.js'

import { getArchive, getRelease } from '../../../../../site/api.js'
import {
  COMPARE_SLUG,
  documentKeyForSlug,
  isLocale,
  VERSION_PATTERN,
} from '../../../../../site/config.js'
import { t } from '../../../../../site/i18n.js'
import { CompareView } from '../../../../../site/views/compare.js'
import { StatementView } from '../../../../../site/views/statement.js'

type Props = {
  params: Promise<{ doc: string; locale: string; view: string }>
  searchParams: Promise<Record<string, string | string[] | undefined>>
}

async function resolve(params: Props['params']) {
  const { doc, locale, view } = await params
  if (!isLocale(locale)) notFound()
  const documentKey = documentKeyForSlug(locale, doc)
  if (!documentKey) notFound()
  const decoded = decodeURIComponent(view)
  if (decoded === COMPARE_SLUG[locale])
    return { documentKey, locale, mode: 'compare' as const, version: '' }
  if (VERSION_PATTERN.test(decoded))
    return { documentKey, locale, mode: 'version' as const, version: decoded }
  notFound()
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { documentKey, locale, mode, version } = await resolve(params)
  const m = t(locale)
  if (mode === 'compare') return { robots: { index: false }, title: m.compareHeading }
  const release = await getRelease(documentKey, version, locale)
  return {
    title: release.ok
      ? `${release.data.title} (${m.version} ${version})`
      : `${m.version} ${version}`,
  }
}

export default async function ViewPage({ params, searchParams }: Props) {
  const { documentKey, locale, mode, version } = await resolve(params)
  if (mode === 'compare') {
    return <CompareView documentKey={documentKey} locale={locale} search={await searchParams} />
  }
  const [release, archive] = await Promise.all([
    getRelease(documentKey, version, locale),
    getArchive(documentKey, locale),
  ])
  if (!release.ok && release.status === 404) notFound()
  return (
    <StatementView archive={archive} documentKey={documentKey} locale={locale} release={release} />
  )
}
