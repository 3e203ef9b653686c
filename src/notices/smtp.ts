/**
 * Deciding what to do when sending a message fails: try again later, or record and stop.
 */

/** `temporary`: worth retrying later. `permanent`: record the failure and stop. */
export type SmtpFailureClass = 'permanent' | 'temporary'

// Network-level failures: the server is down, unreachable, slow or hung up. Nothing about the
// message is wrong, so a later attempt can succeed. Names are nodemailer's (lib/errors.js) and Node's.
const TEMPORARY_CODES = new Set([
  'EAI_AGAIN',
  'ECONNABORTED',
  'ECONNECTION',
  'ECONNREFUSED',
  'ECONNRESET',
  'EDNS',
  'EHOSTUNREACH',
  'EMAXLIMIT',
  'ENETUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'EPROTOCOL',
  'EPROXY',
  'ESOCKET',
  'ETIMEDOUT',
  'ETLS',
])

// Failures that will repeat on every attempt with the same message and configuration.
// EAUTH/ENOAUTH/ECONFIG are configuration errors: retrying cannot fix them, and after the
// configuration is fixed the caller re-queues what failed.
const PERMANENT_CODES = new Set([
  'EAUTH',
  'ECONFIG',
  'EENVELOPE',
  'EFILEACCESS',
  'EMAXRECIPIENTS',
  'EMESSAGE',
  'ENOAUTH',
  'EOAUTH2',
  'EREQUIRETLS',
  'ESTREAM',
  'EURLACCESS',
])

/**
 * Classifies an error from nodemailer (or any SMTP client). The SMTP reply code wins when there
 * is one (RFC 5321 §4.2.1: 4yz is transient, 5yz permanent), then the error code. Anything
 * unrecognised counts as temporary: retries are bounded by `notices.maxAttempts` (plugin/notices), while wrongly giving up
 * would silently lose a legally required notice.
 */
export function classifySmtpError(error: unknown): SmtpFailureClass {
  if (typeof error !== 'object' || error === null) return 'temporary'
  const { code, response, responseCode } = error as {
    code?: unknown
    response?: unknown
    responseCode?: unknown
  }
  const reply =
    typeof responseCode === 'number'
      ? responseCode
      : typeof response === 'string'
        ? Number(/^\s*([2-5]\d\d)\b/.exec(response)?.[1])
        : Number.NaN
  if (reply >= 400 && reply < 500) return 'temporary'
  if (reply >= 500 && reply < 600) return 'permanent'
  if (typeof code === 'string') {
    if (TEMPORARY_CODES.has(code)) return 'temporary'
    if (PERMANENT_CODES.has(code)) return 'permanent'
  }
  return 'temporary'
}

/** Options for `backoffDelay`. */
export type BackoffOptions = {
  /** Delay after the first failed attempt, in ms. */
  baseMs: number
  /**
   * `equal` (default) waits between half and all of the exponential delay; `full` between zero and
   * all of it; `none` exactly the delay. Jitter stops a batch that failed together from
   * retrying together and hammering a recovering server.
   * @default 'equal'
   */
  jitter?: 'equal' | 'full' | 'none'
  /** Upper bound for any delay, in ms. */
  maxMs: number
  /** Source of randomness in [0, 1); pass a constant to make delays deterministic in tests. @default Math.random */
  random?: () => number
}

/** Milliseconds to wait after failed attempt number `attempt` (1 = the first try failed): `baseMs · 2^(attempt−1)`, capped at `maxMs`, with jitter. */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  const { baseMs, jitter = 'equal', maxMs, random = Math.random } = options
  if (!(baseMs >= 0) || !(maxMs >= 0))
    throw new Error('backoffDelay: baseMs and maxMs must be non-negative numbers')
  const n = Number.isFinite(attempt) && attempt >= 1 ? Math.floor(attempt) : 1
  // 2 ** n overflows to Infinity for huge n, which Math.min turns back into maxMs.
  const delay = Math.min(maxMs, baseMs * 2 ** (n - 1))
  const drawn = random()
  const r = Number.isFinite(drawn) ? Math.min(Math.max(drawn, 0), 1) : 0.5
  if (jitter === 'none') return delay
  if (jitter === 'full') return Math.round(delay * r)
  return Math.round(delay / 2 + (delay / 2) * r)
}
