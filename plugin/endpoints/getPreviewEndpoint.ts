import type { Endpoint } from 'payload'

import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'

import { renderDiffHtml } from '../../src/diff/index.js'
import { renderReason } from '../../src/materiality/index.js'
import {
  checkPublish,
  formatVersion,
  nextVersion,
  parseVersion,
  renderPublishProblem,
} from '../../src/releases/index.js'
import { countAudiences } from '../notices/audiences.js'
import { answerWithError, toResponse } from '../read/httpAnswer.js'
import { parseDocumentKey, parseLocale } from '../read/params.js'
import {
  checkDocumentCompleteness,
  notApplicableOf,
} from '../utilities/checkDocumentCompleteness.js'
import { findDocumentWithLocales } from '../utilities/findReleases.js'
import { kindSuggestionsFor } from '../utilities/kindSuggestionsFor.js'
import { gatherPublishInputs } from '../utilities/planPublish.js'

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
        language = parseLocale(
          req.searchParams?.get('locale') ?? req.i18n?.language ?? undefined,
          pluginConfig.locales,
          pluginConfig.defaultLocale,
        )
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
      const inputs = await gatherPublishInputs(req, pluginConfig, draft)
      const { diff, facts, previous, proposal, settings, snapshot } = inputs
      const previousVersion = previous ? parseVersion(previous.version) : null
      // The very rules the publish applies (`checkPublish`), on the settings as last saved. The
      // panel runs the same function again on the live form values with `facts`.
      const now = new Date().toISOString()
      const check = checkPublish(settings, facts, now)
      const render = { language, timeZone: pluginConfig.timeZone }
      const { totalDocs: subscribers } = await req.payload.count({
        collection: pluginConfig.subscribersSlug,
        overrideAccess: true,
        req,
        where: { and: [{ status: { equals: 'confirmed' } }, { documents: { in: [key] } }] },
      })
      // A material release shows the site banner from publication until `banner.days` after it takes effect.
      const effectiveAt =
        draft.release?.effectiveAt && Date.parse(draft.release.effectiveAt) > Date.now()
          ? new Date(draft.release.effectiveAt)
          : new Date()
      const bannerUntil = new Date(
        effectiveAt.getTime() + pluginConfig.banner.days * 24 * 3600 * 1000,
      ).toISOString()
      return Response.json(
        {
          banner: {
            days: pluginConfig.banner.days,
            effectiveAt: effectiveAt.toISOString(),
            until: bannerUntil,
          },
          changed: facts.changed,
          /** Keys of the sections the draft changes in any locale (the section list marks them). */
          changedSections: [
            ...new Set(
              Object.values(diff?.locales ?? {}).flatMap((localeDiff) =>
                localeDiff.sections
                  .filter((section) => section.type !== 'unchanged')
                  .map((section) => section.key),
              ),
            ),
          ],
          /** Every failing rule with the settings as last saved, rendered in the editor's language. */
          check: {
            leftovers: check.leftovers,
            outcome: check.outcome,
            problems: check.problems.map((problem) => ({
              ...problem,
              message: renderPublishProblem(problem, render),
            })),
          },
          diff: Object.fromEntries(
            Object.entries(diff?.locales ?? {}).map(([locale, localeDiff]) => [
              locale,
              {
                complete: localeDiff.complete,
                contentChanged: (facts.contentChanges[locale]?.length ?? 0) > 0,
                // Section headings under the panel's own (h2): level 3.
                html: renderDiffHtml(localeDiff, { headingLevel: 3, locale: language }),
                stats: localeDiff.stats,
                summary: diff?.summary[locale] ?? '',
                titleChanged:
                  localeDiff.title.flavour !== null ||
                  localeDiff.title.oldText !== localeDiff.title.newText,
              },
            ]),
          ),
          /** The GDPR Art. 13/14 checklist of every locale, and whether a missing element blocks the publish. */
          completeness: {
            mode: pluginConfig.publication.completeness,
            reports: checkDocumentCompleteness(snapshot, notApplicableOf(draft), pluginConfig),
          },
          document: key,
          /** Kinds the text of each section suggests, where they differ from the section's kind (`language`'s text). */
          kindSuggestions: kindSuggestionsFor(snapshot[language], language),
          /** What the publish rules need besides the settings: the panel checks the live form with them. */
          facts: { ...facts, contentHash: undefined },
          /** The settings as last saved, every locale (the form holds only the current locale's change note). */
          savedSettings: settings,
          previousVersion: previous?.version ?? null,
          proposal: proposal.proposal,
          reasons: proposal.reasons
            .filter(
              (reason) =>
                reason.locale === language || proposal.reasons.every((r) => r.locale !== language),
            )
            .map((reason) => ({ ...reason, message: renderReason(reason, language) })),
          subscribers,
          /** Recipients per audience (`notices.audiences`), before de-duplication by address. */
          audiences: await countAudiences(req.payload, pluginConfig),
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
