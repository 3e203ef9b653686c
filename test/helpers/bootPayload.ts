import type { Payload, SanitizedConfig } from 'payload'

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { getPayload, handleEndpoints } from 'payload'

export type TestPayload = {
  /** Sends a Web Request through Payload's REST router (built-in and custom endpoints). */
  api: (path: string, init?: RequestInit) => Promise<Response>
  config: SanitizedConfig
  destroy: () => Promise<void>
  payload: Payload
}

/**
 * Boots the real host config (payload.config.ts) on a fresh SQLite file in a temporary folder.
 * A file rather than `:memory:` because the config turns transactions on, and a transaction on
 * `:memory:` would open a second, empty database.
 */
export async function bootPayload(env: Record<string, string> = {}): Promise<TestPayload> {
  const dir = mkdtempSync(join(tmpdir(), 'policy-docs-test-'))
  Object.assign(process.env, {
    DATABASE_URI: `file:${join(dir, 'test.db')}`,
    PAYLOAD_SECRET: 'integration-test-secret',
    ...env,
  })
  const { default: configPromise } = await import('../../payload.config.js')
  const config = await configPromise
  const payload = await getPayload({ config })
  const api = (path: string, init?: RequestInit) =>
    handleEndpoints({ config, request: new Request(`http://localhost:3000/api${path}`, init) })
  return {
    api,
    config,
    destroy: async () => {
      await payload.destroy()
      rmSync(dir, { force: true, recursive: true })
    },
    payload,
  }
}
