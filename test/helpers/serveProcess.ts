/**
 * Starts `npm run serve` (scripts/serve.ts with the lexical preload, exactly as package.json runs
 * it) as a child process on a free port, against the database named by `env.DATABASE_URI`.
 *
 *   const server = await startServeProcess({ DATABASE_URI: … })
 *   await fetch(`${server.url}/api/policies/privacy`)
 *   server.alive()  // false once the process has exited
 *   await server.stop()
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'

export type ServeProcess = {
  /** Whether the process is still running. */
  alive: () => boolean
  /** Everything it printed so far. */
  output: () => string
  port: number
  stop: () => Promise<void>
  /** `http://127.0.0.1:<port>` */
  url: string
}

export async function startServeProcess(
  env: Record<string, string | undefined> = {},
): Promise<ServeProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--import', './scripts/preload-lexical.mjs', 'scripts/serve.ts'],
    {
      env: {
        ...process.env,
        // The schema belongs to whoever created the database; this process only reads and writes rows.
        DB_PUSH: 'false',
        JOBS_AUTORUN: 'false',
        NODE_ENV: 'production',
        NODE_OPTIONS: '',
        PAYLOAD_SECRET: randomBytes(32).toString('hex'),
        // The same public URL as the test's own Payload (the config derives it from PORT otherwise), so links match.
        PAYLOAD_PUBLIC_SERVER_URL:
          process.env.PAYLOAD_PUBLIC_SERVER_URL ?? `http://localhost:${process.env.PORT ?? 3000}`,
        PORT: '0',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`npm run serve did not start:\n${output}`)),
      90_000,
    )
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const found = /policy API on http:\/\/127\.0\.0\.1:(\d+)\//.exec(output)
      if (found) {
        clearTimeout(timer)
        resolve(Number(found[1]))
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`npm run serve exited with ${code}:\n${output}`))
    })
  })
  return {
    alive: () => child.exitCode === null && child.signalCode === null,
    output: () => output,
    port,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM')
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
        await exited
        clearTimeout(timer)
      }
    },
    url: `http://127.0.0.1:${port}`,
  }
}
