/**
 * The e-mails we send to subscribers, rendered as subject, plain text, HTML and extra headers.
 * All copy comes from i18next (`notices.*`); all dates go through `Intl.DateTimeFormat`.
 */
import type { Translator } from '../i18n/index.js'
import type { LocaleCode } from '../types.js'
import type { Part } from './html.js'

import { escapeHtml, getTranslator } from '../i18n/index.js'
import {
  button,
  cleanText,
  heading,
  layout,
  links,
  oneLine,
  paragraph,
  separator,
  subheading,
  userText,
} from './html.js'
import { formatDate, resolveCopyLocale } from './locale.js'
import { safeHttpsUrl, safeUrl } from './safeUrl.js'

/** A message ready to hand to `payload.sendEmail` / nodemailer. */
export type RenderedEmail = {
  /** Extra headers; empty for messages that are not part of the notice list. */
  headers: Record<string, string>
  html: string
  subject: string
  text: string
}

/** Links every list message carries: RFC 8058 unsubscribe and the rights page. */
export type ListLinks = {
  /** The export / correction / erasure page for this subscriber (tokenized). */
  manageUrl: string
  /** `mailto:` address for List-Unsubscribe, for clients that do not do one-click. */
  unsubscribeMailto: string
  /** One-click unsubscribe URL (https); must accept `POST` with body `List-Unsubscribe=One-Click`. */
  unsubscribeUrl: string
}

/** Input for `renderNotice`: one subscriber, one release, already in the subscriber's locale. */
export type NoticeInput = ListLinks & {
  /** What changed, written by the editor. Plain text; blank lines separate paragraphs. */
  changeNote: string
  /** The public compare page for previous → this version; omitted when there is no previous version. */
  compareUrl?: string
  /** The generated diff summary, plain text, one item per line; omitted when there is none. */
  diffSummary?: string
  /** ISO date (`2025-03-01`) or timestamp from which the release applies. */
  effectiveAt: string
  /** Label of the version this one replaces, e.g. `1.4`. */
  previousVersion?: string
  siteName: string
  /** The full statement, this version. */
  statementUrl: string
  /** IANA zone for formatting timestamps. @default 'UTC' */
  timeZone?: string
  /** Document title in the reader's locale, e.g. `Persondataerklæring`. */
  title: string
  /**
   * Set when the reader's locale was published with a "translation follows" declaration: says that
   * the authoritative text changed in another language and the translation follows. Plain text.
   */
  translationNotice?: string
  /** Label of the new version, e.g. `2.0`. */
  version: string
}

/** Input for `renderConfirmationEmail` (double opt-in). */
export type ConfirmationInput = {
  /** The tokenized confirmation link. */
  confirmUrl: string
  /** When the link stops working, ISO timestamp. */
  expiresAt: string
  siteName: string
  /** IANA zone for the expiry time. @default 'UTC' */
  timeZone?: string
  title: string
}

/** Input for `renderManageEmail`. */
export type ManageInput = {
  /** When the link stops working, ISO timestamp; omit for links that do not expire. */
  expiresAt?: string
  /** The tokenized link to export, correct or erase the subscriber's data. */
  manageUrl: string
  siteName: string
  /** IANA zone for the expiry time. @default 'UTC' */
  timeZone?: string
  title: string
}

/** Input for `renderCorrectionNotice`: a release we already announced was postponed or withdrawn. */
export type CorrectionInput = ListLinks & {
  /** Optional explanation from the editor, plain text. */
  note?: string
  siteName: string
  /** The statement as it applies now (for a withdrawal) or the postponed version. */
  statementUrl: string
  /** IANA zone for formatting timestamps. @default 'UTC' */
  timeZone?: string
  title: string
  /** Label of the release concerned. */
  version: string
} & (
    | {
        /** The new effective date, ISO. */
        effectiveAt: string
        kind: 'postponed'
        /** The effective date we announced before, ISO. */
        previousEffectiveAt: string
      }
    | { kind: 'withdrawn' }
  )

/**
 * The RFC 2369 / RFC 8058 headers: an https and a mailto unsubscribe URI, and the one-click
 * marker. Mailbox providers require both headers (and a DKIM signature covering them) for bulk mail.
 */
