/**
 * Cross-origin rules of what the plugin serves: one home for them.
 *
 * - Public read routes (statement, archive, diff, banner, feed, ledger, embed script) are public
 *   data: any origin may read them, never with credentials (`Access-Control-Allow-Origin: *`, which
 *   browsers refuse to combine with cookies). The answer is the same for every origin, so there is
 *   no `Vary: Origin`.
 * - Subscription endpoints take an allow-list (`cors.subscriptions`): an allowed origin is echoed
 *   back with `Vary: Origin` (caches must not hand one origin's answer to another); any other origin
 *   gets no CORS headers, so only same-origin pages (and plain HTML form posts) can use them.
 */

/** Headers every public read answer carries (200, 304 and errors alike). */
export const PUBLIC_CORS_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Access-Control-Allow-Origin': '*',
  // Not CORS-safelisted: without this a cross-origin script cannot read the validator to revalidate.
  'Access-Control-Expose-Headers': 'ETag',
  // Lets pages with Cross-Origin-Embedder-Policy load the banner script and data.
  'Cross-Origin-Resource-Policy': 'cross-origin',
})

/** Methods and request headers a cross-origin page may use on the public read routes. */
const PUBLIC_PREFLIGHT_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  ...PUBLIC_CORS_HEADERS,
  'Access-Control-Allow-Headers': 'Accept, Accept-Language, If-None-Match, If-Modified-Since',
  'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
  'Access-Control-Max-Age': '86400',
  'Cache-Control': 'public, max-age=86400',
})

/** The answer to an `OPTIONS` preflight on a public read route. */
export function publicPreflightHeaders(): Record<string, string> {
  return { ...PUBLIC_PREFLIGHT_HEADERS }
}

/** What `cors.subscriptions` allows: exact origins such as `https://www.example.com`. */
export type SubscriptionCors = { origins: readonly string[] }

/**
 * CORS headers for an answer of a subscription endpoint. `origin` is the request's `Origin`
 * header. Always includes `Vary: Origin` (the answer differs by origin); adds the allow headers
 * only when the origin is on the list.
 */
export function subscriptionCorsHeaders(
  origin: null | string | undefined,
  allowed: SubscriptionCors,
): Record<string, string> {
  const headers: Record<string, string> = { Vary: 'Origin' }
  if (origin && allowed.origins.includes(origin)) {
    headers['Access-Control-Allow-Origin'] = origin
  }
  return headers
}

/**
 * The answer headers to an `OPTIONS` preflight on a subscription endpoint: allowed origins may
 * POST JSON or form bodies, without credentials; others get only `Vary: Origin` (the browser then
 * refuses the request).
 */
export function subscriptionPreflightHeaders(
  origin: null | string | undefined,
  allowed: SubscriptionCors,
): Record<string, string> {
  const headers = subscriptionCorsHeaders(origin, allowed)
  if (headers['Access-Control-Allow-Origin']) {
    headers['Access-Control-Allow-Headers'] = 'Content-Type, Accept, Accept-Language'
    headers['Access-Control-Allow-Methods'] = 'GET, HEAD, POST, OPTIONS'
    headers['Access-Control-Max-Age'] = '600'
  }
  return headers
}

/**
 * Checks and normalizes `cors.subscriptions`: each entry must be an origin (scheme, host and
 * optional port, no path), e.g. `https://www.example.com`. Returns the normalized list or an
 * error message naming the bad entry.
 */
export function normalizeOrigins(origins: unknown): { error: string } | { origins: string[] } {
  if (origins === undefined) {
    return { origins: [] }
  }
  if (!Array.isArray(origins)) {
    return {
      error: '`cors.subscriptions` must be a list of origins such as ["https://www.example.com"].',
    }
  }
  const result: string[] = []
  for (const entry of origins) {
    let url: URL | undefined
    try {
      url = typeof entry === 'string' ? new URL(entry) : undefined
    } catch {
      url = undefined
    }
    if (
      !url ||
      (url.protocol !== 'https:' && url.protocol !== 'http:') ||
      url.origin !== entry.replace(/\/$/, '')
    ) {
      return {
        error: `\`cors.subscriptions\`: "${String(entry)}" is not an origin; use scheme://host[:port] with no path, e.g. "https://www.example.com".`,
      }
    }
    result.push(url.origin)
  }
  return { origins: result }
}
