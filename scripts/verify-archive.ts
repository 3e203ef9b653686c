/**
 * `npm run verify -- <archive URL or file>`: checks a policy archive's hash chain from the JSON
 * archive alone (`GET /api/policies/<key>/archive.json`), with no access to the CMS or its
 * database. Exit code 0 when the history is intact, 1 when it is not, 2 on bad input.
 *
 * The rule, for anyone re-implementing it: for each release in version order,
 *   contentHash = sha256(JCS(snapshot)),
 *   hash = sha256(JCS({ changeNote, contentHash, documentKey, effectiveAt, kind, previousHash, publishedAt, version })),
 *   previousHash = the previous release's hash (64 zeros for the first),
 * where JCS is RFC 8785 canonical JSON and sha256 is written as lowercase hex. Each postponement or
 * withdrawal in `events` has hash = sha256(JCS({ effectiveAt, previousEffectiveAt, reason, recordedAt,
 * releaseHash, type })), where releaseHash is the hash of a release in the archive.
 */
import { readFile } from 'node:fs/promises'

import { type ArchivedEvent, type ArchivedRelease, verifyChain } from '../src/releases/index.js'

const source = process.argv[2]
if (!source) {
  console.error(
    'usage: npm run verify -- <https://…/api/policies/privacy/archive.json | archive.json>',
  )
  process.exit(2)
}
let archive: { document?: string; events?: ArchivedEvent[]; releases?: ArchivedRelease[] }
try {
  const text = /^https?:\/\//.test(source)
    ? await (await fetch(source)).text()
    : await readFile(source, 'utf8')
  archive = JSON.parse(text) as typeof archive
} catch (error) {
  console.error(`could not read ${source}: ${(error as Error).message}`)
  process.exit(2)
}
if (!Array.isArray(archive.releases)) {
  console.error(`${source} is not a policy archive (no "releases" array)`)
  process.exit(2)
}
const report = verifyChain(archive.releases, archive.events ?? [])
for (const release of [...report.releases, ...report.events]) {
  console.log(
    `${release.problems.length === 0 ? 'ok  ' : 'FAIL'} ${archive.document ?? ''} ${release.version}${release.problems.map((p) => `\n     ${p}`).join('')}`,
  )
}
console.log(
  report.intact
    ? `intact: ${report.releases.length} releases, hash chain verified`
    : 'NOT INTACT: the history was changed',
)
process.exit(report.intact ? 0 : 1)
