/**
 * Child process of the read-path benchmark: boots Payload on a fresh SQLite file, seeds the demo
 * history, then serves
 * - the project's own HTTP entry point (`createPolicyRequestListener`, as `npm run serve`) on one port,
 * - a bare node:http server that answers with the very same bytes and headers from memory,
 * - the plugin's Next route handler (`payload-plugin-policy-docs/next`) invoked with a Web
 *   Request, the way Next's app router calls a route handler,
 * - Payload's generic router (`handleEndpoints`), as Payload's catch-all route serves the endpoint
 *   under Next without the plugin's route,
 * and prints their ports as one JSON line. The benchmark drives load from the parent process so
 * load generation and serving do not share an event loop.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

process.env.DATABASE_URI = `file:${join(mkdtempSync(join(tmpdir(), 'policy-bench-')), 'bench.db')}`
process.env.PAYLOAD_SECRET ??= randomBytes(32).toString('hex')

const { getPayload, handleEndpoints } = await import('payload')
const { default: config } = await import('../payload.config.js')
const { createPolicyRequestListener } = await import('../plugin/index.js')
const { createPolicyRouteHandlers } = await import('../plugin/exports/next.js')
const { seed } = await import('../seed/index.js')

const payload = await getPayload({ config })
payload.logger.level = 'warn'
await seed(payload, { user: false })

const listen = (server: Server) =>
  new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  )

const ours = createServer(createPolicyRequestListener(payload))
const oursPort = await listen(ours)

// Capture exactly what our endpoint sends, then serve those bytes from memory.
const sample = await fetch(`http://127.0.0.1:${oursPort}/api/policies/privacy?locale=da`)
const body = Buffer.from(await sample.arrayBuffer())
const headers: Record<string, string> = {}
sample.headers.forEach((value, name) => {
  if (!['connection', 'date', 'keep-alive', 'transfer-encoding'].includes(name)) {
    headers[name] = value
  }
})
const etag = headers.etag!
const notModified: Record<string, string> = {}
for (const name of [
  'access-control-allow-origin',
  'access-control-expose-headers',
  'cache-control',
  'cross-origin-resource-policy',
  'etag',
  'x-content-type-options',
]) {
  if (headers[name]) notModified[name] = headers[name]
}
const bare = createServer((req, res) => {
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, notModified)
    res.end()
    return
  }
  res.writeHead(200, headers)
  res.end(body)
})
const barePort = await listen(bare)

/** A node:http server that hands each request to a Web `(Request) => Response` handler, as Next does. */
function webServer(handle: (request: Request) => Promise<Response>): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const requestHeaders = new Headers()
    for (let index = 0; index < req.rawHeaders.length; index += 2) {
      requestHeaders.append(req.rawHeaders[index]!, req.rawHeaders[index + 1]!)
    }
    void handle(
      new Request(`http://127.0.0.1${req.url}`, { headers: requestHeaders, method: req.method }),
    ).then(async (response) => {
      const out: Record<string, string> = {}
      response.headers.forEach((value, name) => {
        out[name] = value
      })
      res.writeHead(response.status, out)
      // Streamed to the socket, as Next's app router pipes a route handler's Response body.
      if (response.body) {
        const reader = response.body.getReader()
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
          res.write(chunk.value)
        }
      }
      res.end()
    })
  })
}

// The floor of any route handler: the same bytes from memory through the same Web Request/Response
// conversion, with no plugin code at all (what Next's app router costs by itself).
const floorPort = await listen(
  webServer(async (request) =>
    request.headers.get('if-none-match') === etag
      ? new Response(null, { headers: notModified, status: 304 })
      : new Response(
          new ReadableStream({
            start: (controller) => (controller.enqueue(body), controller.close()),
          }),
          { headers },
        ),
  ),
)

const routeHandlers = createPolicyRouteHandlers(config)
const nextPort = await listen(webServer((request) => routeHandlers.GET(request)))
const routedPort = await listen(
  webServer((request) => handleEndpoints({ config: payload.config, request })),
)

// Payload's generic REST read of the same release needs a signed-in user (the ledger is not anonymous there).
await payload.create({
  collection: 'users',
  data: { email: 'bench@example.com', password: 'bench-password' },
})
const { token } = await payload.login({
  collection: 'users',
  data: { email: 'bench@example.com', password: 'bench-password' },
})
const { docs } = await payload.find({ collection: 'policy-releases', limit: 1, sort: '-major' })
process.stdout.write(
  `${JSON.stringify({ barePort, bodyBytes: body.byteLength, etag, floorPort, nextPort, oursPort, releaseId: docs[0]!.id, routedPort, token })}\n`,
)
process.on('SIGTERM', () => process.exit(0))
