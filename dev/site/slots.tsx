/**
 * ─── SLOTS for components other engineers add later ──────────────────────────────────────────
 *
 * The site layout (dev/app/(site)/[locale]/layout.tsx) renders both of these on every page:
 * - <BannerSlot>: the change-notice banner ("our privacy statement changes on …"), at the very top
 *   of <body>, before the header: the plugin's <PolicyBanner> (payload-plugin-policy-docs/banner).
 * - <SubscribeSlot>: the "tell me when this changes" subscription form (double opt-in), between
 *   the main content and the footer.
 *
 * Both keep their labelled container (the browser tests check that both containers exist). The
 * banner renders nothing until the API says there is something to show, so an empty container
 * takes no space (`.slot:empty`).
 *
 * The API base is same-origin `/api`: the demo site is served by the same Next app as Payload's
 * REST API (dev/site/api.ts reads it server-side from the configured origin). A site on another
 * origin passes the CMS's absolute API URL, and the CMS must allow that origin (Payload `cors`).
 */
import { PolicyBanner } from 'payload-plugin-policy-docs/banner'

import type { Locale } from './config.js'

import { SubscribeForm } from './SubscribeForm.js'
import './slots.css'

export type SlotProps = {
  /** The policy document the page shows, when it shows one (e.g. "privacy"). */
  documentKey?: string
  locale: Locale
}

/** The browser's base for the plugin's public API (same origin as the demo site). */
const BROWSER_API = '/api'

/** The demo site has one policy document; pages that do not name one announce changes to it. */
const DEFAULT_DOCUMENT = 'privacy'

export function BannerSlot({ documentKey = DEFAULT_DOCUMENT, locale }: SlotProps) {
  return (
    <div className="slot slot-banner" data-slot="banner">
      <PolicyBanner api={BROWSER_API} document={documentKey} focusTarget="#main" locale={locale} />
    </div>
  )
}

export function SubscribeSlot({ documentKey = DEFAULT_DOCUMENT, locale }: SlotProps) {
  return (
    <div className="slot slot-subscribe" data-slot="subscribe">
      <SubscribeForm api={BROWSER_API} documentKey={documentKey} locale={locale} />
    </div>
  )
}
