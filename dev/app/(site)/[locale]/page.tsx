/** `/da`, `/en`: the privacy statement is the only page of the demo site. */
import { notFound, redirect } from 'next/navigation.js'

import { isLocale, statementPath } from '../../../site/config.js'

export default async function LocaleHome({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params
  if (!isLocale(locale)) notFound()
  redirect(statementPath(locale, 'privacy'))
}
