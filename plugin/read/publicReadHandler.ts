import type { Payload } from 'payload'

import { LRUCache } from 'lru-cache'
import { match } from 'path-to-regexp'

import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'
import type { HttpAnswer } from './httpAnswer.js'

import { PUBLIC_CORS_HEADERS, publicPreflightHeaders } from '../http/cors.js'
import { answerWithError, ifNoneMatchHits, notModifiedHeaders, okHeaders } from './httpAnswer.js'
import { getPublicRoutes } from './publicRoutes.js'
import { getReadService } from './readService.js'

/** What the public read API needs from a request, whichever server received it. */
export type PublicReadRequest = {
  ifNoneMatch: null | string | undefined
  method: string
  /** Path and query as sent, e.g. `/api/policies/privacy?locale=da`. */
  url: string
}

/**
 * Answers a request of the public read API, or returns `undefined` when the request is not one
 * (another path or method): the caller then hands it to Payload. The answer is synchronous on a
 * memo hit. For `HEAD` the caller sends the headers of the answer without its body.
 */
export type PublicReadHandler = (
  request: PublicReadRequest,
) => HttpAnswer | Promise<HttpAnswer> | undefined

/** One memoized answer of one URL: both forms prebuilt, so a hit is a tag comparison and a write. */
type Memo = {
  etag: string
  generation: number
  notModified: HttpAnswer
  ok: HttpAnswer
  stableUntil: number
}

const handlers = new WeakMap<Payload, PublicReadHandler>()

/** The public read handler of a Payload instance (one per process and instance, shared by every server kind). */
export function getPublicReadHandler(
  payload: Payload,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
): PublicReadHandler {
  let handler = handlers.get(payload)
  if (!handler) {
    handler = createPublicReadHandler(payload, pluginConfig)
    handlers.set(payload, handler)
  }
  return handler
}

/**
 * The public read API, served the same way by Payload's router, the Next route handler and the
 * standalone node:http server:
 *
 * - Every answer the read service marks stable (`stableUntil`) is memoized per URL with its
 *   headers prebuilt. A repeat request (the usual CDN or browser revalidation) costs one map
 *   lookup, one tag comparison and writing the prebuilt headers: no routing, no parsing, no
 *   database, no allocation of headers. The memo is dropped on any invalidation (a publish in this
 *   process) and expires with the index it came from (other processes' publishes).
 * - Everything else is routed to the read service (path-to-regexp patterns, as Payload's endpoints).
 * - CORS: every answer carries the public CORS headers (unless `cors.public` is off); OPTIONS on a
 *   public path answers the preflight.
 */
export function createPublicReadHandler(
  payload: Payload,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
): PublicReadHandler {
  const prefix = `${pluginConfig.apiRoute}${pluginConfig.publicPath}/`
  // The subscription endpoints live under the same path; `/:key` must never take them.
  const subscriptions = `${prefix}subscriptions`
  const service = getReadService(payload, pluginConfig)
  const cors = pluginConfig.cors.public ? PUBLIC_CORS_HEADERS : {}
  const routes = getPublicRoutes(pluginConfig).map((route) => ({
    ...route,
    match: match<Record<string, string>>(route.path, { decode: safeDecode }),
  }))
  const memo = new LRUCache<string, Memo>({ max: 5000 })

  const remember = (url: string, answer: HttpAnswer, generation: number): void => {
    const { cacheControl, cached, stableUntil } = answer
    if (
      !cached ||
      !cacheControl ||
      !stableUntil ||
      stableUntil <= Date.now() ||
      (answer.status !== 200 && answer.status !== 304)
    ) {
      return
    }
    memo.set(url, {
      etag: cached.etag,
      generation,
      notModified: {
        body: null,
        headers: { ...notModifiedHeaders(cached, cacheControl), ...cors },
        status: 304,
      },
      ok: {
        body: cached.body,
        headers: { ...okHeaders(cached, cacheControl), ...cors },
        status: 200,
      },
      stableUntil,
    })
  }

  return ({ ifNoneMatch, method, url }) => {
    const read = method === 'GET' || method === 'HEAD'
    if (read) {
      const hit = memo.get(url)
      if (hit) {
        if (hit.generation === service.generation && hit.stableUntil > Date.now()) {
          return ifNoneMatch === hit.etag || ifNoneMatchHits(ifNoneMatch, hit.etag)
            ? hit.notModified
            : hit.ok
        }
        memo.delete(url)
      }
    }
    if (!url.startsWith(prefix)) {
      return undefined
    }
    const queryStart = url.indexOf('?')
    const rest = url.slice(prefix.length - 1, queryStart === -1 ? undefined : queryStart)
    if (
      url.startsWith(subscriptions) &&
      (rest === '/subscriptions' || rest.startsWith('/subscriptions/'))
    ) {
      return undefined
    }
    for (const route of routes) {
      const found = route.match(rest)
      if (!found) {
        continue
      }
      if (method === 'OPTIONS') {
        return {
          body: null,
          headers: pluginConfig.cors.public
            ? publicPreflightHeaders()
            : { Allow: 'GET, HEAD, OPTIONS' },
          status: 204,
        }
      }
      if (!read) {
        return undefined
      }
      const generation = service.generation
      return route
        .answer({
          ifNoneMatch: ifNoneMatch ?? null,
          params: found.params,
          search: new URLSearchParams(queryStart === -1 ? '' : url.slice(queryStart + 1)),
          service,
        })
        .then(
          (answer) => {
            remember(url, answer, generation)
            return { ...answer, headers: { ...answer.headers, ...cors } }
          },
          (error: unknown) => {
            payload.logger.error({ err: error, msg: '[policy-documents] public read API failed' })
            const answer = answerWithError(500, 'Internal error.')
            return { ...answer, headers: { ...answer.headers, ...cors } }
          },
        )
    }
    return undefined
  }
}

/** Decodes a path segment; a malformed escape stays as it is (and then fails validation with a 400). */
function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
