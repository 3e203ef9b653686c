import { type ChildProcess, spawn } from 'node:child_process'

export type NoticeWorker = {
  child: ChildProcess
  /** Its exit code (null when killed by a signal). */
  exited: Promise<null | number>
  /** Lets a worker started with `on-go` begin its run. */
  go: () => void
  /** Settles once a worker started with `on-go` has booted Payload and waits for `go()`. */
  ready: Promise<void>
}

/**
 * Starts test/helpers/noticeWorker.ts in its own process on the test's database and SMTP sink:
 * `['jobs']`, `['notice', id]`, or `['notice', id, 'on-go']` to line several runners up so that all
 * really work at once, however long each took to boot (await every `ready`, then call every `go`).
 */
export function startNoticeWorker(env: Record<string, string>, args: string[]): NoticeWorker {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--import',
      './scripts/preload-lexical.mjs',
      'test/helpers/noticeWorker.ts',
      ...args,
    ],
    {
      env: { ...process.env, ...env, DB_PUSH: 'false', NODE_OPTIONS: '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  )
  const output: string[] = []
  let markReady: () => void = () => undefined
  const ready = new Promise<void>((resolve) => (markReady = resolve))
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()))
  child.stdout!.on('data', (chunk: Buffer) => {
    output.push(chunk.toString())
    if (output.join('').includes('worker ready\n')) markReady()
  })
  child.stdin!.on('error', () => undefined) // a killed worker's closed pipe
  const exited = new Promise<null | number>((resolve) =>
    child.on('exit', (code) => {
      if (code !== 0 && code !== null) {
        console.error(`worker exited with ${code}:\n${output.join('').slice(-3000)}`)
      }
      resolve(code)
    }),
  )
  return { child, exited, go: () => void child.stdin!.write('go\n'), ready }
}
