/**
 * Preloads `lexical` and every `@lexical/*` package one at a time, before anything imports
 * `@payloadcms/richtext-lexical`.
 *
 * Why: on Node 20, lexical's `*.node.mjs` entry files use a top-level `await import(...)`, and
 * when many of them are evaluated at once Node sometimes gives up with exit code 13
 * ("unsettled top-level await") and prints nothing. Loading them in sequence first avoids it
 * (see ../shared/TOOLCHAIN.md, "Node 20 and Lexical"). Pass this file with `node --import`
 * or `tsx --import` to every process that loads payload.config.ts.
 *
 * It also installs the process-wide unhandled-rejection logger (keep-alive.mjs): every process
 * the project starts loads this file first, so that is its one home.
 */
import './keep-alive.mjs'

import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

// The project's own node_modules: lexical's package.json is not in its `exports`, so it cannot be resolved.
const root = fileURLToPath(new URL('../node_modules/', import.meta.url))
const scoped = readdirSync(`${root}@lexical`).map((name) => `@lexical/${name}`)

for (const specifier of ['lexical', ...scoped]) {
  try {
    await import(specifier)
  } catch {
    // Packages without a root export (or with browser-only entry points) are not needed here.
  }
}
