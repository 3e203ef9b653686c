/**
 * Change-notice benchmark: fan-out of 10,000 and 100,000 recipients (time and memory) against the
 * database's own floor (the same rows inserted from memory), publish latency with 100,000
 * recipients, and the end-to-end send rate of one and two notice workers against a raw nodemailer
 * pooled transport with the same connection count, to the same counting SMTP sink, with the same
 * message size, in the same run. Every measurement runs in its own process (bench/noticesWorker.ts).
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SMTPServer } from 'smtp-server'

import type { BenchRow } from './types.js'

const SEND_COUNT = Number(process.env.BENCH_NOTICE_SEND ?? 10_000)
const PLAN_COUNTS = (process.env.BENCH_NOTICE_PLAN ?? '10000,100000').split(',').map(Number)
const CONNECTIONS = 5

/** A sink that only counts: it drains each message without parsing, so it is never the bottleneck. */
async function startCountingSink(): Promise<{
  bytes: () => number
  count: () => number
  port: number
  stop: () => Promise<void>
}> {
  let count = 0
  let bytes = 0
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData: (stream, _session, callback) => {
      stream.on('data', (chunk: Buffer) => (bytes += chunk.length))
      stream.on('end', () => {
        count += 1
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const port = (server.server.address() as { port: number }).port
  return {
    bytes: () => bytes,
    count: () => count,
    port,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

/** Runs one worker process and returns the JSON it prints last. */
function worker<T>(args: string[], env: Record<string, string>): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--expose-gc',
        '--import',
        'tsx',
        '--import',
        './scripts/preload-lexical.mjs',
        'bench/noticesWorker.ts',
        ...args,
      ],
      {
        env: { ...process.env, JOBS_AUTORUN: 'false', NODE_OPTIONS: '', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let stdout = ''
    let stderr = ''
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('exit', (code) => {
      const last = stdout
        .trim()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .at(-1)
      if (code !== 0 || !last) {
        reject(
          new Error(`bench worker ${args.join(' ')} exited with ${code}:\n${stderr.slice(-3000)}`),
        )
      } else {
        resolve(JSON.parse(last) as T)
      }
    })
  })
}

function databaseEnv(dir: string, name: string, smtpPort: number): Record<string, string> {
  return {
    DATABASE_URI: `file:${join(dir, `${name}.db`)}`,
    NOTICE_SMTP_CONNECTIONS: String(CONNECTIONS),
    PAYLOAD_SECRET: 'notices-benchmark-secret-0123456789abcdef0123456789abcdef',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtpPort),
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`
const rate = (count: number, ms: number) =>
  `${Math.round((count / ms) * 1000).toLocaleString('en-US')} msg/s`

/** Runs the notices benchmark and returns its rows. */
export async function runNoticesBench(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'policy-notices-bench-'))
  const sink = await startCountingSink()
  const rows: BenchRow[] = []
  try {
    // Fan-out and publish latency.
    for (const count of PLAN_COUNTS) {
      const env = databaseEnv(dir, `plan${count}`, sink.port)
      const { noticeId, publishMs } = await worker<{ noticeId: number; publishMs: number }>(
        ['setup', String(count)],
        env,
      )
      const plan = await worker<{
        maxRssMb: number
        ms: number
        planned: number
        rssGrowthMb: number
      }>(['plan', String(noticeId)], { ...env, DB_PUSH: 'false' })
      const floor = await worker<{ ms: number }>(['plan-floor', String(count)], {
        ...env,
        DB_PUSH: 'false',
      })
      if (plan.planned !== count) {
        throw new Error(`planned ${plan.planned} deliveries for ${count} subscribers`)
      }
      const perHundredThousand = (plan.rssGrowthMb * 100_000) / count
      const timeGoal = (15_000 * count) / 100_000
      rows.push({
        goal: `≤ ${seconds(timeGoal)}, RSS growth ≤ 50 MB per 100k`,
        name: `fan-out of ${count.toLocaleString('en-US')} recipients vs inserting the same rows from memory`,
        note: `RSS growth ${plan.rssGrowthMb.toFixed(0)} MB (peak ${plan.maxRssMb.toFixed(0)} MB)`,
        ours: seconds(plan.ms),
        pass: plan.ms <= timeGoal && perHundredThousand <= 50,
        peer: seconds(floor.ms),
        ratio: plan.ms / floor.ms,
      })
      if (count === Math.max(...PLAN_COUNTS)) {
        rows.push({
          goal: '< 1 s',
          name: `publish click with ${count.toLocaleString('en-US')} subscribers (fan-out runs in the job)`,
          ours: seconds(publishMs),
          pass: publishMs < 1000,
          peer: '-',
          ratio: publishMs / 1000,
        })
      }
    }

    // Send rate: one worker, the raw pool, two workers; the same sink for all.
    const one = databaseEnv(dir, 'send1', sink.port)
    const { noticeId: oneNotice } = await worker<{ noticeId: number }>(
      ['setup', String(SEND_COUNT)],
      one,
    )
    const twoEnv = databaseEnv(dir, 'send2', sink.port)
    const { noticeId: twoNotice } = await worker<{ noticeId: number }>(
      ['setup', String(SEND_COUNT)],
      twoEnv,
    )
    // Plan outside the timed send, so the rates compare sending alone.
    await worker(['plan', String(oneNotice)], { ...one, DB_PUSH: 'false' })
    await worker(['plan', String(twoNotice)], { ...twoEnv, DB_PUSH: 'false' })

    const countBefore = sink.count()
    const bytesBefore = sink.bytes()
    const ours = await worker<{ maxRssMb: number; ms: number }>(['send', String(oneNotice), '0'], {
      ...one,
      DB_PUSH: 'false',
    })
    const oursSent = sink.count() - countBefore
    const messageBytes = (sink.bytes() - bytesBefore) / Math.max(1, oursSent)
    const rawBefore = sink.count()
    const rawBytesBefore = sink.bytes()
    const raw = await worker<{ maxRssMb: number; ms: number }>(
      ['raw', String(SEND_COUNT), String(sink.port), String(CONNECTIONS)],
      {
        BENCH_MESSAGE_BYTES: String(Math.max(200, Math.round(messageBytes - 450))),
      },
    )
    const rawSent = sink.count() - rawBefore
    const rawBytes = (sink.bytes() - rawBytesBefore) / Math.max(1, rawSent)
    const startAt = String(Date.now() + 15_000)
    const twoBefore = sink.count()
    const pair = await Promise.all([
      worker<{ maxRssMb: number; ms: number }>(['send', String(twoNotice), startAt], {
        ...twoEnv,
        DB_PUSH: 'false',
      }),
      worker<{ maxRssMb: number; ms: number }>(['send', String(twoNotice), startAt], {
        ...twoEnv,
        DB_PUSH: 'false',
      }),
    ])
    const twoSent = sink.count() - twoBefore
    const twoMs = Math.max(...pair.map((w) => w.ms))
    if (oursSent !== SEND_COUNT || rawSent !== SEND_COUNT || twoSent !== SEND_COUNT) {
      throw new Error(
        `sent ${oursSent} / ${rawSent} / ${twoSent} messages, expected ${SEND_COUNT} each`,
      )
    }
    const oursRate = SEND_COUNT / ours.ms
    const rawRate = SEND_COUNT / raw.ms
    const twoRate = SEND_COUNT / twoMs
    rows.push({
      goal: '≥ 0.6',
      name: `send ${SEND_COUNT.toLocaleString('en-US')} notices, 1 worker vs raw nodemailer pool (${CONNECTIONS} connections)`,
      note: `messages ${Math.round(messageBytes)} B vs ${Math.round(rawBytes)} B; worker peak RSS ${ours.maxRssMb.toFixed(0)} MB, raw ${raw.maxRssMb.toFixed(0)} MB`,
      ours: rate(SEND_COUNT, ours.ms),
      pass: oursRate / rawRate >= 0.6,
      peer: rate(SEND_COUNT, raw.ms),
      ratio: oursRate / rawRate,
    })
    rows.push({
      goal: '≥ 1.6',
      name: `send ${SEND_COUNT.toLocaleString('en-US')} notices, 2 workers vs 1 worker`,
      note: `peak RSS ${pair.map((w) => w.maxRssMb.toFixed(0)).join(' / ')} MB`,
      ours: rate(SEND_COUNT, twoMs),
      pass: twoRate / oursRate >= 1.6,
      peer: rate(SEND_COUNT, ours.ms),
      ratio: twoRate / oursRate,
    })
    return rows
  } finally {
    await sink.stop()
    rmSync(dir, { force: true, recursive: true })
  }
}
