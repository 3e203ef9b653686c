/**
 * `npm run build`: the published package in dist/.
 * - tsc (tsconfig.build.json) emits ESM JavaScript and .d.ts for src/ and plugin/, keeping the tree
 *   (dist/src, dist/plugin), so the `.js` relative imports resolve under plain Node;
 * - the files tsc does not emit are copied beside their modules: the admin components' stylesheets
 *   (imported by the components, bundled by the host's Next) and the <policy-banner> web component,
 *   which the plugin serves from disk.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, readdirSync, rmSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const dist = path.join(root, 'dist')

rmSync(dist, { force: true, recursive: true })
const tsc = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
  {
    cwd: root,
    stdio: 'inherit',
  },
)
if (tsc.status !== 0) process.exit(tsc.status ?? 1)

/** Files under `dir` (relative to the repo root) for which `keep(name)` holds. */
function* walk(dir, keep) {
  for (const name of readdirSync(path.join(root, dir))) {
    const rel = path.join(dir, name)
    if (statSync(path.join(root, rel)).isDirectory()) yield* walk(rel, keep)
    else if (keep(name)) yield rel
  }
}

let copied = 0
for (const rel of walk(
  'plugin',
  (name) => name.endsWith('.css') || name === 'policy-banner.js' || name === 'policy-banner.d.ts',
)) {
  cpSync(path.join(root, rel), path.join(dist, rel))
  copied++
}
console.log(`dist/ built; ${copied} asset files copied`)
