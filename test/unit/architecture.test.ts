import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import * as core from '../../src/index.js'
import { SECTION_KINDS } from '../../src/types.js'

const root = fileURLToPath(new URL('../../', import.meta.url))

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : /\.(ts|tsx)$/.test(name) ? [path] : []
  })
}

describe('layout', () => {
  it('keeps src/ free of payload, next, react and @payloadcms imports', () => {
    const offenders = filesUnder(join(root, 'src')).filter((file) =>
      /from ['"](payload|next|react|@payloadcms\/[^'"]+|lexical|@lexical\/[^'"]+)(\/[^'"]*)?['"]/.test(
        readFileSync(file, 'utf8'),
      ),
    )
    expect(offenders).toEqual([])
  })

  it('keeps plugin/ from importing dev/ or seed/', () => {
    const offenders = filesUnder(join(root, 'plugin')).filter((file) =>
      /from ['"](\.\.\/)+(dev|seed)\//.test(readFileSync(file, 'utf8')),
    )
    expect(offenders).toEqual([])
  })

  it('exposes the domain core from one barrel', () => {
    for (const name of [
      'diffSnapshots',
      'classify',
      'planRelease',
      'verifyChain',
      'selectBanner',
      'renderNotice',
      'createToken',
      'lexicalToBlocks',
    ]) {
      expect([name, typeof (core as Record<string, unknown>)[name]]).toEqual([name, 'function'])
    }
  })

  it('lists every section kind once', () => {
    expect(new Set(SECTION_KINDS).size).toBe(SECTION_KINDS.length)
  })
})
