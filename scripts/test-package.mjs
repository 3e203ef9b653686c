/**
 * `npm run test:package`: the adopter test. Installs the packed plugin into a fresh Payload app, the way a
 * Payload developer would, and uses it there:
 *
 * 1. `npm pack` (which builds dist/ through `prepack`);
 * 2. a new app in a temporary folder, in the shape of Payload's blank template (test/package/host: its own
 *    plain-JavaScript payload.config.js, a `users` collection, locales en and de), with the tarball and the
 *    same Payload/Next/React versions this repository tests installed by npm;
 * 3. plain `node` (no TypeScript loader) boots Payload on SQLite from that config, creates and publishes a
 *    policy in en and de, and reads it back through the public API (host/smoke.mjs);
 * 4. `payload generate:importmap`, then `next build` of the host's admin;
 * 5. `next start`: the public API answers through the package's Next route handler (200, then 304), and after
 *    a login the admin's edit page of the policy contains the changes panel.
 *
 * KEEP_ADOPTER_APP=1 keeps the temporary app for a look afterwards.
 */
import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const work = mkdtempSync(path.join(tmpdir(), 'policy-docs-adopter-'))
const app = path.join(work, 'app')
const repoPackage = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'))

const step = (title) => console.log(`\n[test:package] ${title}`)

/** Runs a command to completion; throws with its output on failure. */
function run(command, args, options = {}) {
  const result = spawnSync(command, args, {
    cwd: app,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    ...options,
  })
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} exited with ${result.status ?? result.signal}\n${result.stdout}\n${result.stderr}`,
    )
  }
  return result.stdout
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })

async function waitFor(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url)
      if (response.status < 500) return
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`)
}

let server
try {
  step('npm pack')
  const packed = JSON.parse(
    run('npm', ['pack', '--json', '--pack-destination', work], { cwd: root }).replace(/^[^[]*/, ''),
  )[0]
  const shipped = packed.files.map((file) => file.path)
  const stray = shipped.filter(
    (file) => !/^(dist\/|README\.md$|LICENSE$|CHANGELOG\.md$|package\.json$)/.test(file),
  )
  if (stray.length)
    throw new Error(`the package ships files a user does not need: ${stray.join(', ')}`)
  console.log(`${packed.filename}: ${shipped.length} files, ${packed.size} bytes`)

  step('a fresh Payload app with the tarball')
  cpSync(path.join(root, 'test/package/host'), app, { recursive: true })
  const version = (name) => repoPackage.devDependencies[name] ?? repoPackage.dependencies[name]
  const hostDependencies = [
    'payload',
    '@payloadcms/db-sqlite',
    '@payloadcms/next',
    '@payloadcms/richtext-lexical',
    '@payloadcms/translations',
    '@payloadcms/ui',
    'graphql',
    'next',
    'react',
    'react-dom',
  ]
  // As in the blank template: Next type-checks the app with the app's own TypeScript.
  const hostDevDependencies = ['@types/node', '@types/react', '@types/react-dom', 'typescript']
  writeFileSync(
    path.join(app, 'package.json'),
    JSON.stringify(
      {
        name: 'adopter-app',
        private: true,
        type: 'module',
        dependencies: {
          ...Object.fromEntries(hostDependencies.map((name) => [name, version(name)])),
          'payload-plugin-policy-docs': `file:../${packed.filename}`,
        },
        devDependencies: Object.fromEntries(
          hostDevDependencies.map((name) => [name, version(name)]),
        ),
      },
      null,
      2,
    ),
  )
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'])

  const env = {
    ...process.env,
    DATABASE_URI: `file:${path.join(app, 'adopter.db')}`,
    NEXT_TELEMETRY_DISABLED: '1',
    NODE_OPTIONS: '--import ./preload-lexical.mjs',
    PAYLOAD_CONFIG_PATH: 'src/payload.config.js',
    PAYLOAD_SECRET: randomBytes(32).toString('hex'),
  }

  step('plain node: boot, create, publish and read a policy')
  const smoke = run('node', ['smoke.mjs'], { env: { ...env, NODE_ENV: 'development' } })
  const documentId = /SMOKE_OK (\S+)/.exec(smoke)?.[1]
  if (!documentId) throw new Error(`smoke.mjs did not finish:\n${smoke}`)

  step('payload generate:importmap')
  // --disable-transpile: the host's config is plain JavaScript, so Payload's CLI imports it directly instead of
  // through tsx, whose separate module instances re-evaluate lexical and bring back Node 20's silent exit.
  run('npx', ['payload', 'generate:importmap', '--disable-transpile'], { env })
  const importMap = readFileSync(path.join(app, 'src/app/(payload)/admin/importMap.js'), 'utf8')
  if (!importMap.includes("'payload-plugin-policy-docs/client'"))
    throw new Error('the import map does not import the plugin’s client components')

  step('next build')
  run('npx', ['next', 'build'], { env: { ...env, NODE_ENV: 'production' } })

  step('next start: the admin edit page shows the changes panel')
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  server = spawn('npx', ['next', 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: app,
    detached: true,
    env: { ...env, NODE_ENV: 'production' },
  })
  let logs = ''
  server.stdout.on('data', (chunk) => (logs += chunk))
  server.stderr.on('data', (chunk) => (logs += chunk))
  await waitFor(`${base}/api/users/me`, 120_000)

  // Through the package's Next route handler (payload-plugin-policy-docs/next), then a conditional repeat.
  const statement = await fetch(`${base}/api/policies/privacy?locale=de`)
  if (statement.status !== 200 || !(await statement.text()).includes('Rechnungen'))
    throw new Error(`the public API under Next answered ${statement.status}`)
  const etag = statement.headers.get('etag')
  const again = await fetch(`${base}/api/policies/privacy?locale=de`, {
    headers: { 'if-none-match': etag ?? '' },
  })
  if (!etag || again.status !== 304)
    throw new Error(`a conditional repeat under Next answered ${again.status} (ETag ${etag})`)

  const login = await fetch(`${base}/api/users/login`, {
    body: JSON.stringify({ email: 'adopter@example.com', password: 'adopter-password-1' }),
    headers: { 'content-type': 'application/json' },
    method: 'POST',
  })
  const { token } = await login.json()
  if (!token) throw new Error(`login failed: ${login.status}`)
  const edit = await fetch(`${base}/admin/collections/policy-documents/${documentId}`, {
    headers: { cookie: `payload-token=${token}` },
  })
  const html = await edit.text()
  if (edit.status !== 200 || !html.includes('data-testid="policy-changes"')) {
    throw new Error(
      `the edit page (${edit.status}) has no changes panel\n${html.slice(0, 2000)}\n--- server ---\n${logs.slice(-4000)}`,
    )
  }
  console.log('\n[test:package] 1 passed, 0 failed')
} catch (error) {
  console.error(
    `\n[test:package] failed in ${app}\n`,
    error instanceof Error ? error.message : error,
  )
  console.log('\n[test:package] 0 passed, 1 failed')
  process.exitCode = 1
} finally {
  if (server) {
    try {
      process.kill(-server.pid, 'SIGTERM')
    } catch {
      // Already gone.
    }
  }
  if (!process.env.KEEP_ADOPTER_APP && process.exitCode !== 1)
    rmSync(work, { force: true, recursive: true })
}
