/**
 * i18next resources, one namespace per concern. Every locale is typed by the English file,
 * so a missing key in another language is a type error.
 */
import { bannerDa } from './banner.da.js'
import { bannerEn } from './banner.en.js'
import { da } from './da.js'
import { en } from './en.js'
import { noticesDa } from './notices.da.js'
import { noticesEn } from './notices.en.js'
import { publishDa } from './publish.da.js'
import { publishEn } from './publish.en.js'
import { subscriptionDa } from './subscription.da.js'
import { subscriptionEn } from './subscription.en.js'

export const resources = {
  da: {
    translation: {
      ...da,
      banner: bannerDa,
      notices: noticesDa,
      publish: publishDa,
      subscription: subscriptionDa,
    },
  },
  en: {
    translation: {
      ...en,
      banner: bannerEn,
      notices: noticesEn,
      publish: publishEn,
      subscription: subscriptionEn,
    },
  },
} as const
