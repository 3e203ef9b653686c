/**
 * `/da/policies/privacy`: the plugin's default statement URL (`urls.statement` in the API's
 * `links`), redirected to the localized page.
 */
import { notFound, redirect } from 'next/navigation.js'

import { DOCUMENTS, isLocale, statementPath } from '../../../../../site/config.js'

export default async function PolicyRedirect({
  params,
}: {
  params: Promise<{ key: string; locale: string }>
}) {
  const { key, locale } = await params
  if (!isLocale(locale) || !Object.hasOwn(DOCUMENTS, key)) notFound()
  redirect(statementPath(locale, key))
}
