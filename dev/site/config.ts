/**
 * Routing of the demo site: which locales exist and which localized URL shows which policy
 * document. The public API always speaks in document keys ("privacy"); the URLs are per locale.
 */
export const LOCALES = ['da', 'en'] as const
export type Locale = (typeof LOCALES)[number]
export const DEFAULT_LOCALE: Locale = 'da'

export const isLocale = (value: string): value is Locale =>
  (LOCALES as readonly string[]).includes(value)

/** Document key → its URL slug per locale. */
export const DOCUMENTS: Record<string, Record<Locale, string>> = {
  privacy: { da: 'privatlivspolitik', en: 'privacy' },
}

/** The slug of the compare view per locale (`/da/privatlivspolitik/sammenlign`). */
export const COMPARE_SLUG: Record<Locale, string> = { da: 'sammenlign', en: 'compare' }

/** A release version as the API writes it (`major.minor`). */
export const VERSION_PATTERN = /^\d{1,6}\.\d{1,6}$/

export function documentKeyForSlug(locale: Locale, slug: string): string | undefined {
  return Object.keys(DOCUMENTS).find((key) => DOCUMENTS[key]?.[locale] === slug)
}

export function statementPath(locale: Locale, key: string): string {
  return `/${locale}/${DOCUMENTS[key]?.[locale] ?? key}`
}

export function versionPath(locale: Locale, key: string, version: string): string {
  return `${statementPath(locale, key)}/${encodeURIComponent(version)}`
}

export function comparePath(
  locale: Locale,
  key: string,
  from?: null | string,
  to?: null | string,
): string {
  const query = new URLSearchParams()
  if (from) query.set('from', from)
  if (to) query.set('to', to)
  const search = query.toString()
  return `${statementPath(locale, key)}/${COMPARE_SLUG[locale]}${search ? `?${search}` : ''}`
}

/** The other locales, for the language switch. */
export const otherLocales = (locale: Locale): Locale[] =>
  LOCALES.filter((candidate) => candidate !== locale)
