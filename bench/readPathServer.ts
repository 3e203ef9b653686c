/**
 * Child process of the read-path benchmark: boots Payload on a fresh SQLite file, seeds the demo
 * history, then serves
 * - the project's own HTTP entry point (`createPolicyRequestListener`) on one port, and
 * - a bare node:http server that answers with the very same bytes and headers from memory
 *   on another,
 * and prints their ports as one JSON line. The benchmark drives load from the parent process so
 * load generation and serving do not share an event loop.
 */
import { mkdtempSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

process.env.DATABASE_URI = `file:${join(mkdtempSync(join(tmpdir(), 'policy-bench-')), 'bench.db')}`
process.env.PAYLOAD_SECRET ??= 'bench-secret'

const { getPayload } = await import('payload')
const { default: config } = await import('../payload.config.js')
const { createPolicyRequestListener } = await import('../plugin/index.js')
const { seed } = await import('../seed/index.js')

const payload = await getPayload({ config })
payload.logger.level = 'warn'
await seed(payload, { user: false })

const listen = (server: Server) =>
  new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)))

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
const bare = createServer((req, res) => {
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, { 'cache-control': headers['cache-control']!, etag })
    res.end()
    return
  }
  res.writeHead(200, headers)
  res.end(body)
})
const barePort = await listen(bare)

// The same endpoint through Payload's generic router, as the Next.js route serves it.
const { handleEndpoints } = await import('payload')
const routed = createServer((req, res) => {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') {
      headers.set(name, value)
    }
  }
  void handleEndpoints({ config: payload.config, request: new Request(`http://127.0.0.1${req.url}`, { headers }) }).then(async (response) => {
    const out: Record<string, string> = {}
    response.headers.forEach((value, name) => {
      out[name] = value
    })
    res.writeHead(response.status, out)
    res.end(Buffer.from(await response.arrayBuffer()))
  })
})
const routedPort = await listen(routed)

const { docs } = await payload.find({ collection: 'policy-releases', limit: 1, sort: '-major' })
process.stdout.write(
  `${JSON.stringify({ barePort, bodyBytes: body.byteLength, etag, oursPort, releaseId: docs[0]!.id, routedPort })}\n`,
)
process.on('SIGTERM', () => process.exit(0))
