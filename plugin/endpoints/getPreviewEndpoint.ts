import type { Endpoint } from 'payload'

import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'

import { renderDiffHtml } from '../../src/diff/index.js'
import { renderReason } from '../../src/materiality/index.js'
import { formatVersion, hashSnapshot, nextVersion, parseVersion, planRelease, ReleaseRefused, validateSnapshot, type EditorChoice } from '../../src/releases/index.js'
import { describeMissing, findDocumentWithLocales, findLatestRelease } from '../hooks/freezeReleaseOnPublish.js'
import { answerWithError, toResponse } from '../read/httpAnswer.js'
import { parseDocumentKey, parseLocale } from '../read/params.js'
import { checkDocumentCompleteness, notApplicableOf } from '../utilities/checkDocumentCompleteness.js'
import { proposeRelease } from '../utilities/proposeRelease.js'
import { toSnapshot } from '../utilities/toSnapshot.js'

/**
 * `GET {publicPath}/:key/preview?locale=da` for signed-in editors: what publishing the current
 * draft would do (the diff against the latest release per locale, the proposed kind with its
 * reasons, the version each kind would get, who would be notified), without creating anything.
 */
export function getPreviewEndpoint(pluginConfig: SanitizedPolicyDocumentsPluginConfig): Endpoint {
  return {
    handler: async (req) => {
      if (!req.user) {
        return toResponse(answerWithError(401, 'Sign in to preview a publish.'))
      }
      let key: string
      let language: string
      try {
        key = parseDocumentKey(req.routeParams?.key)
        language = parseLocale(req.searchParams?.get('locale') ?? req.i18n?.language ?? undefined, pluginConfig.locales, pluginConfig.defaultLocale)
      } catch (error) {
        return toResponse(answerWithError(400, (error as Error).message))
      }
      const { docs } = await req.payload.find({
        collection: pluginConfig.documentsSlug,
        depth: 0,
        draft: true,
        limit: 1,
        overrideAccess: false,
        pagination: false,
        req,
        where: { key: { equals: key } },
      })
      if (!docs[0]) {
        return toResponse(answerWithError(404, `Unknown policy document "${key}".`))
      }
      const draft = await findDocumentWithLocales(req, pluginConfig, docs[0].id, true)
      const snapshot = toSnapshot(draft, pluginConfig.locales)
      const missing = validateSnapshot(snapshot, pluginConfig.locales)
      const previous = await findLatestRelease(req, pluginConfig, key)
      const { diff, proposal } = proposeRelease(previous?.snapshot ?? null, snapshot, pluginConfig)
      const previousVersion = previous ? parseVersion(previous.version) : null
      // A dry run of the very rules the publish applies, with the settings as last saved: the same
      // function, so the preview cannot disagree with the publish.
      let outcome: { plan: Record<string, unknown> } | { refused: { code: string; message: string } } | null = null
      try {
        const changeNote: Record<string, string> = {}
        for (const locale of pluginConfig.locales) {
          changeNote[locale] = (draft.release?.changeNote?.[locale] ?? '').trim()
        }
        const plan = planRelease({
          changeNote,
          choice: (draft.release?.changeKind ?? 'proposed') as EditorChoice,
          documentKey: key,
          effectiveAt: draft.release?.effectiveAt ?? null,
          justification: draft.release?.justification ?? null,
          minNoticeDays: pluginConfig.publication.minNoticeDays,
          notifyMinor: Boolean(draft.release?.notifyMinor),
          previous,
          proposal,
          publishedAt: new Date().toISOString(),
          shortNoticeJustification: draft.release?.shortNoticeJustification ?? null,
          snapshot,
        })
        outcome = plan
          ? {
              plan: {
                changeNote: plan.changeNote,
                effectiveAt: plan.effectiveAt,
                kind: plan.kind,
                notify: plan.notify && Boolean(previous),
                shortNotice: plan.decision.shortNotice ?? null,
                version: plan.version,
              },
            }
          : null
      } catch (error) {
        if (!(error instanceof ReleaseRefused)) {
          throw error
        }
        outcome = { refused: { code: error.code, message: error.message } }
      }
      const { totalDocs: subscribers } = await req.payload.count({
        collection: pluginConfig.subscribersSlug,
        overrideAccess: true,
        req,
        where: { and: [{ status: { equals: 'confirmed' } }, { documents: { in: [key] } }] },
      })
      // A material release shows the site banner from publication until `banner.days` after it takes effect.
      const effectiveAt = draft.release?.effectiveAt && Date.parse(draft.release.effectiveAt) > Date.now() ? new Date(draft.release.effectiveAt) : new Date()
      const bannerUntil = new Date(effectiveAt.getTime() + pluginConfig.banner.days * 24 * 3600 * 1000).toISOString()
      return Response.json(
        {
          banner: { days: pluginConfig.banner.days, effectiveAt: effectiveAt.toISOString(), until: bannerUntil },
          changed: !previous || previous.contentHash !== hashSnapshot(snapshot),
          diff: Object.fromEntries(
            Object.entries(diff?.locales ?? {}).map(([locale, localeDiff]) => [
              locale,
              { complete: localeDiff.complete, html: renderDiffHtml(localeDiff, { locale: language }), stats: localeDiff.stats, summary: diff?.summary[locale] ?? '' },
            ]),
          ),
          /** The GDPR Art. 13/14 checklist of every locale, and whether a missing element blocks the publish. */
          completeness: { mode: pluginConfig.publication.completeness, reports: checkDocumentCompleteness(snapshot, notApplicableOf(draft), pluginConfig) },
          document: key,
          missing: missing.length > 0 ? { items: missing, message: describeMissing(missing) } : null,
          /** What publishing with the settings as last saved would do, or why it would be refused. */
          outcome,
          previousVersion: previous?.version ?? null,
          proposal: proposal.proposal,
          reasons: proposal.reasons
            .filter((reason) => reason.locale === language || proposal.reasons.every((r) => r.locale !== language))
            .map((reason) => ({ ...reason, message: renderReason(reason, language) })),
          subscribers,
          versions: {
            material: formatVersion(nextVersion(previousVersion, 'material')),
            minor: formatVersion(nextVersion(previousVersion, 'minor')),
          },
        },
        { headers: { 'Cache-Control': 'no-store' } },
      )
    },
    method: 'get',
    path: `${pluginConfig.publicPath}/:key/preview`,
  }
}
