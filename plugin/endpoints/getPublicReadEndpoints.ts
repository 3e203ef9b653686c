import type { Endpoint, PayloadRequest } from 'payload'

import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'

import { toResponse } from '../read/httpAnswer.js'
import { getReadService } from '../read/readService.js'

const searchParamsOf = (req: PayloadRequest): URLSearchParams =>
  req.searchParams ?? new URL(req.url ?? 'http://localhost').searchParams

/**
 * The anonymous, read-only public API: the statement in force (now or `?at=`), the archive and
 * one release. Served from the in-memory read service; see `PolicyReadService`.
 */
export function getPublicReadEndpoints(pluginConfig: SanitizedPolicyDocumentsPluginConfig): Endpoint[] {
  const base = pluginConfig.publicPath
  return [
    {
      handler: async (req) =>
        toResponse(
          await getReadService(req.payload, pluginConfig).current(
            req.routeParams?.key,
            searchParamsOf(req),
            req.headers.get('if-none-match'),
          ),
        ),
      method: 'get',
      path: `${base}/:key`,
    },
    {
      handler: async (req) =>
        toResponse(
          await getReadService(req.payload, pluginConfig).archive(
            req.routeParams?.key,
            searchParamsOf(req),
            req.headers.get('if-none-match'),
          ),
        ),
      method: 'get',
      path: `${base}/:key/releases`,
    },
    {
      handler: async (req) =>
        toResponse(
          await getReadService(req.payload, pluginConfig).release(
            req.routeParams?.key,
            req.routeParams?.version,
            searchParamsOf(req),
            req.headers.get('if-none-match'),
          ),
        ),
      method: 'get',
      path: `${base}/:key/releases/:version`,
    },
  ]
}
