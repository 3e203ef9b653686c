/**
 * Regenerates dev/app/(payload)/admin/importMap.js from payload.config.ts (the admin's map of
 * custom components); writes only when something changed (`--force` always writes).
 *
 * `npm run dev` (dev/scripts/start.mjs) runs it before starting Next, next to the seed; Payload
 * itself regenerates the map only on a hot reload of the config, not at boot. By hand:
 *
 *   npx tsx --import ./scripts/preload-lexical.mjs dev/scripts/generate-import-map.ts
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { generateImportMap } from 'payload'

// Payload looks for app/(payload)/admin/ under ROOT_DIR (default: the working directory).
process.env.ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

const { default: config } = await import('../../payload.config.js')
await generateImportMap(await config, { force: process.argv.includes('--force'), log: true })
process.exit(0)
