/**
 * `payload-plugin-policy-docs/next`: route handlers for the public policy API under Next.js.
 *
 * Under Next every `/api/*` request goes through Payload's catch-all `app/(payload)/api/[...slug]`
 * and its generic router. A more specific route takes the public API off that path:
 *
 *   // app/(payload)/api/policies/[...path]/route.ts
 *   import config from '@payload-config'
 *   import { createPolicyRouteHandlers } from 'payload-plugin-policy-docs/next'
 *
 *   export const { DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT } = createPolicyRouteHandlers(config)
 *
 * GET, HEAD and OPTIONS of the public read routes are answered by the same handler (same cache,
 * same bytes and headers) as Payload's endpoints and `npm run serve`; anything else under the
 * path (subscriptions, the editors' preview, unknown paths) falls back to Payload's REST router,
 * exactly as the catch-all would have handled it. Use the path of `publicPath` (default
 * `/policies`) for the folder.
 */
import type { Payload, SanitizedConfig } from 'payload'

import { getPayload, handleEndpoints } from 'payload'

import type { PublicReadHandler } from '../read/publicReadHandler.js'
import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'

import { toResponse } from '../read/httpAnswer.js'
import { getPublicReadHandler } from '../read/publicReadHandler.js'

type RouteHandler = (request: Request) => Promise<Response>

/** The handlers a Next route module exports. */
export type PolicyRouteHandlers = Record<
  'DELETE' | 'GET' | 'HEAD' | 'OPTIONS' | 'PATCH' | 'POST' | 'PUT',
  RouteHandler
>

/** Path and query of a request URL (`https://host/api/policies/x?y` → `/api/policies/x?y`). */
function pathAndQuery(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2)
  return start === -1 ? '/' : url.slice(start)
}

/** Builds the route handlers for `app/(payload)/api/policies/[...path]/route.ts`. */
export function createPolicyRouteHandlers(
  config: Promise<SanitizedConfig> | SanitizedConfig,
): PolicyRouteHandlers {
  /** Set once Payload is up: from then on a request does not wait for a promise before its answer. */
  let publicRead: PublicReadHandler | undefined
  let ready: Promise<PublicReadHandler> | undefined
  const init = () =>
    (ready ??= getPayload({ config, cron: true })
      .then((payload: Payload) => {
        const pluginConfig = (
          payload.config.custom as { policyDocuments?: SanitizedPolicyDocumentsPluginConfig }
        )?.policyDocuments
        if (!pluginConfig) {
          throw new Error(
            '[policy-documents] createPolicyRouteHandlers: the Payload config does not use policyDocsPlugin.',
          )
        }
        return (publicRead = getPublicReadHandler(payload, pluginConfig))
      })
      .catch((error: unknown) => {
        ready = undefined // try again on the next request (e.g. the database was down at boot)
        throw error
      }))

  /** Payload's REST router, as the catch-all route would call it; a HEAD is answered as its GET without the body. */
  const fallback = async (request: Request): Promise<Response> => {
    const head = request.method === 'HEAD'
    const response = await handleEndpoints({
      config,
      request: head ? new Request(request, { method: 'GET' }) : request,
    })
    return head
      ? new Response(null, { headers: response.headers, status: response.status })
      : response
  }

  const read: RouteHandler = async (request) => {
    const handler = publicRead ?? (await init())
    const pending = handler({
      ifNoneMatch: request.headers.get('if-none-match'),
      method: request.method,
      url: pathAndQuery(request.url),
    })
    if (pending === undefined) {
      return fallback(request)
    }
    const answer = 'then' in pending ? await pending : pending
    return toResponse(answer, request.method === 'HEAD')
  }

  return {
    DELETE: fallback,
    GET: read,
    HEAD: read,
    OPTIONS: read,
    PATCH: fallback,
    POST: fallback,
    PUT: fallback,
  }
}
