import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { MIN_SECRET_BYTES, resolvePayloadSecret, SECRET_FILE } from '../../scripts/payloadSecret.js'

const dirs: string[] = []
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'payload-secret-'))
  dirs.push(dir)
  return dir
}
afterAll(() => dirs.forEach((dir) => rmSync(dir, { force: true, recursive: true })))

describe('Payload secret of the host config (issue 9, item 3)', () => {
  it.each([['production'], [undefined], ['staging']])(
    'refuses to start without PAYLOAD_SECRET when NODE_ENV=%s, and says how to make one',
    (nodeEnv) => {
      const dataDir = tempDir()
      expect(() => resolvePayloadSecret({ dataDir, env: { NODE_ENV: nodeEnv } })).toThrow(
        /PAYLOAD_SECRET is not set[\s\S]*openssl rand -hex 32[\s\S]*randomBytes\(32\)/,
      )
      expect(() => readFileSync(join(dataDir, SECRET_FILE))).toThrow()
    },
  )

  it('refuses a short secret outside development', () => {
    expect(() =>
      resolvePayloadSecret({
        dataDir: tempDir(),
        env: { NODE_ENV: 'production', PAYLOAD_SECRET: 'dev-only-secret-change-me' },
      }),
    ).toThrow(/at least 32 bytes[\s\S]*openssl rand -hex 32/)
  })

  it('uses a long enough secret as given', () => {
    const secret = 'x'.repeat(MIN_SECRET_BYTES)
    expect(
      resolvePayloadSecret({
        dataDir: tempDir(),
        env: { NODE_ENV: 'production', PAYLOAD_SECRET: secret },
      }),
    ).toBe(secret)
  })

  it.each(['development', 'test'])(
    'in %s makes a random secret per data directory, once, readable only by its owner',
    (nodeEnv) => {
      const first = tempDir()
      const second = tempDir()
      const a = resolvePayloadSecret({ dataDir: first, env: { NODE_ENV: nodeEnv } })
      expect(Buffer.from(a, 'hex').byteLength).toBe(MIN_SECRET_BYTES)
      expect(resolvePayloadSecret({ dataDir: first, env: { NODE_ENV: nodeEnv } })).toBe(a)
      expect(resolvePayloadSecret({ dataDir: second, env: { NODE_ENV: nodeEnv } })).not.toBe(a)
      expect(statSync(join(first, SECRET_FILE)).mode & 0o777).toBe(0o600)
    },
  )

  it('creates the data directory when it does not exist yet (a fresh clone)', () => {
    const dataDir = join(tempDir(), 'data')
    expect(resolvePayloadSecret({ dataDir, env: { NODE_ENV: 'development' } })).toMatch(
      /^[0-9a-f]{64}$/,
    )
  })

  it('has no constant fallback in the host config', () => {
    const source = readFileSync(new URL('../../payload.config.ts', import.meta.url), 'utf8')
    expect(source).not.toMatch(
      /secret:\s*(env\.PAYLOAD_SECRET|process\.env\.PAYLOAD_SECRET)\s*(\?\?|\|\|)\s*['"`]/,
    )
  })
})
