import type { PayloadRequest } from 'payload'

import { BadRequest } from './params.js'

/** Largest request body the public endpoints accept. */
export const MAX_PUBLIC_BODY_BYTES = 16 * 1024

/**
 * Reads a small JSON or form-encoded body (HTML forms and RFC 8058 one-click POSTs are
 * form-encoded). Refuses other types with 415, oversized bodies with 413 and bad JSON with 400,
 * before anything is stored.
 */
export async function readBody(
  req: PayloadRequest,
): Promise<{ form: boolean; values: Record<string, unknown> }> {
  const contentType = (req.headers.get('content-type') ?? '').split(';', 1)[0]!.trim().toLowerCase()
  const declared = Number(req.headers.get('content-length') ?? '0')
  if (declared > MAX_PUBLIC_BODY_BYTES) {
    throw new BadRequest(`The request body is larger than ${MAX_PUBLIC_BODY_BYTES} bytes.`, 413)
  }
  const text = typeof req.text === 'function' ? await req.text() : ''
  if (Buffer.byteLength(text) > MAX_PUBLIC_BODY_BYTES) {
    throw new BadRequest(`The request body is larger than ${MAX_PUBLIC_BODY_BYTES} bytes.`, 413)
  }
  if (text.trim() === '') {
    return { form: contentType !== 'application/json', values: {} }
  }
  if (contentType === 'application/json') {
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      throw new BadRequest('The request body is not valid JSON.')
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new BadRequest('The request body must be a JSON object.')
    }
    return { form: false, values: parsed as Record<string, unknown> }
  }
  if (contentType === 'application/x-www-form-urlencoded' || contentType === '') {
    const values: Record<string, unknown> = {}
    for (const [name, value] of new URLSearchParams(text)) {
      const existing = values[name]
      values[name] =
        existing === undefined
          ? value
          : [...(Array.isArray(existing) ? existing : [existing]), value]
    }
    return { form: true, values }
  }
  throw new BadRequest(
    'Send the body as application/json or application/x-www-form-urlencoded.',
    415,
  )
}
