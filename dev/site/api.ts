/**
 * Server-side reads of the plugin's public API, from the same server that renders the page.
 *
 * The origin comes from configuration (PAYLOAD_PUBLIC_SERVER_URL, else http://localhost:$PORT),
 * never from the request's Host header, so a client cannot point the server's fetches elsewhere.
 * `cache: 'no-store'`: the API sets its own Cache-Control, and the statement in force can change
 * at any moment a release takes effect.
 */
import { cache } from 'react'

import type { Locale } from './config.js'

export type ReleaseLinks = {
  api: string
  compare: null | string
  diff: null | string
  statement: string
}

/** One entry of the archive (and the metadata part of a release). */
export type ReleaseSummary = {
  changeNote: string
  document: string
  effectiveAt: string
  /** Taken over from an earlier system by a history import. */
  imported?: boolean
  kind: string
  links: ReleaseLinks
  locale: string
  previousVersion: null | string
  publishedAt: string
  version: string
}

/** A release with its content (`html` is built and escaped by the server). */
export type Release = ReleaseSummary & {
  html: string
  sections: Array<{ heading?: string; key: string }>
  title: string
  /** Set when this locale's translation follows later: says so, in this locale's language. */
  translationNotice?: null | string
}

export type Archive = {
  document: string
  inForce: null | string
  locale: string
  releases: ReleaseSummary[]
}

/** The diff endpoint's JSON (`format=json`). Only `summary` (plain text) and `html` (escaped by the server) are used. */
export type Diff = {
  from?: unknown
  html?: string
  locale?: string
  summary?: string
  to?: unknown
}

export type ApiResult<T> = { data: T; ok: true } | { message: string; ok: false; status: number }

const TIMEOUT_MS = 15_000

export function apiOrigin(): string {
  const configured = process.env.PAYLOAD_PUBLIC_SERVER_URL
  return (configured || `http://localhost:${process.env.PORT || 3000}`).replace(/\/+$/, '')
}

/** GETs an API path (e.g. `/api/policies/privacy?locale=da`) and parses the JSON answer or its error. */
async function getJson<T>(path: string): Promise<ApiResult<T>> {
  let response: Response
  try {
    response = await fetch(`${apiOrigin()}${path}`, {
      cache: 'no-store',
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
  } catch (error) {
    return { message: `Could not reach the API: ${(error as Error).message}`, ok: false, status: 0 }
  }
  let body: unknown
  try {
    body = await response.json()
  } catch {
    body = undefined
  }
  if (!response.ok) {
    return {
      message: errorMessage(body) ?? `HTTP ${response.status}`,
      ok: false,
      status: response.status,
    }
  }
  if (body === undefined || body === null || typeof body !== 'object') {
    return {
      message: 'The API answered with something other than JSON.',
      ok: false,
      status: response.status,
    }
  }
  return { data: body as T, ok: true }
}

/** Payload's error shapes: `{ errors: [{ message }] }` or `{ message }`. */
function errorMessage(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined
  const { errors, message } = body as { errors?: Array<{ message?: unknown }>; message?: unknown }
  const first = Array.isArray(errors) ? errors[0]?.message : message
  return typeof first === 'string' ? first : undefined
}

const base = (key: string) => `/api/policies/${encodeURIComponent(key)}`
const localeQuery = (locale: Locale) => `locale=${encodeURIComponent(locale)}`

/** The release in force now. Wrapped in `cache` so metadata and page share one request per render. */
export const getStatement = cache((key: string, locale: Locale) =>
  getJson<Release>(`${base(key)}?${localeQuery(locale)}`),
)

export const getArchive = cache((key: string, locale: Locale) =>
  getJson<Archive>(`${base(key)}/releases?${localeQuery(locale)}`),
)

export const getRelease = cache((key: string, version: string, locale: Locale) =>
  getJson<Release>(`${base(key)}/releases/${encodeURIComponent(version)}?${localeQuery(locale)}`),
)

export const getDiff = cache((key: string, from: string, to: string, locale: Locale) => {
  const query = new URLSearchParams({ format: 'json', from, locale, to })
  return getJson<Diff>(`${base(key)}/diff?${query.toString()}`)
})