export function listUnsubscribeHeaders(
  unsubscribeUrl: string,
  unsubscribeMailto: string,
): Record<string, string> {
  const https = safeHttpsUrl(unsubscribeUrl, 'unsubscribeUrl')
  const mailto = safeUrl(unsubscribeMailto, 'unsubscribeMailto', ['mailto'])
  return {
    'List-Unsubscribe': `<${https}>, <${mailto}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  }
}

/** Renders the notice of a material change for one subscriber, in `locale` or else `fallbackLocale`. */
export function renderNotice(
  input: NoticeInput,
  locale: LocaleCode,
  fallbackLocale: LocaleCode,
): RenderedEmail {
  const title = requireText(input.title, 'title')
  const siteName = requireText(input.siteName, 'siteName')
  const version = requireText(input.version, 'version')
  const changeNote = requireText(input.changeNote, 'changeNote')
  const previousVersion =
    input.previousVersion === undefined
      ? undefined
      : requireText(input.previousVersion, 'previousVersion')
  const compareUrl =
    input.compareUrl === undefined
      ? undefined
      : safeUrl(input.compareUrl, 'compareUrl', ['https', 'http'])
  const statementUrl = safeUrl(input.statementUrl, 'statementUrl', ['https', 'http'])
  const headers = listUnsubscribeHeaders(input.unsubscribeUrl, input.unsubscribeMailto)

  const lang = resolveCopyLocale(locale, fallbackLocale)
  const copy = copier(getTranslator(lang, fallbackLocale), {
    date: formatDate(input.effectiveAt, lang, { timeZone: input.timeZone }),
    previousVersion: previousVersion ?? '',
    siteName,
    title,
    version,
  })
  const subject = oneLine(copy('notices.change.subject').text)
  const summary = input.diffSummary === undefined ? '' : cleanText(input.diffSummary)

  const parts: Part[] = [
    heading(copy('notices.change.heading')),
    paragraph(copy('notices.common.greeting')),
    paragraph(
      copy(previousVersion === undefined ? 'notices.change.introFirst' : 'notices.change.intro'),
    ),
    ...(input.translationNotice ? [userText(cleanText(input.translationNotice))] : []),
    subheading(copy('notices.change.whatChanged')),
    userText(changeNote),
    ...(summary.length > 0 ? [subheading(copy('notices.change.summary')), userText(summary)] : []),
    paragraph(copy('notices.change.effective')),
    links([
      ...(compareUrl === undefined
        ? []
        : [{ href: compareUrl, label: copy('notices.change.compare') }]),
      { href: statementUrl, label: copy('notices.change.statement') },
    ]),
    ...listFooter(copy, input),
  ]
  return { headers, ...layout(subject, lang, parts), subject }
}

/** Renders the double opt-in e-mail: nothing is subscribed until its link is used. */
export function renderConfirmationEmail(
  input: ConfirmationInput,
  locale: LocaleCode,
  fallbackLocale: LocaleCode,
): RenderedEmail {
  const confirmUrl = safeUrl(input.confirmUrl, 'confirmUrl', ['https', 'http'])
  const lang = resolveCopyLocale(locale, fallbackLocale)
  const copy = copier(getTranslator(lang, fallbackLocale), {
    date: formatDate(input.expiresAt, lang, { timeZone: input.timeZone, withTime: true }),
    siteName: requireText(input.siteName, 'siteName'),
    title: requireText(input.title, 'title'),
  })
  const subject = oneLine(copy('notices.confirm.subject').text)
  const parts: Part[] = [
    heading(copy('notices.confirm.heading')),
    paragraph(copy('notices.common.greeting')),
    paragraph(copy('notices.confirm.intro')),
    button(copy('notices.confirm.action'), confirmUrl, copy('notices.common.linkHint')),
    paragraph(copy('notices.confirm.expires')),
    paragraph(copy('notices.confirm.ignore'), true),
    signature(copy),
  ]
  return { headers: {}, ...layout(subject, lang, parts), subject }
}

/** Renders the e-mail with a link to the page where a subscriber exports, corrects or erases their data. */
export function renderManageEmail(
  input: ManageInput,
  locale: LocaleCode,
  fallbackLocale: LocaleCode,
): RenderedEmail {
  const manageUrl = safeUrl(input.manageUrl, 'manageUrl', ['https', 'http'])
  const lang = resolveCopyLocale(locale, fallbackLocale)
  const copy = copier(getTranslator(lang, fallbackLocale), {
    date:
      input.expiresAt === undefined
        ? ''
        : formatDate(input.expiresAt, lang, { timeZone: input.timeZone, withTime: true }),
    siteName: requireText(input.siteName, 'siteName'),
    title: requireText(input.title, 'title'),
  })
  const subject = oneLine(copy('notices.manage.subject').text)
  const parts: Part[] = [
    heading(copy('notices.manage.heading')),
    paragraph(copy('notices.common.greeting')),
    paragraph(copy('notices.manage.intro')),
    button(copy('notices.manage.action'), manageUrl, copy('notices.common.linkHint')),
    ...(input.expiresAt === undefined ? [] : [paragraph(copy('notices.manage.expires'))]),
    paragraph(copy('notices.manage.ignore'), true),
    signature(copy),
  ]
  return { headers: {}, ...layout(subject, lang, parts), subject }
}

/** Renders the short follow-up sent when an announced release is postponed or withdrawn. */
export function renderCorrectionNotice(
  input: CorrectionInput,
  locale: LocaleCode,
  fallbackLocale: LocaleCode,
): RenderedEmail {
  const statementUrl = safeUrl(input.statementUrl, 'statementUrl', ['https', 'http'])
  const headers = listUnsubscribeHeaders(input.unsubscribeUrl, input.unsubscribeMailto)
  const lang = resolveCopyLocale(locale, fallbackLocale)
  const dates: Record<string, string> =
    input.kind === 'postponed'
      ? {
          newDate: formatDate(input.effectiveAt, lang, { timeZone: input.timeZone }),
          oldDate: formatDate(input.previousEffectiveAt, lang, { timeZone: input.timeZone }),
        }
      : {}
  const copy = copier(getTranslator(lang, fallbackLocale), {
    ...dates,
    siteName: requireText(input.siteName, 'siteName'),
    title: requireText(input.title, 'title'),
    version: requireText(input.version, 'version'),
  })
  const base =
    input.kind === 'postponed' ? 'notices.correction.postponed' : 'notices.correction.withdrawn'
  const note = input.note === undefined ? '' : cleanText(input.note)
  const subject = oneLine(copy(`${base}.subject`).text)
  const parts: Part[] = [
    heading(copy(`${base}.heading`)),
    paragraph(copy('notices.common.greeting')),
    paragraph(copy(`${base}.body`)),
    ...(note.length > 0 ? [subheading(copy('notices.correction.note')), userText(note)] : []),
    links([{ href: statementUrl, label: copy('notices.correction.statement') }]),
    ...listFooter(copy, input),
  ]
  return { headers, ...layout(subject, lang, parts), subject }
}

/** Looks up copy by key, or (`value`) returns one of the message's values in both forms. */
type Copy = ((key: string) => Part) & { value: (name: string) => Part }

/**
 * Binds a translator to one message's values and returns both forms of each string: the text
 * form with raw values, the HTML form with every value escaped before i18next sees it.
 * i18next's own escaping is off (see i18n/index.ts), and `skipOnVariables` (its default) stops
 * a value such as `{{siteName}}` or `$t(…)` inside a change note from being expanded.
 */
function copier(t: Translator, values: Record<string, string>): Copy {
  const text: Record<string, string> = {}
  const html: Record<string, string> = {}
  for (const [name, value] of Object.entries(values)) {
    text[name] = oneLine(value)
    html[name] = escapeHtml(oneLine(value))
  }
  const copy = (key: string): Part => ({ html: String(t(key, html)), text: String(t(key, text)) })
  return Object.assign(copy, {
    value: (name: string): Part => ({ html: html[name] ?? '', text: text[name] ?? '' }),
  })
}

function signature(copy: Copy): Part {
  const regards = copy('notices.common.regards')
  const site = copy.value('siteName')
  return {
    html: `<p style="margin:24px 0 0;">${regards.html}<br>${site.html}</p>`,
    text: `${regards.text}\n${site.text}`,
  }
}

function listFooter(copy: Copy, input: ListLinks): Part[] {
  // The body's unsubscribe link is the same https URL as the header's: a GET shows a
  // confirmation page (link scanners must not unsubscribe anyone), a POST is the one-click action.
  const unsubscribeUrl = safeHttpsUrl(input.unsubscribeUrl, 'unsubscribeUrl')
  const manageUrl = safeUrl(input.manageUrl, 'manageUrl', ['https', 'http'])
  return [
    signature(copy),
    separator(),
    paragraph(copy('notices.common.footer'), true),
    links(
      [
        { href: unsubscribeUrl, label: copy('notices.common.unsubscribe') },
        { href: manageUrl, label: copy('notices.common.manage') },
      ],
      true,
    ),
  ]
}

function requireText(value: unknown, field: string): string {
  if (typeof value !== 'string' || cleanText(value).length === 0) {
    throw new Error(`${field} must be a non-empty string`)
  }
  return value
}
