/**
 * The reader-facing sentence for a locale published with a "translation follows" declaration
 * (`checkPublish`): its page, banner and notice say, in that locale's language, that the
 * authoritative text changed in another language on that date and that the translation follows.
 */
import type { LocaleCode } from '../types.js'
import type { TranslationFollowsRecord } from './publishRules.js'

import { joinList } from '../diff/summary.js'
import { getTranslator } from '../i18n/index.js'
import { formatDate } from '../notices/locale.js'
import { localeName } from './renderPublishProblem.js'

export type TranslationNoticeOptions = {
  /** When the authoritative text changed: the release's publication (ISO). */
  publishedAt: string
  /** IANA zone for the date. @default 'UTC' */
  timeZone?: string
  version: string
}

/** The notice for `locale`, or null when its text is not behind (no declaration names it). */
export function translationNoticeFor(
  records: unknown,
  locale: LocaleCode,
  options: TranslationNoticeOptions,
): null | string {
  if (!Array.isArray(records)) return null
  const record = (records as TranslationFollowsRecord[]).find(
    (entry) => entry && entry.locale === locale,
  )
  if (!record) return null
  const t = getTranslator(locale)
  return t('publish.readerTranslationFollows', {
    changedIn: joinList(
      record.changedIn.map((code) => localeName(code, locale)),
      locale,
    ),
    date: formatDate(options.publishedAt, locale, { timeZone: options.timeZone }),
    language: localeName(locale, locale),
    version: options.version,
  })
}
