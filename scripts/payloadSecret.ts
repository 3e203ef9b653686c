/**
 * Payload's `secret` for the host config (payload.config.ts). It signs admin sessions and,
 * derived through HKDF, every subscriber link, so it must never be a value anyone can look up.
 *
 * - `PAYLOAD_SECRET` set: used as given; outside development it must be at least 32 bytes.
 * - Unset in development or test (`NODE_ENV` is `development` or `test`): a random secret per
 *   data directory, made once and kept in `<dataDir>/.payload-secret` (mode 0600, gitignored
 *   with the rest of data/), so sessions and links survive restarts of the dev server.
 * - Unset anywhere else (production, or `NODE_ENV` unset): refuse to start, and say how to make one.
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/** Smallest secret accepted outside development: 256 bits. */
export const MIN_SECRET_BYTES = 32
/** File name of the generated development secret inside the data directory. */
export const SECRET_FILE = '.payload-secret'

const HOW_TO = [
  'Make one with either of:',
  '  openssl rand -hex 32',
  `  node -e "console.log(require('node:crypto').randomBytes(32).toString('hex'))"`,
  'and set it as PAYLOAD_SECRET in the environment (keep it out of version control).',
].join('\n')

/** Whether `NODE_ENV` names a development or test process (anything else counts as production). */
export function isDevelopment(nodeEnv: string | undefined): boolean {
  return nodeEnv === 'development' || nodeEnv === 'test'
}

/**
 * Returns the secret to put in the config, or throws (production without a usable secret).
 * `dataDir` is the folder of the SQLite file (or `data/` for other databases).
 */
export function resolvePayloadSecret({
  dataDir,
  env,
}: {
  dataDir: string
  env: Record<string, string | undefined>
}): string {
  const given = env.PAYLOAD_SECRET
  const development = isDevelopment(env.NODE_ENV)
  if (given !== undefined && given !== '') {
    if (!development && Buffer.byteLength(given) < MIN_SECRET_BYTES) {
      throw new Error(
        `PAYLOAD_SECRET is ${Buffer.byteLength(given)} bytes; outside development it must be at least ${MIN_SECRET_BYTES} bytes of random data.\n${HOW_TO}`,
      )
    }
    return given
  }
  if (!development) {
    throw new Error(
      `PAYLOAD_SECRET is not set. Outside development (NODE_ENV=${env.NODE_ENV ?? '(unset)'}) the server refuses to start without a secret of at least ${MIN_SECRET_BYTES} bytes: it signs sessions and subscribers' links.\n${HOW_TO}\n(In development, NODE_ENV=development makes and keeps a random one in the data directory.)`,
    )
  }
  return developmentSecret(dataDir)
}

/** Reads the data directory's secret, making it first if it does not exist yet. */
function developmentSecret(dataDir: string): string {
  const file = path.join(dataDir, SECRET_FILE)
  try {
    return readFileSync(file, 'utf8').trim()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw error
    }
  }
  mkdirSync(dataDir, { recursive: true })
  try {
    // `wx`: when two processes start at once, the second one reads the first one's secret.
    writeFileSync(file, `${randomBytes(MIN_SECRET_BYTES).toString('hex')}\n`, {
      flag: 'wx',
      mode: 0o600,
    })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw error
    }
  }
  return readFileSync(file, 'utf8').trim()
}
