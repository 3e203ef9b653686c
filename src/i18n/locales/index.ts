/**
 * i18next resources, one namespace per concern. Every locale is typed by the English file,
 * so a missing key in another language is a type error.
 */
import { da } from './da.js'
import { en } from './en.js'

export const resources = {
  da: { translation: da },
  en: { translation: en },
} as const
