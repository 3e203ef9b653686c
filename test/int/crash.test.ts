import type { Payload } from 'payload'

import { spawn } from 'node:child_process'

import { seed } from '../../seed/index.js'
import { bootPayload, type TestPayload } from '../helpers/bootPayload.js'

let t: TestPayload
let payload: Payload

beforeAll(async () => {
  t = await bootPayload()
  payload = t.payload
  await seed(payload)
}, 60_000)

afterAll(async () => {
  await t?.destroy()
})

/** Starts the publishing worker and kills it `delayMs` after its first completed publish. */
async function publishAndKill(delayMs: number): Promise<number> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--import',
      './scripts/preload-lexical.mjs',
      'test/helpers/publishWorker.ts',
    ],
    {
      env: { ...process.env, DB_PUSH: 'false', NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let published = 0
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the worker never published')), 60_000)
    child.stdout!.on('data', (chunk: Buffer) => {
      const lines = chunk.toString().match(/published \d+/g) ?? []
      published += lines.length
      if (published > 0 && lines.length > 0 && published === lines.length) {
        clearTimeout(timer)
        setTimeout(() => {
          child.kill('SIGKILL')
          resolve()
        }, delayMs)
      }
    })
  })
  await exited
  return published
}

describe('a process killed during publish', () => {
  it('leaves either no release or a complete one, and the history stays intact', async () => {
    for (const delayMs of [0, 37, 83, 151]) {
      await publishAndKill(delayMs)
      const { docs } = await payload.find({
        collection: 'policy-releases',
        pagination: false,
        sort: 'createdAt',
      })
      for (const release of docs as any[]) {
        expect(Object.keys(release.snapshot).sort()).toEqual(['da', 'en'])
        expect(release.snapshot.da.sections.length).toBe(release.snapshot.en.sections.length)
        expect(release.hash).toMatch(/^[0-9a-f]{64}$/)
      }
      const verify = await (await t.api('/policies/privacy/verify')).json()
      expect(verify.intact).toBe(true)
      // Every version number is used once, in order, with no gaps.
      const versions = docs.map((release: any) => release.version)
      expect(new Set(versions).size).toBe(versions.length)
    }
    // The database is usable after the crashes: a normal publish from here still works.
    const before = (await payload.count({ collection: 'policy-releases' })).totalDocs
    const doc = (await payload.find({ collection: 'policy-documents', draft: true })).docs[0]!
    const current = await payload.findByID({
      id: doc.id,
      collection: 'policy-documents',
      draft: true,
      locale: 'da',
    })
    await payload.update({
      id: doc.id,
      collection: 'policy-documents',
      data: {
        _status: 'published',
        release: { changeKind: 'minor', justification: 'After the crashes' },
        sections: current.sections!.map((row: any) =>
          row.key === 'rights' ? { ...row, heading: 'Dine rettigheder' } : row,
        ),
      },
      locale: 'da',
    })
    expect((await payload.count({ collection: 'policy-releases' })).totalDocs).toBe(before + 1)
  }, 240_000)
})
