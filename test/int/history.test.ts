import type { Payload } from 'payload'

import { execFile } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

import { seed } from '../../seed/index.js'
import { bootPayload, type TestPayload } from '../helpers/bootPayload.js'

const run = promisify(execFile)
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

async function verifyWithCli(archive: unknown): Promise<{ code: number; stdout: string }> {
  const file = join(mkdtempSync(join(tmpdir(), 'archive-')), 'archive.json')
  writeFileSync(file, JSON.stringify(archive))
  try {
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'scripts/verify-archive.ts', file],
      { env: { ...process.env, NODE_OPTIONS: '' } },
    )
    return { code: 0, stdout }
  } catch (error) {
    const failed = error as { code: number; stdout: string }
    return { code: failed.code, stdout: failed.stdout }
  }
}

describe('verifiable history', () => {
  it('reports an intact chain, and the command-line check agrees from the JSON archive alone', async () => {
    const verify = await (await t.api('/policies/privacy/verify')).json()
    expect(verify).toMatchObject({ document: 'privacy', intact: true })
    expect(verify.releases.map((r: any) => r.version)).toEqual(['1.0', '1.1', '2.0'])
    const archive = await (await t.api('/policies/privacy/archive.json')).json()
    expect(archive.releases).toHaveLength(3)
    expect(Object.keys(archive.releases[0].snapshot)).toEqual(['da', 'en'])
    const cli = await verifyWithCli(archive)
    expect(cli.code).toBe(0)
    expect(cli.stdout).toContain('intact: 3 releases')
    // A third party tampering with the archive copy is caught too.
    archive.releases[1].changeNote.da = 'Omskrevet'
    const tampered = await verifyWithCli(archive)
    expect(tampered.code).toBe(1)
    expect(tampered.stdout).toMatch(/FAIL privacy 1\.1/)
  }, 60_000)

  it('detects a release rewritten in the database behind the plugin', async () => {
    const { docs } = await payload.find({
      collection: 'policy-releases',
      where: { version: { equals: '1.1' } },
    })
    const release = docs[0] as any
    const snapshot = structuredClone(release.snapshot)
    snapshot.da.sections[0].heading = 'Forfalsket'
    // Straight to the adapter: hooks cannot stop someone with database access, the hash chain exposes them.
    await payload.db.updateOne({
      collection: 'policy-releases',
      data: { snapshot },
      id: release.id,
      req: {} as never,
    })
    const service = (await import('../../plugin/read/readService.js')).getReadService(
      payload,
      (payload.config.custom as any).policyDocuments,
    )
    service.invalidate('privacy')
    const verify = await (await t.api('/policies/privacy/verify')).json()
    expect(verify.intact).toBe(false)
    expect(verify.releases[1]).toMatchObject({ version: '1.1' })
    expect(verify.releases[1].problems.join()).toMatch(/content hash/)
    expect(verify.releases[0].problems).toEqual([])
  })
})

describe('Atom feed', () => {
  it('lists the releases with change notes, an author, links to each release and the kind in words, as escaped Atom in the feed’s language', async () => {
    const res = await t.api('/policies/privacy/feed?locale=en')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('application/atom+xml')
    const xml = await res.text()
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">')
    expect((xml.match(/<entry>/g) ?? []).length).toBe(3)
    // RFC 4287: an author (the site) on the feed and on every entry.
    expect((xml.match(/<author>\s*<name>[^<]+<\/name>\s*<\/author>/g) ?? []).length).toBe(4)
    // Each entry links to its own release.
    for (const version of ['1.0', '1.1', '2.0'])
      expect(xml).toContain(`/en/policies/privacy/${version}"`)
    expect(xml).toMatch(
      /<title type="html"><!\[CDATA\[Privacy statement[^<]*2\.0 \(material change\)\]\]><\/title>/,
    )
    expect(xml).toContain('Material change. Version 2.0 takes effect on')
    expect(xml).not.toMatch(/[●○]/)
    const danish = await (await t.api('/policies/privacy/feed?locale=da')).text()
    expect(danish).toContain('xml:lang="da"')
    expect(danish).toMatch(/2\.0 \(væsentlig ændring\)/)
    expect(danish).toMatch(/1\.1 \(mindre ændring\)/)
    expect((await t.api('/policies/privacy/feed?locale=xx')).status).toBe(400)
  })
})
