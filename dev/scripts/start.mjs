/**
 * `npm run dev`: seeds the demo database (idempotent) and refreshes the admin's import map, then
 * runs the dev app (Payload admin and the demo site) with `next dev dev --webpack`, and prints the
 * demo login and URLs once it is ready. Ctrl-C (or SIGTERM to this process) stops everything.
 *
 * Environment (all optional):
 * - PORT (default 3000)
 * - DATABASE_URI: `file:/path/to.db` for another SQLite file, `mongodb://…` for MongoDB;
 *   default: SQLite at data/policy-docs.db
 * - PAYLOAD_PUBLIC_SERVER_URL (default http://localhost:$PORT)
 * - NEXT_DIST_DIR: Next's build directory inside dev/ (default .next; the browser tests use .next/e2e)
 * - SKIP_SEED=1: start without seeding
 *
 * Every process that loads payload.config.ts gets scripts/preload-lexical.mjs first (Node 20 exits
 * with code 13 otherwise, now and then; see TOOLCHAIN.md, "Node 20 and Lexical").
 */
import { spawn } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { createServer } from 'node:net'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const port = process.env.PORT || '3000'
const serverURL = (process.env.PAYLOAD_PUBLIC_SERVER_URL || `http://localhost:${port}`).replace(
  /\/+$/,
  '',
)
const preload = pathToFileURL(path.join(root, 'scripts/preload-lexical.mjs')).href

const env = {
  ...process.env,
  // The only ways the Next server learns these; payload.config.ts reads both.
  PAYLOAD_PUBLIC_SERVER_URL: serverURL,
  PORT: port,
  // Payload regenerates dev/app/(payload)/admin/importMap.js on boot in dev when it finds it here.
  ROOT_DIR: path.join(root, 'dev'),
  NEXT_TELEMETRY_DISABLED: '1',
  // The seed and import-map children are development processes too (`next dev` sets this itself):
  // without PAYLOAD_SECRET they use the data directory's own random secret.
  NODE_ENV: process.env.NODE_ENV || 'development',
  NODE_OPTIONS: [process.env.NODE_OPTIONS, `--import=${preload}`].filter(Boolean).join(' '),
}

if (!process.env.DATABASE_URI) {
  // The default SQLite file lives in data/ (gitignored); libsql does not create the folder.
  mkdirSync(path.join(root, 'data'), { recursive: true })
}

/** Runs a command to completion with inherited output; rejects on a non-zero exit. */
function run(command, args, childEnv) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env: childEnv, stdio: 'inherit' })
    child.on('error', reject)
    child.on('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(new Error(`${args[args.length - 1] ?? command} exited with ${signal ?? code}`)),
    )
  })
}

// Fail before seeding when the port is taken (usually a dev server that is still running).
await new Promise((resolve) => {
  const probe = createServer()
  probe.once('error', (error) => {
    console.error(
      error.code === 'EADDRINUSE'
        ? `[dev] port ${port} is already in use (another dev server?). Stop it, or run with PORT=<another port>.`
        : `[dev] cannot listen on port ${port}: ${error.message}`,
    )
    process.exit(1)
  })
  probe.listen(Number(port), () => probe.close(resolve))
})

const started = Date.now()
const tsx = (script) =>
  run(
    process.execPath,
    // Like package.json's "seed": tsx takes the lexical preload itself.
    [
      path.join(root, 'node_modules/tsx/dist/cli.mjs'),
      '--import',
      './scripts/preload-lexical.mjs',
      script,
    ],
    { ...env, NODE_OPTIONS: process.env.NODE_OPTIONS ?? '' },
  )
// In parallel: the admin's import map (Payload refreshes it only on a config hot reload, not at
// boot) and the idempotent seed (`npm run seed`, without npm in between).
const preparing = [tsx('dev/scripts/generate-import-map.ts')]
if (process.env.SKIP_SEED !== '1') {
  console.log('[dev] seeding the demo database (safe to repeat)…')
  preparing.push(tsx('scripts/seed.ts'))
}
await Promise.all(preparing)

const banner = () =>
  [
    '',
    '  ┌──────────────────────────────────────────────────────────────────',
    `  │ Payload admin   ${serverURL}/admin`,
    `  │ Demo login      editor@example.com / policy-docs-demo`,
    `  │ Demo site (da)  ${serverURL}/da/privatlivspolitik`,
    `  │ Demo site (en)  ${serverURL}/en/privacy`,
    `  │ Compare         ${serverURL}/da/privatlivspolitik/sammenlign?from=1.1&to=2.0`,
    `  │ Public API      ${serverURL}/api/policies/privacy?locale=da`,
    '  │ The first request to /admin compiles for 20–40 s.',
    '  └──────────────────────────────────────────────────────────────────',
    '',
  ].join('\n')

const next = spawn(
  process.execPath,
  [path.join(root, 'node_modules/next/dist/bin/next'), 'dev', 'dev', '--webpack', '--port', port],
  { cwd: root, env, stdio: ['inherit', 'pipe', 'inherit'] },
)

let announced = false
next.stdout.on('data', (chunk) => {
  process.stdout.write(chunk)
  if (!announced && /Ready in|ready started/i.test(String(chunk))) {
    announced = true
    console.log(banner())
    console.log(
      `[dev] ready ${((Date.now() - started) / 1000).toFixed(1)} s after start (seed included)`,
    )
  }
})

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (next.exitCode === null) {
      next.kill(signal)
    }
  })
}
next.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
