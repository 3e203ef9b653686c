/**
 * Boots the host config in a separate process on the test's database (DATABASE_URI from the
 * environment) and exits: "booted" on stdout, or the startup error on stderr and exit code 1.
 */
import { getPayload } from 'payload'

import config from '../../payload.config.js'

try {
  const payload = await getPayload({ config })
  payload.logger.level = 'warn'
  process.stdout.write('booted\n')
  process.exit(0)
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
}
