/**
 * Issue 10: the public API answers byte for byte the same on SQLite, MongoDB and Postgres for the
 * seeded history: same versions, hashes, texts and ETags. This lane's database answers in process;
 * each other database answers from a child process on a fresh database of its own. SQLite is always
 * available; MongoDB and Postgres when MONGODB_URI / POSTGRES_URI are set (`npm run test:mongo` and
 * `npm run test:postgres` set their own), otherwise their comparison is skipped and says why.
 */
import { spawn } from 'node:child_process'

import { seed } from '../../seed/index.js'
import { bootPayload, type TestPayload } from '../helpers/bootPayload.js'
import {
  collectPublicAnswers,
  firstDifference,
  type PublicAnswer,
} from '../helpers/publicAnswers.js'
import {
  createTestDatabase,
  type DatabaseKind,
  laneDatabase,
  serverUri,
} from '../helpers/testDatabase.js'

let t: TestPayload
let mine: Record<string, PublicAnswer>
const lane = laneDatabase()

beforeAll(async () => {
  t = await bootPayload()
  await seed(t.payload)
  mine = await collectPublicAnswers((path) => t.api(path))
}, 120_000)

afterAll(async () => {
  await t?.destroy()
})

/** Seeds a fresh database of `kind` in a child process and returns its answers. */
async function answersFrom(kind: DatabaseKind): Promise<Record<string, PublicAnswer>> {
  const database = await createTestDatabase(kind)
  try {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--import',
        './scripts/preload-lexical.mjs',
        'test/helpers/publicAnswersWorker.ts',
      ],
      {
        env: { ...process.env, DATABASE_URI: database.uri, NODE_OPTIONS: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let output = ''
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const code = await new Promise<null | number>((resolve) => child.on('exit', resolve))
    const line = output.split('\n').find((candidate) => candidate.startsWith('ANSWERS '))
    if (code !== 0 || !line) {
      throw new Error(`the ${kind} worker failed (exit ${code}):\n${output.slice(-3000)}`)
    }
    return JSON.parse(line.slice('ANSWERS '.length))
  } finally {
    await database.drop()
  }
}

describe(`public API answers on ${lane} and the other databases`, () => {
  it('answers every route of the seeded history (the reference for the comparisons)', () => {
    expect(Object.keys(mine).length).toBeGreaterThan(20)
    expect(mine['/policies/privacy/verify']!.status).toBe(200)
    expect(JSON.parse(mine['/policies/privacy?locale=da']!.body).version).toBe('2.0')
  })

  for (const kind of (['sqlite', 'mongodb', 'postgres'] as const).filter(
    (other) => other !== lane,
  )) {
    const available = kind === 'sqlite' || Boolean(serverUri(kind))
    const why = kind === 'mongodb' ? 'MONGODB_URI is not set' : 'POSTGRES_URI is not set'
    if (!available) {
      console.warn(`crossDatabase.test.ts: ${kind} not compared with ${lane} (${why})`)
    }
    ;(available ? it : it.skip)(
      available
        ? `${kind} answers byte for byte as ${lane}`
        : `${kind} answers byte for byte as ${lane} (skipped: ${why})`,
      async () => {
        const theirs = await answersFrom(kind)
        const differences = Object.entries(mine).flatMap(([path, answer]) => {
          const other = theirs[path]
          if (!other) {
            return [`${path}: no answer`]
          }
          const fields = (['status', 'etag', 'contentType'] as const).filter(
            (field) => other[field] !== answer[field],
          )
          const body = firstDifference(answer.body, other.body)
          return fields.length || body
            ? [
                `${path}: ${[...fields.map((field) => `${field} ${answer[field]} vs ${other[field]}`), body].filter(Boolean).join('; ')}`,
              ]
            : []
        })
        expect(differences).toEqual([])
      },
      180_000,
    )
  }
})
