import type { PayloadHandler, PayloadRequest } from 'payload'

import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'

import { getTranslator } from '../../src/i18n/index.js'
import { subscriptionCorsHeaders, subscriptionPreflightHeaders } from '../http/cors.js'
import { BadRequest } from '../read/params.js'
import { errorResponse } from './answers.js'
import { isRateLimitRejection } from './rateLimits.js'

/**
 * The error guard and CORS of the subscription endpoints: `guard` wraps a handler so a bad request
 * is a 400, a rate limit a 429 with Retry-After, anything else a logged 503, and adds the CORS
 * headers of `cors.subscriptions`; `preflight` answers `OPTIONS`.
 */
export function createGuard(pluginConfig: SanitizedPolicyDocumentsPluginConfig) {
  // `cors.subscriptions`: allowed origins get their CORS headers, every answer says it varies by Origin.
  const allowedOrigins = { origins: pluginConfig.cors.subscriptions }
  const withCors = (req: PayloadRequest, response: Response): Response => {
    for (const [name, value] of Object.entries(
      subscriptionCorsHeaders(req.headers.get('origin'), allowedOrigins),
    )) {
      if (name === 'Vary') response.headers.append(name, value)
      else response.headers.set(name, value)
    }
    return response
  }
  /** `OPTIONS` on a subscription path: the CORS preflight, allowed only for `cors.subscriptions` origins. */
  const preflight: PayloadHandler = (req) =>
    Promise.resolve(
      new Response(null, {
        headers: subscriptionPreflightHeaders(req.headers.get('origin'), allowedOrigins),
        status: 204,
      }),
    )

  const guarded = async (handler: PayloadHandler, req: PayloadRequest): Promise<Response> => {
    try {
      return await handler(req)
    } catch (error) {
      if (error instanceof BadRequest) {
        return errorResponse(error.status, error.message)
      }
      if (isRateLimitRejection(error)) {
        const response = errorResponse(
          429,
          getTranslator(pluginConfig.defaultLocale)('subscription.rateLimited'),
        )
        response.headers.set('Retry-After', String(Math.ceil(error.msBeforeNext / 1000)))
        return response
      }
      req.payload.logger.error({
        err: error,
        msg: '[policy-documents] subscription endpoint failed',
      })
      return errorResponse(
        503,
        'The subscription service is unavailable right now. Try again shortly.',
      )
    }
  }

  const guard =
    (handler: PayloadHandler): PayloadHandler =>
    async (req) =>
      withCors(req, await guarded(handler, req))

  return { guard, preflight }
}
