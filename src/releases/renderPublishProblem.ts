/**
 * Publish refusals in the editor's language and time zone (`checkPublish` gives the codes and
 * params). Dates are formatted as the editor reads them, never as raw ISO strings, and each
 * message ends with how to fix it.
 */
import type { ElementId } from '../completeness/index.js'
import type { LocaleCode } from '../types.js'
import type { ContentChange, PublishProblem } from './publishRules.js'

import { elementLabel } from '../completeness/labels.js'
import { joinList } from '../diff/summary.js'
import { getTranslator } from '../i18n/index.js'

export type RenderPublishOptions = {
  /** The editor's language, e.g. `da`; languages without copy fall back to English. */
  language: string
  /** IANA time zone for dates, e.g. `Europe/Copenhagen`. */
  timeZone: string
}

/** BCP 47 tag for dates: British English writes 24-hour times and day-month order. */
const dateLocale = (language: string) => (language === 'en' ? 'en-GB' : language)

/** A moment in the editor's language and time zone, with the zone named (e.g. "5 January 2027 at 00:00 CET"). */
export function formatMoment(iso: string, options: RenderPublishOptions): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  try {
    return new Intl.DateTimeFormat(dateLocale(options.language), {
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      month: 'long',
      timeZone: options.timeZone,
      timeZoneName: 'short',
      year: 'numeric',
    }).format(date)
  } catch {
    return `${date.toISOString().replace('T', ' ').slice(0, 16)} UTC`
  }
}

/** The name of a locale in the editor's language ("English", "engelsk"). */
export function localeName(code: LocaleCode, language: string): string {
  try {
    return (
      new Intl.DisplayNames([language], { fallback: 'code', type: 'language' }).of(code) ?? code
    )
  } catch {
    return code
  }
}

/** One failing rule as a sentence (or two) in the editor's language, ending with how to fix it. */
export function renderPublishProblem(
  problem: PublishProblem,
  options: RenderPublishOptions,
): string {
  const t = getTranslator(options.language)
  const date = (iso: string) => formatMoment(iso, options)
  const language = (code: LocaleCode) => localeName(code, options.language)
  const kind = (value: string) =>
    t(value === 'material' ? 'publish.kindMaterial' : 'publish.kindMinor')
  const sections = (list: ContentChange[]) =>
    joinList(
      list.map((change) =>
        change.section === null
          ? t('publish.sectionTitle')
          : t('publish.sectionNamed', { heading: change.heading }),
      ),
      options.language,
    )
  switch (problem.code) {
    case 'backdated':
      return t('publish.backdated', { date: date(problem.params.effectiveAt) })
    case 'before-previous': {
      const vars = {
        date: date(problem.params.effectiveAt),
        previousDate: date(problem.params.previousEffectiveAt),
        version: problem.params.previousVersion,
      }
      return t(
        problem.params.entered ? 'publish.beforePreviousEntered' : 'publish.beforePreviousEmpty',
        vars,
      )
    }
    case 'gdpr-incomplete':
      return t('publish.gdprIncomplete', {
        items: joinList(
          problem.params.elements.map((element) =>
            elementLabel(element as ElementId, options.language),
          ),
          options.language,
        ),
        language: language(problem.params.locale),
      })
    case 'incomplete': {
      const items = problem.params.missing.map((item) =>
        item.field === 'title'
          ? t('publish.incompleteTitle')
          : t(item.field === 'heading' ? 'publish.incompleteHeading' : 'publish.incompleteBody', {
              heading: item.heading ?? item.section ?? '',
            }),
      )
      return t('publish.incomplete', {
        items: joinList(items, options.language),
        language: language(problem.params.locale),
      })
    }
    case 'missing-change-note':
      return problem.params.leftoverFrom
        ? t('publish.changeNoteLeftover', {
            language: language(problem.params.locale),
            version: problem.params.leftoverFrom,
          })
        : t('publish.missingChangeNote', { language: language(problem.params.locale) })
    case 'missing-justification':
      return t('publish.missingJustification', {
        chosen: kind(problem.params.chosen),
        proposal: kind(problem.params.proposal),
      })
    case 'short-notice': {
      const vars = {
        date: date(problem.params.effectiveAt),
        days: problem.params.days,
        earliest: date(problem.params.earliest),
        required: problem.params.requiredDays,
      }
      return t(
        problem.params.entered ? 'publish.shortNoticeEntered' : 'publish.shortNoticeEmpty',
        vars,
      )
    }
    case 'translation-follows-reason':
      return t('publish.translationFollowsReason', { language: language(problem.params.locale) })
    case 'translation-gap':
      return t('publish.translationGap', {
        changedIn: joinList(problem.params.changedIn.map(language), options.language),
        language: language(problem.params.locale),
        sections: sections(problem.params.sections),
      })
  }
}

/**
 * Every failing rule in one text, for a single toast or error message:
 * "Publishing was refused. 2 things to fix: (1) … (2) …".
 */
export function renderRefusal(
  problems: readonly PublishProblem[],
  options: RenderPublishOptions,
): string {
  const t = getTranslator(options.language)
  const intro = t('publish.refused', { count: problems.length })
  if (problems.length === 1) return `${intro} ${renderPublishProblem(problems[0]!, options)}`
  return [
    intro,
    ...problems.map((problem, index) => `(${index + 1}) ${renderPublishProblem(problem, options)}`),
  ].join(' ')
}
