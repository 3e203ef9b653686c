/**
 * Reader-facing copy (diff summaries, materiality reasons, e-mails, banners) through a private
 * i18next instance. A private instance (`createInstance`) keeps our resources and options out of
 * the host application's global i18next, as the i18next maintainers recommend for libraries.
 *
 * Interpolation escaping is switched off here on purpose: the same strings feed plain text
 * (e-mail text parts, JSON) and HTML. HTML renderers escape every interpolated value themselves
 * with `escapeHtml` before passing it in, so nothing is escaped twice and nothing is missed.
 */
import i18next, { type TFunction } from 'i18next'

import type { LocaleCode } from '../types.js'

import { resources } from './locales/index.js'

export type Translator = TFunction

const instances = new Map<string, ReturnType<typeof i18next.createInstance>>()

/** The languages we ship copy for. Any other locale falls back to `fallbackLocale`. */
export const SUPPORTED_LANGUAGES = Object.keys(resources)

/**
 * A `t` function for one locale. Instances are created once per (locale, fallback) and reused.
 * @param locale the reader's locale, e.g. `da`
 * @param fallbackLocale used for keys or locales we have no copy for; defaults to `en`
 */
export function getTranslator(locale: LocaleCode, fallbackLocale: LocaleCode = 'en'): Translator {
  const id = `${locale}|${fallbackLocale}`
  let instance = instances.get(id)
  if (!instance) {
    instance = i18next.createInstance()
    void instance.init({
      fallbackLng: [fallbackLocale, 'en'],
      initAsync: false,
      interpolation: { escapeValue: false },
      lng: locale,
      resources,
      returnNull: false,
    })
    instances.set(id, instance)
  }
  return instance.t
}

/** Escapes text for an HTML text node or a double- or single-quoted attribute value. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}
