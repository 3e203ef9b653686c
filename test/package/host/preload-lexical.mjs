// Node 20 sometimes exits with code 13 ("unsettled top-level await") when lexical's entry files are first
// evaluated together; importing them one at a time first avoids it (the plugin README, "Node 20 and Lexical").
import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const scoped = readdirSync(fileURLToPath(new URL('./node_modules/@lexical/', import.meta.url))).map(
  (name) => `@lexical/${name}`,
)
for (const specifier of ['lexical', ...scoped]) {
  try {
    await import(specifier)
  } catch {
    // No root export, or browser-only.
  }
}
