/** Types of policy-banner.js (a plain ES module with no build step). */

export type BannerLinkModel = { href: string; label: string; name: 'compare' | 'statement' }

/** The part of the banner endpoint's answer the banner uses, checked. */
export type BannerModel = {
  ariaLabel: string
  dismissLabel: string
  lang: string
  links: BannerLinkModel[]
  message: string
  /** The reader's language lags behind the authoritative text (a "translation follows" declaration); empty otherwise. */
  note: string
  phase: 'in-effect' | 'upcoming'
  version: string
}

/** The banner's CSS, shared by the web component and the React component. */
export declare const BANNER_CSS: string
/** localStorage key that remembers the dismissed version of a document: `policy-banner:<document>`. */
export declare function storageKey(documentKey: string): string
/** Whether `value` is a strict `major.minor` version. */
export declare function isVersion(value: unknown): value is string
/** An absolute http(s) URL or a root-relative path, else `null`. */
export declare function safeHref(value: unknown): null | string
/** `{api}/policies/{document}/banner?locale=…&seen=…` (`seen` only when it is a version). */
export declare function bannerUrl(
  api: null | string | undefined,
  documentKey: string,
  locale?: string,
  seen?: unknown,
): string
/** The checked banner to show, or `null`. */
export declare function toBannerModel(body: unknown): BannerModel | null

export declare class PolicyBannerElement extends HTMLElement {
  static readonly observedAttributes: string[]
  readonly document: string
  readonly locale: string
  dismiss(): void
}

declare global {
  interface HTMLElementTagNameMap {
    'policy-banner': PolicyBannerElement
  }
}
