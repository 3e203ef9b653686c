import { createHash } from 'node:crypto'

/**
 * Security headers for what the plugin serves from the CMS origin: one home for the rule, used by
 * the subscription pages, the public read answers and the standalone server alike.
 *
 * - Every answer gets `X-Content-Type-Options: nosniff`, so a browser never runs JSON, Atom or an
 *   error body as a script or page it guessed the type of.
 * - HTML pages also get a Content-Security-Policy that allows nothing but their own inline styles
 *   (by hash) and form posts back to the same origin, no framing, and `Referrer-Policy: no-referrer`:
 *   subscription pages are reached through token links, and the token must never leak in a Referer.
 */

/** For every non-HTML answer (JSON, Atom, JavaScript, plain-text errors). */
export const NOSNIFF_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'X-Content-Type-Options': 'nosniff',
})

/** Options for `htmlSecurityHeaders`. */
export type HtmlSecurityOptions = {
  /** The exact text of each inline `<style>` element the page contains; each is allowed by its hash. */
  inlineStyles?: readonly string[]
  /**
   * The exact value of each `style="…"` attribute the page contains; each is allowed by its hash
   * (CSP Level 3 `'unsafe-hashes'`: only these values, never arbitrary inline style).
   */
  styleAttributes?: readonly string[]
}

/** The CSP `'sha256-…'` source for one inline element's exact text. */
export function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`
}

/** Headers for an HTML page: strict CSP, no framing, no referrer, no sniffing. */
export function htmlSecurityHeaders(options: HtmlSecurityOptions = {}): Record<string, string> {
  const attributes = [...new Set(options.styleAttributes ?? [])].map(cspHash)
  const styles = [
    ...(options.inlineStyles ?? []).map(cspHash),
    ...(attributes.length ? ["'unsafe-hashes'", ...attributes] : []),
  ]
  const csp = [
    "default-src 'none'",
    `style-src ${styles.length ? styles.join(' ') : "'none'"}`,
    "img-src 'self' data:",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ')
  return {
    'Content-Security-Policy': csp,
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
  }
}
