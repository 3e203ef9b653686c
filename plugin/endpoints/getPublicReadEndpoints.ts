import type { Endpoint, PayloadRequest } from 'payload'

import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'

import { toResponse } from '../read/httpAnswer.js'
import { getPublicReadHandler } from '../read/publicReadHandler.js'
import { getPublicRoutes } from '../read/publicRoutes.js'

/** Path and query of a request, as the public read handler takes them. */
function pathAndQuery(url: string | undefined): string {
  const href = url ?? '/'
  const start = href.indexOf('/', href.indexOf('//') + 2)
  return start === -1 ? '/' : href.slice(start)
}

/**
 * The anonymous, read-only public API as Payload root endpoints under `publicPath`, for GET, HEAD
 * and OPTIONS (Payload's router matches methods exactly, so HEAD and the CORS preflight need their
 * own entries). All of them go through the one public read handler, so the bytes, headers and
 * cache are the same as on the Next route handler and the standalone server.
 */
export function getPublicReadEndpoints(
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
): Endpoint[] {
  const handler = async (req: PayloadRequest): Promise<Response> => {
    const method = (req.method ?? 'GET').toUpperCase()
    const answer = await getPublicReadHandler(
      req.payload,
      pluginConfig,
    )({
      ifNoneMatch: req.headers.get('if-none-match'),
      method,
      url: pathAndQuery(req.url),
    })
    if (!answer) {
      return Response.json({ errors: [{ message: 'Not found.' }] }, { status: 404 })
    }
    return toResponse(answer, method === 'HEAD')
  }
  return getPublicRoutes(pluginConfig).flatMap((route) =>
    (['get', 'head', 'options'] as const).map((method) => ({
      handler,
      method,
      path: `${pluginConfig.publicPath}${route.path}`,
    })),
  )
}
