import type { Version } from '../../src/types.js'

import { DOCUMENT_KEY_RULE, isDocumentKey } from '../../src/documentKey.js'
import { parseVersion } from '../../src/releases/index.js'

/** A parameter that failed validation: becomes a 400 with this message. */
export class BadRequest extends Error {
  readonly status: number
  constructor(message: string, status = 400) {
    super(message)
    this.status = status
  }
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/

/** A parameter value from a query string, refusing repeats such as `?locale=da&locale=en`. */
export function singleParam(params: URLSearchParams, name: string): string | undefined {
  const values = params.getAll(name)
  if (values.length > 1) {
    throw new BadRequest(`Give "${name}" at most once.`)
  }
  return values[0]
}

/** Checks the document key from the path. */
export function parseDocumentKey(value: unknown): string {
  if (!isDocumentKey(value)) {
    throw new BadRequest(`The document key must be ${DOCUMENT_KEY_RULE}.`)
  }
  return value
}

/** Resolves `?locale=` against the configured locales; absent means the default locale. */
export function parseLocale(
  value: string | undefined,
  locales: readonly string[],
  defaultLocale: string,
): string {
  if (value === undefined || value === '') {
    return defaultLocale
  }
  if (!locales.includes(value)) {
    throw new BadRequest(`Unknown locale "${truncate(value)}". Use one of: ${locales.join(', ')}.`)
  }
  return value
}

/** Parses a `major.minor` version from the path or query. */
export function parseVersionParam(value: string | undefined, name = 'version'): Version {
  const version = parseVersion(value)
  if (!version) {
    throw new BadRequest(
      `"${name}" must be a version like 2.0 or 1.1; got "${truncate(value ?? '')}".`,
    )
  }
  return version
}

/**
 * Parses `?at=`: a calendar date (`2026-01-01`, meaning 00:00 UTC that day) or an ISO 8601
 * date-time with a zone. Impossible dates such as 2026-02-30 are refused, not rolled over.
 */
export function parseAt(value: string | undefined): Date | undefined {
  if (value === undefined) {
    return undefined
  }
  const dateOnly = DATE_ONLY.exec(value)
  const dateTime = dateOnly ? undefined : DATE_TIME.exec(value)
  const parts = dateOnly ?? dateTime
  const time = dateOnly ? Date.parse(`${value}T00:00:00Z`) : dateTime ? Date.parse(value) : NaN
  if (!parts || Number.isNaN(time)) {
    throw new BadRequest(
      `"at" must be a date like 2026-01-01 or 2026-01-01T12:00:00Z; got "${truncate(value)}".`,
    )
  }
  const [, year, month, day] = parts
  const check = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)))
  if (check.getUTCMonth() !== Number(month) - 1 || check.getUTCDate() !== Number(day)) {
    throw new BadRequest(`"at" is not a real calendar date: "${truncate(value)}".`)
  }
  return new Date(time)
}

/** Keeps echoed input short in error messages. */
export function truncate(value: string, max = 40): string {
  return value.length > max ? `${value.slice(0, max)}…` : value
}
