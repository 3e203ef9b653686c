/**
 * `/da/policies/privacy/2.0`: the plugin's default release URL (`urls.release`, used by the Atom
 * feed), redirected to the localized page of that release.
 */
import { notFound, redirect } from 'next/navigation.js'

import { DOCUMENTS, isLocale, VERSION_PATTERN, versionPath } from '../../../../../../site/config.js'

export default async function ReleaseRedirect({
  params,
}: {
  params: Promise<{ key: string; locale: string; version: string }>
}) {
  const { key, locale, version } = await params
  if (!isLocale(locale) || !Object.hasOwn(DOCUMENTS, key) || !VERSION_PATTERN.test(version))
    notFound()
  redirect(versionPath(locale, key, version))
}
