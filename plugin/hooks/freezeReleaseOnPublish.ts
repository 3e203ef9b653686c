import type {
  CollectionAfterChangeHook,
  CollectionBeforeChangeHook,
  PayloadRequest,
  RequestContext,
} from 'payload'

import type { PlannedRelease, PublishSettings } from '../../src/releases/index.js'
import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'
import type { StoredDiff } from '../utilities/proposeRelease.js'

import { hashSnapshot } from '../../src/releases/index.js'
import { HISTORY_IMPORT_CONTEXT_KEY, PUBLISHED_AT_CONTEXT_KEY } from '../defaults.js'
import { startNotice } from '../notices/startNotice.js'
import { createRelease } from '../utilities/createRelease.js'
import { findDocumentWithLocales } from '../utilities/findReleases.js'
import { mergeLocaleData } from '../utilities/mergeLocaleData.js'
import { gatherPublishInputs, planFromInputs } from '../utilities/planPublish.js'
import { toSnapshot } from '../utilities/toSnapshot.js'

export { findDocumentWithLocales, findLatestRelease } from '../utilities/findReleases.js'

/** What the before-change check hands to the after-change freeze, per document key. */
type CheckedPublish = {
  contentHash: string
  diff: null | StoredDiff
  plan: null | PlannedRelease
  publishedAt: string
  settings: PublishSettings
}

/**
 * Checked publishes by request, then by document key. Not in `req.context`: every nested Local API
 * call made with `req` replaces `req.context` with a copy, so the object a hook receives is not
 * the one the next hook sees.
 */
const checkedPublishes = new WeakMap<object, Map<string, CheckedPublish>>()

/** "Release" settings after a publish: empty, so the next release starts from a clean slate. */
const CLEARED_SETTINGS = {
  changeKind: 'proposed',
  changeNote: '',
  effectiveAt: null,
  justification: null,
  notifyMinor: false,
  shortNoticeJustification: null,
  translationFollows: [],
}

/**
 * Runs nested Local API calls on `req` and puts back its locale afterwards: a call with
 * `locale: 'all'` sets `req.locale` for the whole request, and the write this hook precedes would
 * then take the incoming single-locale data for every locale.
 */
async function keepingLocale<T>(req: PayloadRequest, run: () => Promise<T>): Promise<T> {
  const { fallbackLocale, locale } = req
  try {
    return await run()
  } finally {
    req.locale = locale
    req.fallbackLocale = fallbackLocale
  }
}

function publishedAtOf(context: RequestContext): string {
  const override = context[PUBLISHED_AT_CONTEXT_KEY]
  return typeof override === 'string' ? new Date(override).toISOString() : new Date().toISOString()
}

/**
 * On publish, applies every publish rule BEFORE anything is written (issue 10: without
 * transactions, as on MongoDB without a replica set, a refusal after the write would leave the
 * document published with no release). The document as it will be saved is the latest version
 * with the incoming locale's data laid over it (`mergeLocaleData`). A refusal throws
 * `PublishRefusedError` with every failing rule; an accepted publish clears the "Release" settings
 * in the same write, so the next release starts empty (the release records them).
 */
export function checkPublishRules(
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
): CollectionBeforeChangeHook {
  return async ({ context, data, originalDoc, req }) => {
    // A history import writes the document its imported releases already record.
    if (data._status !== 'published' || context[HISTORY_IMPORT_CONTEXT_KEY]) {
      return data
    }
    const locale =
      typeof req.locale === 'string' && req.locale !== 'all'
        ? req.locale
        : pluginConfig.defaultLocale
    const { full, inputs } = await keepingLocale(req, async () => {
      const base =
        originalDoc?.id !== undefined
          ? await findDocumentWithLocales(req, pluginConfig, originalDoc.id, true)
          : null
      const full = mergeLocaleData(base, data, locale)
      return { base, full, inputs: await gatherPublishInputs(req, pluginConfig, full) }
    })
    const publishedAt = publishedAtOf(context)
    const plan = planFromInputs(req, pluginConfig, full.key, inputs, publishedAt)
    const checked: CheckedPublish = {
      contentHash: inputs.facts.contentHash,
      diff: inputs.diff,
      plan,
      publishedAt,
      settings: inputs.settings,
    }
    const perRequest = checkedPublishes.get(req) ?? new Map<string, CheckedPublish>()
    perRequest.set(full.key, checked)
    checkedPublishes.set(req, perRequest)
    if (plan) {
      // Only the request's locale of the (localized) change note can be cleared here; a note left in
      // another locale is recognised as a leftover by the next publish (`checkPublish`).
      data.release = { ...((data.release as object | undefined) ?? {}), ...CLEARED_SETTINGS }
    }
    return data
  }
}

/**
 * After a publish is written, freezes the checked plan into a new release in the ledger and starts
 * its notice: the part that needs the saved document (its id). Inside the same request (every
 * Local API call gets `req`), so on adapters with transactions a failure here rolls back too.
 * Drafts and autosaves create nothing, and neither does a publish that changes no content.
 */
export function freezeReleaseOnPublish(
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
): CollectionAfterChangeHook {
  return async ({ context, doc, req }) => {
    if (doc._status !== 'published' || context[HISTORY_IMPORT_CONTEXT_KEY]) {
      return doc
    }
    const full = await findDocumentWithLocales(req, pluginConfig, doc.id, false)
    const snapshot = toSnapshot(full, pluginConfig.locales)
    const contentHash = hashSnapshot(snapshot)
    let checked = checkedPublishes.get(req)?.get(full.key)
    checkedPublishes.get(req)?.delete(full.key)
    if (!checked || checked.contentHash !== contentHash) {
      // The saved document is not what the check saw (another hook changed it): apply the rules
      // again to what was saved, with the settings the editor gave.
      if (checked) {
        req.payload.logger.warn(
          `[policy-documents] "${full.key}": the saved document differs from the checked one; checking it again.`,
        )
      }
      const inputs = await gatherPublishInputs(req, pluginConfig, full)
      const settings = checked?.settings ?? inputs.settings
      const publishedAt = checked?.publishedAt ?? publishedAtOf(context)
      const plan = planFromInputs(req, pluginConfig, full.key, { ...inputs, settings }, publishedAt)
      checked = { contentHash, diff: inputs.diff, plan, publishedAt, settings }
    }
    const { diff, plan } = checked
    if (!plan) {
      req.payload.logger.info(
        `[policy-documents] "${full.key}" published with no content change: no new release.`,
      )
      return doc
    }
    const release = await createRelease(req, pluginConfig, plan, {
      diff,
      document: doc.id,
      documentKey: full.key,
      snapshot,
    })
    // Material releases start a notice; a minor one only when the editor asks. The first release
    // announces nothing: it is not a change to anything a subscriber agreed to.
    if (plan.notify) {
      await startNotice(
        req,
        pluginConfig,
        { documentKey: full.key, id: release.id, version: plan.version },
        'notice',
      )
    }
    return doc
  }
}
