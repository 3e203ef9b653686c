/**
 * URL checks for links we put into e-mails, headers and banner JSON.
 */

/** Which schemes a link may use. */
export type UrlScheme = 'http' | 'https' | 'mailto'

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost'])
// Left over after WHATWG normalization only in opaque (mailto) URLs; encoding them keeps the URL
// valid inside `<…>` in a header and inert anywhere in HTML even before escaping.
const UNSAFE_CHARS = /[\u0000-\u0020"'<>\\^`{|}\u007f]/g

/**
 * Parses `value` as an absolute URL with one of `schemes` and returns its normalized form, or
 * throws an Error naming `field`. `javascript:`, `data:`, relative and unparsable values are
 * refused, never silently dropped: a notice with a missing unsubscribe or rights link must not go out.
 */
export function safeUrl(value: unknown, field: string, schemes: readonly UrlScheme[]): string {
  let url: URL | undefined
  try {
    url = typeof value === 'string' ? new URL(value) : undefined
  } catch {
    url = undefined
  }
  const scheme = url?.protocol.slice(0, -1)
  if (!url || !schemes.some((allowed) => allowed === scheme)) {
    throw new Error(
      `${field} must be an absolute ${schemes.join(' or ')} URL, got ${JSON.stringify(String(value)).slice(0, 200)}`,
    )
  }
  return url.href.replace(
    UNSAFE_CHARS,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  )
}

/**
 * An https URL, or plain http on a loopback host so local development works. RFC 8058 §3
 * requires an HTTPS URI in List-Unsubscribe; mailbox providers ignore plain http ones.
 */
export function safeHttpsUrl(value: unknown, field: string): string {
  const href = safeUrl(value, field, ['https', 'http'])
  const url = new URL(href)
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) {
    throw new Error(`${field} must be an https URL (RFC 8058), got ${JSON.stringify(href)}`)
  }
  return href
}
