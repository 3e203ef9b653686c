import { createHash } from 'node:crypto'

/** An HTTP answer that can be sent by Payload's endpoint handler or by a bare node:http server alike. */
export type HttpAnswer = {
  body: Uint8Array | null
  headers: Record<string, string>
  status: number
}

/** A serialized body with its strong validator, built once and reused for every request. */
export type CachedBody = {
  body: Uint8Array
  contentType: string
  etag: string
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
  return { body, contentType, etag }
}

/**
 * Whether an `If-None-Match` header matches our ETag. RFC 9110 §13.1.2: a list of entity tags or
 * `*`, compared weakly (a `W/` prefix on theirs still matches our strong tag).
 */
export function ifNoneMatchHits(header: null | string | undefined, etag: string): boolean {
  if (!header) {
    return false
  }
  if (header.trim() === '*') {
    return true
  }
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag)
}

/** 200 with the cached bytes, or 304 when the client already has them. */
export function answerWithBody(cached: CachedBody, ifNoneMatch: null | string | undefined, cacheControl: string): HttpAnswer {
  const headers = { 'Cache-Control': cacheControl, ETag: cached.etag, Vary: 'Accept-Encoding' }
  if (ifNoneMatchHits(ifNoneMatch, cached.etag)) {
    return { body: null, headers, status: 304 }
  }
  return {
    body: cached.body,
    headers: { ...headers, 'Content-Length': String(cached.body.byteLength), 'Content-Type': cached.contentType },
    status: 200,
  }
}

/** A JSON error in Payload's own error shape (`{ errors: [{ message }] }`), never cached. */
export function answerWithError(status: number, message: string, data?: Record<string, unknown>): HttpAnswer {
  return {
    body: encoder.encode(JSON.stringify({ errors: [{ message, ...(data ? { data } : {}) }] })),
    headers: { 'Cache-Control': 'no-store', 'Content-Type': 'application/json; charset=utf-8' },
    status,
  }
}

/** Converts an answer to a Web `Response` (what Payload endpoint handlers return). */
export function toResponse(answer: HttpAnswer): Response {
  return new Response(answer.body as BodyInit | null, { headers: answer.headers, status: answer.status })
}
