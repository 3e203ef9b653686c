/**
 * Choosing the language of a message and formatting dates in it.
 */
import type { LocaleCode } from '../types.js'

import { SUPPORTED_LANGUAGES } from '../i18n/index.js'

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/

/**
 * The best of `available` for a subscriber: an exact match (case-insensitive), else the same
 * language with another region (`da-DK` → `da`, `en` → `en-GB`), else `fallback`.
 */
export function pickLocale(
  subscriberLocale: LocaleCode | null | undefined,
  available: readonly LocaleCode[],
  fallback: LocaleCode,
): LocaleCode {
  return matchLocale(subscriberLocale, available) ?? fallback
}

/**
 * The locale our copy will actually be written in: the first of `locale`, `fallbackLocale`, `en`
 * that we ship copy for. Dates are formatted in the same locale, so a Swedish reader with a
 * Danish fallback gets a Danish date inside Danish text rather than a Swedish date.
 */
export function resolveCopyLocale(locale: LocaleCode, fallbackLocale: LocaleCode): LocaleCode {
  return (
    matchLocale(locale, SUPPORTED_LANGUAGES) ??
    matchLocale(fallbackLocale, SUPPORTED_LANGUAGES) ??
    'en'
  )
}

/** Options for `formatDate`. */
export type FormatDateOptions = {
  /**
   * IANA zone for timestamps, e.g. `Europe/Copenhagen`. Date-only values (`2025-03-01`) are
   * calendar dates and ignore it, so they never shift by a day.
   * @default 'UTC'
   */
  timeZone?: string
  /** Include the time of day and the zone name, for link expiry times. */
  withTime?: boolean
}

/** Formats an ISO date or timestamp for readers of `locale` with `Intl.DateTimeFormat`; throws on an invalid date. */
export function formatDate(
  iso: string,
  locale: LocaleCode,
  options: FormatDateOptions = {},
): string {
  const time = instantOf(iso)
  if (Number.isNaN(time)) throw new Error(`formatDate: ${JSON.stringify(iso)} is not an ISO date`)
  const date = new Date(time)
  // Date-only strings mean UTC midnight, so they are formatted in UTC to stay on the same day.
  const dateOnly = DATE_ONLY.test(iso)
  const timeZone = dateOnly ? 'UTC' : (options.timeZone ?? 'UTC')
  const format: Intl.DateTimeFormatOptions =
    options.withTime && !dateOnly
      ? {
          day: 'numeric',
          hour: '2-digit',
          minute: '2-digit',
          month: 'long',
          timeZone,
          timeZoneName: 'short',
          year: 'numeric',
        }
      : { dateStyle: 'long', timeZone }
  return new Intl.DateTimeFormat(locale, format).format(date)
}

/** Milliseconds since the epoch for an ISO date (`2025-03-01`, read as UTC midnight) or timestamp; `NaN` if invalid. */
export function instantOf(iso: unknown): number {
  if (typeof iso !== 'string') return Number.NaN
  return new Date(DATE_ONLY.test(iso) ? `${iso}T00:00:00Z` : iso).getTime()
}

function matchLocale(
  wanted: LocaleCode | null | undefined,
  available: readonly LocaleCode[],
): LocaleCode | undefined {
  if (typeof wanted !== 'string' || wanted.length === 0) return undefined
  const normalized = wanted.toLowerCase().replace(/_/g, '-')
  const exact = available.find((code) => code.toLowerCase() === normalized)
  if (exact) return exact
  const language = normalized.split('-')[0]
  // Prefer the bare language (`da`) over a sibling region (`da-GL`) when both are configured.
  return (
    available.find((code) => code.toLowerCase() === language) ??
    available.find((code) => code.toLowerCase().split('-')[0] === language)
  )
}
