import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import type { CachedBody, HttpAnswer } from './httpAnswer.js'

import { answerWithBody, answerWithError, serializeText } from './httpAnswer.js'

/** Path of the embed script under `publicPath`. Two segments, so no `/:key` route can take it. */
export const EMBED_SCRIPT_PATH = '/embed/banner.js'

/** One day, then a week of stale-while-revalidate: the URL is stable, so updates must get through. */
const CACHE_CONTROL = 'public, max-age=86400, stale-while-revalidate=604800'
/** With `?v=<etag>` the URL names these exact bytes: cache for a year. */
const CACHE_CONTROL_IMMUTABLE = 'public, max-age=31536000, immutable'

/**
 * Where policy-banner.js is: next to this file's folder in the source tree or the published
 * package. Under a bundler `import.meta.url` may not point at the source file, so the package's
 * usual locations relative to the working directory are tried as well.
 */
function candidates(): string[] {
  const list: string[] = []
  try {
    list.push(
      path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../banner/policy-banner.js'),
    )
  } catch {
    // import.meta.url is not a file: URL here (bundled); the fallbacks below apply.
  }
  const cwd = process.cwd()
  list.push(
    path.resolve(cwd, 'plugin/banner/policy-banner.js'),
    path.resolve(cwd, '../plugin/banner/policy-banner.js'),
    path.resolve(cwd, 'node_modules/payload-plugin-policy-docs/plugin/banner/policy-banner.js'),
  )
  return list
}

function loadScript(): { error: string } | { script: CachedBody } {
  const tried = candidates()
  for (const file of tried) {
    try {
      return { script: serializeText(readFileSync(file, 'utf8'), 'text/javascript; charset=utf-8') }
    } catch {
      // Next candidate.
    }
  }
  return { error: `policy-banner.js was not found (looked in ${tried.join(', ')})` }
}

// Read once, when the plugin is loaded.
const loaded = loadScript()
if ('error' in loaded) {
  console.error(`[policy-documents] ${loaded.error}`)
}

/**
 * `GET {publicPath}/embed/banner.js`: the dependency-free <policy-banner> web component, for
 * `<script type="module" src="https://cms.example.com/api/policies/embed/banner.js">`. Module
 * scripts are fetched with CORS; the public read routes' CORS headers (added by the public read
 * handler) let every origin load it. `?v=<etag>` names these exact bytes and is cached for a year.
 */
export function answerEmbedScript(search: URLSearchParams, ifNoneMatch: null | string): HttpAnswer {
  if ('error' in loaded) {
    return answerWithError(500, 'The banner script is not available.')
  }
  const version = search.get('v')
  const immutable = version !== null && `"${version}"` === loaded.script.etag
  const answer = answerWithBody(
    loaded.script,
    ifNoneMatch,
    immutable ? CACHE_CONTROL_IMMUTABLE : CACHE_CONTROL,
  )
  // The file is read once per process: the answer for a URL never changes.
  answer.stableUntil = Infinity
  return answer
}
