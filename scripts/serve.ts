/**
 * `npm run serve`: a standalone API process on node:http, without Next. Serves the public policy
 * API on its fast path and the rest of Payload's REST API through Payload's router. Useful behind
 * a CDN, and what `npm run bench` measures.
 */
import { createServer } from 'node:http'
import { getPayload } from 'payload'

import config from '../payload.config.js'
import { createPolicyRequestListener } from '../plugin/index.js'

const port = Number(process.env.PORT ?? 3001)
const payload = await getPayload({ config })
const server = createServer(createPolicyRequestListener(payload))
server.listen(port, '127.0.0.1', () => {
  // PORT=0 picks a free port: the line names the real one (tests read it).
  const { port: actual } = server.address() as { port: number }
  payload.logger.info(
    `[serve] policy API on http://127.0.0.1:${actual}/api/policies/privacy?locale=da`,
  )
})
const stop = () => server.close(() => void payload.destroy().then(() => process.exit(0)))
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
