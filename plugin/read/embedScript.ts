import type { Endpoint } from 'payload'

import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'
import type { CachedBody } from '../read/httpAnswer.js'

import { answerWithBody, answerWithError, serializeText } from '../read/httpAnswer.js'

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
    list.push(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../banner/policy-banner.js'))
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

/**
 * `GET {publicPath}/embed/banner.js`: the dependency-free <policy-banner> web component, for
 * `<script type="module" src="https://cms.example.com/api/policies/embed/banner.js">`. Module
 * scripts are fetched with CORS, so the answer allows every origin (it is a public static file).
 * Register it before the public read routes.
 */
export function getEmbedEndpoint(pluginConfig: SanitizedPolicyDocumentsPluginConfig): Endpoint {
  return {
    handler: async (req) => {
      const headers = {
        'Access-Control-Allow-Origin': '*',
        'Cross-Origin-Resource-Policy': 'cross-origin',
        'X-Content-Type-Options': 'nosniff',
      }
      if ('error' in loaded) {
        req.payload.logger.error({ msg: `[policy-documents] ${loaded.error}` })
        const answer = answerWithError(500, 'The banner script is not available.')
        return new Response(answer.body as BodyInit | null, { headers: { ...answer.headers, ...headers }, status: answer.status })
      }
      const version = req.searchParams?.get('v')
      const immutable = version !== null && version !== undefined && `"${version}"` === loaded.script.etag
      const answer = answerWithBody(loaded.script, req.headers.get('if-none-match'), immutable ? CACHE_CONTROL_IMMUTABLE : CACHE_CONTROL)
      return new Response(answer.body as BodyInit | null, { headers: { ...answer.headers, ...headers }, status: answer.status })
    },
    method: 'get',
    path: `${pluginConfig.publicPath}${EMBED_SCRIPT_PATH}`,
  }
}
