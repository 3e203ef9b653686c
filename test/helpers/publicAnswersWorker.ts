/**
 * Seeds the database of DATABASE_URI (a fresh one) in its own process and prints the public API's
 * answers as one JSON line after "ANSWERS ". The cross-database test runs one per database.
 */
import { getPayload, handleEndpoints } from 'payload'

import config from '../../payload.config.js'
import { seed } from '../../seed/index.js'
import { collectPublicAnswers } from './publicAnswers.js'

const payload = await getPayload({ config })
payload.logger.level = 'warn'
await seed(payload)
const sanitized = await config
const answers = await collectPublicAnswers((path) =>
  handleEndpoints({ config: sanitized, request: new Request(`http://localhost:3000/api${path}`) }),
)
// Exit only once the whole line is written: stdout to a pipe is asynchronous.
process.stdout.write(`ANSWERS ${JSON.stringify(answers)}\n`, () => process.exit(0))
