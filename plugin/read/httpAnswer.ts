import { createHash } from 'node:crypto'

import { htmlSecurityHeaders, NOSNIFF_HEADERS } from '../http/securityHeaders.js'

/** An HTTP answer that can be sent by Payload's endpoint handler or by a bare node:http server alike. */
export type HttpAnswer = {
  body: Uint8Array | null
  /** For answers made by `answerWithBody`: the representation and its Cache-Control, so a fast path can memoize them. */
  cacheControl?: string
  cached?: CachedBody
  headers: Record<string, string>
  /**
   * Until when (epoch ms) this exact answer (status aside: 200 or 304) stays right for the same
   * URL, in this process. Unset: do not reuse it.
   */
  stableUntil?: number
  status: number
}

/** A serialized body with its strong validator and content headers, built once and reused for every request. */
export type CachedBody = {
  body: Uint8Array
  contentType: string
  etag: string
  /** Content-Type, Content-Length and the security headers of its type (nosniff; CSP etc. for HTML). */
  headers: Readonly<Record<string, string>>
}

const encoder = new TextEncoder()

/** Serializes a value once and derives a strong ETag from the exact bytes. */
export function serializeBody(value: unknown): CachedBody {
  return serializeText(JSON.stringify(value), 'application/json; charset=utf-8')
}

/** Encodes a text body once and derives a strong ETag from the exact bytes. */
export function serializeText(text: string, contentType: string): CachedBody {
  const body = encoder.encode(text)
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`
  const security = contentType.startsWith('text/html')
    ? htmlSecurityHeaders(inlineStylesOf(text))
    : NOSNIFF_HEADERS
  const headers = Object.freeze({
    ...security,
    'Content-Length': String(body.byteLength),
    'Content-Type': contentType,
  })
  return { body, contentType, etag, headers }
}

/**
 * The inline styles an HTML body of ours carries (`<style>` elements, `style="…"` attributes such
 * as a visually-hidden label), so its CSP allows exactly those by hash and nothing else. Text
 * content is escaped by our renderers, so these patterns only meet real elements and attributes.
 */
function inlineStylesOf(html: string): { inlineStyles: string[]; styleAttributes: string[] } {
  return {
    inlineStyles: [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/gi)].map((found) => found[1]!),
    styleAttributes: [...html.matchAll(/\sstyle="([^"]*)"/gi)].map((found) => found[1]!),
  }
}

/**
 * Whether an `If-None-Match` header matches our ETag. RFC 9110 §13.1.2: a list of entity tags or
 * `*`, compared weakly (a `W/` prefix on theirs still matches our strong tag).
 */
export function ifNoneMatchHits(header: null | string | undefined, etag: string): boolean {
  if (!header) {
    return false
  }
  if (header === etag) {
    return true
  }
  if (header.trim() === '*') {
    return true
  }
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag)
}

/** Headers of a 304 for this representation: the validator and caching headers a 200 would carry (RFC 9110 §15.4.5). */
export function notModifiedHeaders(
  cached: CachedBody,
  cacheControl: string,
): Record<string, string> {
  return { ...NOSNIFF_HEADERS, 'Cache-Control': cacheControl, ETag: cached.etag }
}

/** Headers of a 200 with this representation. */
export function okHeaders(cached: CachedBody, cacheControl: string): Record<string, string> {
  return { ...cached.headers, 'Cache-Control': cacheControl, ETag: cached.etag }
}

/** 200 with the cached bytes, or 304 when the client already has them. */
export function answerWithBody(
  cached: CachedBody,
  ifNoneMatch: null | string | undefined,
  cacheControl: string,
): HttpAnswer {
  if (ifNoneMatchHits(ifNoneMatch, cached.etag)) {
    return {
      body: null,
      cacheControl,
      cached,
      headers: notModifiedHeaders(cached, cacheControl),
      status: 304,
    }
  }
  return {
    body: cached.body,
    cacheControl,
    cached,
    headers: okHeaders(cached, cacheControl),
    status: 200,
  }
}

/** A JSON error in Payload's own error shape (`{ errors: [{ message }] }`), never cached. */
export function answerWithError(
  status: number,
  message: string,
  data?: Record<string, unknown>,
): HttpAnswer {
  return {
    body: encoder.encode(JSON.stringify({ errors: [{ message, ...(data ? { data } : {}) }] })),
    headers: {
      ...NOSNIFF_HEADERS,
      'Cache-Control': 'no-store',
      'Content-Type': 'application/json; charset=utf-8',
    },
    status,
  }
}

/**
 * A body for a Web `Response`. A plain stream with the bytes as its one chunk: Node 20's `Response`
 * copies a `Uint8Array` body and serves it through a byte stream, which measured 1.3–2× slower to
 * pipe out (as Next does) than this. The bytes are shared with the cache: consumers only read them.
 */
export function bodyStream(bytes: Uint8Array | null): null | ReadableStream<Uint8Array> {
  if (!bytes) {
    return null
  }
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes)
      controller.close()
    },
  })
}

/** Converts an answer to a Web `Response` (what Payload endpoint handlers return); `headOnly` drops the body. */
export function toResponse(answer: HttpAnswer, headOnly = false): Response {
  return new Response(headOnly ? null : bodyStream(answer.body), {
    headers: answer.headers,
    status: answer.status,
  })
}
