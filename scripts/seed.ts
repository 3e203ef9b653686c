/**
 * `npm run seed`: boots Payload from payload.config.ts (SQLite under data/ unless DATABASE_URI
 * says otherwise) and seeds the demo statement and history. Safe to run again.
 */
import { getPayload } from 'payload'

import config from '../payload.config.js'
import { seed } from '../seed/index.js'

const payload = await getPayload({ config })
const result = await seed(payload)
payload.logger.info(
  result.published.length
    ? `[seed] published ${result.published.join(', ')}`
    : '[seed] nothing to do: the demo history is already there',
)
if (result.createdUser) {
  payload.logger.info('[seed] sign in at /admin as editor@example.com / policy-docs-demo (change it!)')
}
await payload.destroy()
process.exit(0)
