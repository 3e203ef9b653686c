/** The message of a Payload-shaped error answer (`{ errors: [{ message }] }`), if there is one. */
function errorMessage(body: unknown): null | string {
  const errors = (body as { errors?: Array<{ message?: unknown }> } | null)?.errors
  const message = Array.isArray(errors) ? errors[0]?.message : undefined
  return typeof message === 'string' ? message : null
}

/** Error of a non-2xx answer; `status` lets callers treat 404 as "nothing yet". */
export class FetchJsonError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message)
    this.name = 'FetchJsonError'
  }
}

/**
 * GETs JSON with the admin's session cookie and no HTTP cache (the public answers carry
 * `max-age`, but the admin must see a release the moment it exists).
 */
export async function fetchJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, {
    cache: 'no-store',
    credentials: 'include',
    headers: { Accept: 'application/json' },
    signal,
  })
  const body: unknown = await response.json().catch(() => null)
  if (!response.ok) {
    throw new FetchJsonError(errorMessage(body) ?? `HTTP ${response.status}`, response.status)
  }
  return body as T
}
