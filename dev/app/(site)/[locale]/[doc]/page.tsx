/** `/da/privatlivspolitik`, `/en/privacy`: the statement in force, then the archive. */
import type { Metadata } from 'next'

import { notFound } from 'next/navigation.js'

import { getArchive, getStatement } from '../../../../site/api.js'
import { documentKeyForSlug, isLocale, LOCALES, statementPath } from '../../../../site/config.js'
import { t } from '../../../../site/i18n.js'
import { StatementView } from '../../../../site/views/statement.js'

type Props = { params: Promise<{ doc: string; locale: string }> }

async function resolve(params: Props['params']) {
  const { doc, locale } = await params
  if (!isLocale(locale)) notFound()
  const documentKey = documentKeyForSlug(locale, doc)
  if (!documentKey) notFound()
  return { documentKey, locale }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { documentKey, locale } = await resolve(params)
  const statement = await getStatement(documentKey, locale)
  return {
    alternates: {
      languages: Object.fromEntries(
        LOCALES.map((other) => [other, statementPath(other, documentKey)]),
      ),
    },
    title: statement.ok ? statement.data.title : t(locale).navPrivacy,
  }
}

export default async function StatementPage({ params }: Props) {
  const { documentKey, locale } = await resolve(params)
  const [release, archive] = await Promise.all([
    getStatement(documentKey, locale),
    getArchive(documentKey, locale),
  ])
  return (
    <StatementView archive={archive} documentKey={documentKey} locale={locale} release={release} />
  )
}
