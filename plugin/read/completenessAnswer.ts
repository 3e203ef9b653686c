import type { ElementId } from '../../src/completeness/index.js'
import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'
import type { HttpAnswer } from './httpAnswer.js'
import type { PolicyReadService } from './readService.js'

import { releaseInForce } from '../../src/releases/index.js'
import { checkDocumentCompleteness } from '../utilities/checkDocumentCompleteness.js'
import { answerWithBody, answerWithError, serializeBody } from './httpAnswer.js'
import { BadRequest, parseDocumentKey, parseLocale, singleParam } from './params.js'

/**
 * `GET {publicPath}/:key/completeness?locale=da` — the GDPR Art. 13/14 checklist of the release in
 * force, with the not-applicable declarations recorded with that release. Served only when
 * `completeness.public` is on: the checklist names what a statement lacks.
 */
export async function answerCompleteness(
  service: PolicyReadService,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
  rawKey: unknown,
  search: URLSearchParams,
  ifNoneMatch: null | string,
): Promise<HttpAnswer> {
  try {
    const key = parseDocumentKey(rawKey)
    const locale = parseLocale(
      singleParam(search, 'locale'),
      pluginConfig.locales,
      pluginConfig.defaultLocale,
    )
    const entries = await service.entries(key)
    const entry = releaseInForce(
      entries.filter((e) => e.status !== 'withdrawn'),
      new Date(),
    )
    if (!entry) return answerWithError(404, `No release of "${key}" is in force yet.`)
    const release = await service.loadRelease(entry)
    // The not-applicable declarations as recorded with that release (`ReleaseDecision.gdpr`).
    const decision = release.decision as
      { gdpr?: { notApplicable?: Partial<Record<ElementId, string>> } } | null | undefined
    const reports = checkDocumentCompleteness(
      release.snapshot,
      decision?.gdpr?.notApplicable ?? {},
      { ...pluginConfig, locales: [locale] },
    )
    const body = serializeBody({ document: key, version: entry.version, ...reports[locale]! })
    return answerWithBody(body, ifNoneMatch, `public, max-age=${pluginConfig.cache.maxAgeSeconds}`)
  } catch (error) {
    if (error instanceof BadRequest) return answerWithError(error.status, error.message)
    return answerWithError(503, 'The policy archive is unavailable right now. Try again shortly.')
  }
}
