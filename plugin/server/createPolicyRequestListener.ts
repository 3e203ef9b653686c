import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'
import type { Payload } from 'payload'

import { handleEndpoints } from 'payload'

import type { HttpAnswer } from '../read/httpAnswer.js'
import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'

import { setRemoteAddress } from '../http/clientAddress.js'
import { answerWithError } from '../read/httpAnswer.js'
import { getPublicReadHandler } from '../read/publicReadHandler.js'

const MAX_BODY_BYTES = 1024 * 1024

/**
 * A node:http request listener for a standalone API process (for example behind a CDN).
 *
 * The public policy API (GET, HEAD and CORS preflights) takes a fast path straight to the public
 * read handler: no Web Request/Response conversion, no Payload request setup; a repeat request is
 * answered synchronously from prebuilt headers. Everything else (the rest of Payload's REST API,
 * including auth) goes through Payload's own `handleEndpoints`. GraphQL and the admin UI are
 * served by Next, not here.
 */
export function createPolicyRequestListener(payload: Payload): RequestListener {
  const pluginConfig = (
    payload.config.custom as { policyDocuments?: SanitizedPolicyDocumentsPluginConfig }
  )?.policyDocuments
  if (!pluginConfig) {
    throw new Error(
      '[policy-documents] createPolicyRequestListener: the Payload config does not use policyDocsPlugin.',
    )
  }
  const publicRead = getPublicReadHandler(payload, pluginConfig)

  return (req, res) => {
    const method = req.method ?? 'GET'
    const ifNoneMatch = req.headers['if-none-match']
    const answer = publicRead({ ifNoneMatch, method, url: req.url ?? '/' })
    if (answer === undefined) {
      void forwardToPayload(payload, req, res)
    } else if ('then' in answer) {
      answer.then(
        (settled) => send(res, settled, method === 'HEAD'),
        (error: unknown) => {
          payload.logger.error({ err: error, msg: '[policy-documents] read server failed' })
          send(res, answerWithError(500, 'Internal error.'), false)
        },
      )
    } else {
      send(res, answer, method === 'HEAD')
    }
  }
}

function send(res: ServerResponse, answer: HttpAnswer, headOnly: boolean): void {
  res.writeHead(answer.status, answer.headers)
  res.end(headOnly || !answer.body ? undefined : answer.body)
}

/** Request headers as a Web `Headers`, keeping repeated ones (node joins most with ", " already). */
function toHeaders(req: IncomingMessage): Headers {
  const headers = new Headers()
  const raw = req.rawHeaders
  for (let index = 0; index < raw.length; index += 2) {
    headers.append(raw[index]!, raw[index + 1]!)
  }
  return headers
}

/**
 * Response headers for `writeHead`. `Headers.forEach` joins repeated fields with ", ", which
 * breaks `Set-Cookie` (a cookie's own `Expires=Wed, 21 Oct…` contains a comma): those are passed
 * as an array, one header line each.
 */
export function toNodeHeaders(headers: Headers): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {}
  headers.forEach((value, name) => {
    if (name !== 'set-cookie') {
      out[name] = value
    }
  })
  const cookies = headers.getSetCookie()
  if (cookies.length > 0) {
    out['set-cookie'] = cookies
  }
  return out
}

async function forwardToPayload(
  payload: Payload,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
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
    const request = new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, {
      body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
      headers: toHeaders(req),
      // Payload's router matches methods exactly: a HEAD is answered as the GET it stands for, without the body.
      method: req.method === 'HEAD' ? 'GET' : req.method,
    })
    // The TCP peer, for the subscription rate limits (see plugin/http/clientAddress.ts); never a header.
    setRemoteAddress(request, req.socket.remoteAddress)
    const response = await handleEndpoints({ config: payload.config, request })
    res.writeHead(response.status, toNodeHeaders(response.headers))
    res.end(req.method === 'HEAD' ? undefined : Buffer.from(await response.arrayBuffer()))
  } catch (error) {
    payload.logger.error({ err: error, msg: '[policy-documents] forwarding to Payload failed' })
    if (!res.headersSent) {
      send(res, answerWithError(400, 'The request could not be processed.'), false)
    } else {
      res.end()
    }
  }
}
