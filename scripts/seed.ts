/**
 * `npm run seed`: boots Payload from payload.config.ts (SQLite under data/ unless DATABASE_URI
 * says otherwise) and seeds the demo statement and history. Safe to run again.
 */
// The demo seed is a development tool: without PAYLOAD_SECRET it uses the data directory's own
// random secret (see scripts/payloadSecret.ts). Set before the config is loaded.
const env = process.env as Record<string, string | undefined>
env.NODE_ENV ??= 'development'

const { getPayload } = await import('payload')
const { default: config } = await import('../payload.config.js')
const { seed } = await import('../seed/index.js')

const payload = await getPayload({ config })
const result = await seed(payload)
payload.logger.info(
  result.published.length
    ? `[seed] published ${result.published.join(', ')}`
    : '[seed] nothing to do: the demo history is already there',
)
if (result.createdUser) {
  payload.logger.info(
    '[seed] sign in at /admin as editor@example.com / policy-docs-demo (change it!)',
  )
}
await payload.destroy()
process.exit(0)
