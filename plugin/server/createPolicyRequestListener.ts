import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'
import type { Payload } from 'payload'

import { match } from 'path-to-regexp'
import { handleEndpoints } from 'payload'

import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'
import type { HttpAnswer } from '../read/httpAnswer.js'

import { setRemoteAddress } from '../http/clientAddress.js'
import { answerWithError } from '../read/httpAnswer.js'
import { getPublicRoutes } from '../read/publicRoutes.js'
import { getReadService } from '../read/readService.js'

const MAX_BODY_BYTES = 1024 * 1024

/**
 * A node:http request listener for a standalone API process (for example behind a CDN).
 *
 * Anonymous GETs of the public policy API take a fast path straight to the read service: no
 * Web Request/Response conversion, no Payload request setup, and on a cache hit no database.
 * Everything else (the rest of Payload's REST API, including auth) goes through Payload's own
 * `handleEndpoints`. GraphQL and the admin UI are served by Next, not here.
 */
export function createPolicyRequestListener(payload: Payload): RequestListener {
  const pluginConfig = (payload.config.custom as { policyDocuments?: SanitizedPolicyDocumentsPluginConfig })?.policyDocuments
  if (!pluginConfig) {
    throw new Error('[policy-documents] createPolicyRequestListener: the Payload config does not use policyDocsPlugin.')
  }
  const prefix = `${pluginConfig.apiRoute}${pluginConfig.publicPath}`
  const service = getReadService(payload, pluginConfig)
  const routes = getPublicRoutes(pluginConfig).map((route) => ({
    ...route,
    match: match<Record<string, string>>(route.path, { decode: safeDecode }),
  }))

  return (req, res) => {
    const url = req.url ?? '/'
    const queryStart = url.indexOf('?')
    const pathname = queryStart === -1 ? url : url.slice(0, queryStart)
    if ((req.method === 'GET' || req.method === 'HEAD') && pathname.startsWith(`${prefix}/`)) {
      const rest = pathname.slice(prefix.length)
      for (const route of routes) {
        const found = route.match(rest)
        if (found) {
          const ifNoneMatch = req.headers['if-none-match']
          route
            .answer({
              ifNoneMatch: Array.isArray(ifNoneMatch) ? ifNoneMatch.join(',') : (ifNoneMatch ?? null),
              params: found.params,
              search: new URLSearchParams(queryStart === -1 ? '' : url.slice(queryStart + 1)),
              service,
            })
            .then((answer) => send(res, answer, req.method === 'HEAD'))
            .catch((error: unknown) => {
              payload.logger.error({ err: error, msg: '[policy-documents] read server failed' })
              send(res, answerWithError(500, 'Internal error.'), false)
            })
          return
        }
      }
    }
    void forwardToPayload(payload, req, res)
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

function send(res: ServerResponse, answer: HttpAnswer, headOnly: boolean): void {
  res.writeHead(answer.status, answer.headers)
  res.end(headOnly || !answer.body ? undefined : answer.body)
}

async function forwardToPayload(payload: Payload, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const chunks: Buffer[] = []
    let size = 0
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      for await (const chunk of req) {
        size += (chunk as Buffer).length
        if (size > MAX_BODY_BYTES) {
          send(res, answerWithError(413, 'Request body too large.'), false)
          return
        }
        chunks.push(chunk as Buffer)
      }
    }
    const headers = new Headers()
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) {
        headers.set(name, Array.isArray(value) ? value.join(', ') : value)
      }
    }
    const request = new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, {
      body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
      headers,
      method: req.method,
    })
    // The TCP peer, for the subscription rate limits (see plugin/http/clientAddress.ts); never a header.
    setRemoteAddress(request, req.socket.remoteAddress)
    const response = await handleEndpoints({ config: payload.config, request })
    const outHeaders: Record<string, string> = {}
    response.headers.forEach((value, name) => {
      outHeaders[name] = value
    })
    res.writeHead(response.status, outHeaders)
    res.end(Buffer.from(await response.arrayBuffer()))
  } catch (error) {
    payload.logger.error({ err: error, msg: '[policy-documents] forwarding to Payload failed' })
    if (!res.headersSent) {
      send(res, answerWithError(400, 'The request could not be processed.'), false)
    } else {
      res.end()
    }
  }
}
