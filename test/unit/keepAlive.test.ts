/**
 * Issue 9, item 1: every process the project starts logs an unhandled promise rejection and keeps
 * running. The handler lives in scripts/keep-alive.mjs, loaded by the lexical preload that every
 * such process takes first.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

const root = new URL('../../', import.meta.url)

describe('keep-alive on unhandled rejections', () => {
  it('a process started with the preload logs the rejection and goes on', () => {
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        './scripts/keep-alive.mjs',
        '-e',
        "Promise.reject(new Error('unawaited boom')); setTimeout(() => console.log('still serving'), 50)",
      ],
      { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } },
    )
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('still serving')
    expect(run.stderr).toMatch(/\[keep-alive\] unhandled promise rejection[\s\S]*unawaited boom/)
  })

  it('without it, the same process dies (what the handler prevents)', () => {
    const run = spawnSync(
      process.execPath,
      [
        '-e',
        "Promise.reject(new Error('unawaited boom')); setTimeout(() => console.log('still serving'), 50)",
      ],
      {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, NODE_OPTIONS: '' },
      },
    )
    expect(run.status).not.toBe(0)
    expect(run.stdout).not.toContain('still serving')
  })

  it('serve, seed, jobs, the tests and the dev server all load the preload that imports it', () => {
    expect(readFileSync(new URL('scripts/preload-lexical.mjs', root), 'utf8')).toMatch(
      /^import '\.\/keep-alive\.mjs'/m,
    )
    const scripts = (
      JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
        scripts: Record<string, string>
      }
    ).scripts
    for (const name of ['serve', 'seed', 'jobs', 'test:int']) {
      expect(scripts[name]).toContain('preload-lexical.mjs')
    }
    expect(readFileSync(new URL('dev/scripts/start.mjs', root), 'utf8')).toMatch(
      /NODE_OPTIONS:.*--import=\$\{preload\}/,
    )
  })
})
