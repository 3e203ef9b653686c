import type { PayloadRequest } from 'payload'

import { ADDRESS_PROBLEMS, parseEmailAddress } from '../../src/subscriptions/address.js'
import { PAGE_STYLE } from '../../src/subscriptions/renderPage.js'
import { htmlSecurityHeaders, NOSNIFF_HEADERS } from '../http/securityHeaders.js'
import { answerWithError, toResponse } from '../read/httpAnswer.js'
import { BadRequest } from '../read/params.js'

/** The answers of the subscription endpoints (HTML page, JSON, JSON error) and what they read from a request. */

const PAGE_HEADERS = {
  'Cache-Control': 'no-store',
  'Content-Type': 'text/html; charset=utf-8',
  ...htmlSecurityHeaders({ inlineStyles: [PAGE_STYLE] }),
}
const JSON_HEADERS = {
  'Cache-Control': 'no-store',
  'Content-Type': 'application/json; charset=utf-8',
  ...NOSNIFF_HEADERS,
}

/** An HTML page answer with the page security headers. */
export const html = (body: string, status = 200) =>
  new Response(body, { headers: PAGE_HEADERS, status })

/** A JSON answer, never cached, never sniffed. */
export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { headers: JSON_HEADERS, status })

/** A JSON error in Payload's shape, with nosniff. */
export const errorResponse = (status: number, message: string) => {
  const response = toResponse(answerWithError(status, message))
  for (const [name, value] of Object.entries(NOSNIFF_HEADERS)) {
    response.headers.set(name, value)
  }
  return response
}

export const wantsJson = (req: PayloadRequest) =>
  req.searchParams?.get('format') === 'json' ||
  (req.headers.get('accept') ?? '').includes('application/json')

/** The validated, normalized address from a request body; a clear 400 otherwise. */
export function emailFrom(values: Record<string, unknown>): { address: string; mailbox: string } {
  const parsed = parseEmailAddress(values.email)
  if (!parsed.ok) {
    throw new BadRequest(ADDRESS_PROBLEMS[parsed.problem])
  }
  return parsed
}
