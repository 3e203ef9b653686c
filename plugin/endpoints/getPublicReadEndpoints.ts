import type { Endpoint, PayloadRequest } from 'payload'

import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'

import { toResponse } from '../read/httpAnswer.js'
import { getPublicRoutes } from '../read/publicRoutes.js'
import { getReadService } from '../read/readService.js'

const searchParamsOf = (req: PayloadRequest): URLSearchParams =>
  req.searchParams ?? new URL(req.url ?? 'http://localhost').searchParams

/** The anonymous, read-only public API as Payload root endpoints under `publicPath`. */
export function getPublicReadEndpoints(pluginConfig: SanitizedPolicyDocumentsPluginConfig): Endpoint[] {
  return getPublicRoutes(pluginConfig).map((route) => ({
    handler: async (req: PayloadRequest) =>
      toResponse(
        await route.answer({
          ifNoneMatch: req.headers.get('if-none-match'),
          params: (req.routeParams ?? {}) as Record<string, string | undefined>,
          search: searchParamsOf(req),
          service: getReadService(req.payload, pluginConfig),
        }),
      ),
    method: 'get',
    path: `${pluginConfig.publicPath}${route.path}`,
  }))
}
