/**
 * ─── SLOTS for components other engineers add later ──────────────────────────────────────────
 *
 * The site layout (dev/app/(site)/[locale]/layout.tsx) renders both of these on every page:
 * - <BannerSlot>: the change-notice banner ("our privacy statement changes on …"), at the very top
 *   of <body>, before the header. Replace the body of BannerSlot with the banner component.
 * - <SubscribeSlot>: the "tell me when this changes" subscription form, between the main content
 *   and the footer. Replace the body of SubscribeSlot with the form.
 *
 * Until then they render nothing but an empty, labelled container, so the page layout already has
 * the right places (the browser tests check that both containers exist).
 */
import type { Locale } from './config.js'

export type SlotProps = {
  /** The policy document the page shows, when it shows one (e.g. "privacy"). */
  documentKey?: string
  locale: Locale
}

export function BannerSlot(_props: SlotProps) {
  // SLOT: banner component goes here.
  return <div className="slot slot-banner" data-slot="banner" />
}

export function SubscribeSlot(_props: SlotProps) {
  // SLOT: subscription form goes here.
  return <div className="slot slot-subscribe" data-slot="subscribe" />
}
