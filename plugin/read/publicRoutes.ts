import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'
import type { HttpAnswer } from './httpAnswer.js'
import type { PolicyReadService } from './readService.js'

import { answerCompleteness } from './completenessAnswer.js'
import { answerEmbedScript, EMBED_SCRIPT_PATH } from './embedScript.js'

/** What a public route needs from a request, whichever server received it. */
export type PublicRouteContext = {
  ifNoneMatch: null | string
  params: Record<string, string | undefined>
  search: URLSearchParams
  service: PolicyReadService
}

/** One anonymous GET (and HEAD) route of the public API, relative to `publicPath`. */
export type PublicRoute = {
  answer: (context: PublicRouteContext) => Promise<HttpAnswer>
  /** path-to-regexp pattern (the syntax Payload's endpoints use). */
  path: string
}

/**
 * The public read routes, defined once and served by one handler (`publicReadHandler.ts`) three
 * ways: as Payload endpoints (through Next's catch-all or `handleEndpoints`), by the Next route
 * handler (`payload-plugin-policy-docs/next`) and by the standalone server's fast path
 * (`createPolicyRequestListener`).
 */
export function getPublicRoutes(
  _pluginConfig: SanitizedPolicyDocumentsPluginConfig,
): PublicRoute[] {
  // The Art. 13/14 checklist names what a statement lacks: public only when the host opts in.
  const completeness: PublicRoute[] = _pluginConfig.completeness.public
    ? [
        {
          answer: ({ ifNoneMatch, params, search, service }) =>
            answerCompleteness(service, _pluginConfig, params.key, search, ifNoneMatch),
          path: '/:key/completeness',
        },
      ]
    : []
  return [
    // First: `/embed/banner.js` must not be taken for a document key.
    {
      answer: async ({ ifNoneMatch, search }) => answerEmbedScript(search, ifNoneMatch),
      path: EMBED_SCRIPT_PATH,
    },
    ...completeness,
    {
      answer: ({ ifNoneMatch, params, search, service }) =>
        service.current(params.key, search, ifNoneMatch),
      path: '/:key',
    },
    {
      answer: ({ ifNoneMatch, params, search, service }) =>
        service.archive(params.key, search, ifNoneMatch),
      path: '/:key/releases',
    },
    {
      answer: ({ ifNoneMatch, params, search, service }) =>
        service.release(params.key, params.version, search, ifNoneMatch),
      path: '/:key/releases/:version',
    },
    {
      answer: ({ ifNoneMatch, params, search, service }) =>
        service.diff(params.key, search, ifNoneMatch),
      path: '/:key/diff',
    },
    {
      answer: ({ ifNoneMatch, params, search, service }) =>
        service.changes(params.key, search, ifNoneMatch),
      path: '/:key/changes',
    },
    {
      answer: ({ ifNoneMatch, params, search, service }) =>
        service.banner(params.key, search, ifNoneMatch),
      path: '/:key/banner',
    },
    {
      answer: ({ ifNoneMatch, params, search, service }) =>
        service.feed(params.key, search, ifNoneMatch),
      path: '/:key/feed',
    },
    {
      answer: ({ ifNoneMatch, params, search, service }) =>
        service.ledger(params.key, search, ifNoneMatch),
      path: '/:key/archive.json',
    },
    {
      answer: ({ ifNoneMatch, params, search, service }) =>
        service.verify(params.key, search, ifNoneMatch),
      path: '/:key/verify',
    },
  ]
}
