/**
 * `/da/policies/privacy/compare?from=1.1&to=2.0`: the plugin's default compare URL (`urls.compare`
 * in the API's `links`), redirected to the localized compare page.
 */
import { notFound, redirect } from 'next/navigation.js'

import { comparePath, DOCUMENTS, isLocale } from '../../../../../../site/config.js'

type Props = {
  params: Promise<{ key: string; locale: string }>
  searchParams: Promise<Record<string, string | string[] | undefined>>
}

export default async function CompareRedirect({ params, searchParams }: Props) {
  const { key, locale } = await params
  if (!isLocale(locale) || !Object.hasOwn(DOCUMENTS, key)) notFound()
  const { from, to } = await searchParams
  redirect(
    comparePath(
      locale,
      key,
      typeof from === 'string' ? from : null,
      typeof to === 'string' ? to : null,
    ),
  )
}
