import type { Payload } from 'payload'

import type { ReleaseDoc } from '../collections/PolicyReleases/types.js'
import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'
import type { HttpAnswer } from './httpAnswer.js'
import type { ReleaseIndexEntry } from './ledgerIndex.js'
import type { ReadContext } from './readContext.js'

import { BannerView } from './bannerView.js'
import { DiffView } from './diffView.js'
import { FeedView } from './feedView.js'
import { answerWithError } from './httpAnswer.js'
import { LedgerIndex } from './ledgerIndex.js'
import { LedgerView } from './ledgerView.js'
import { BadRequest } from './params.js'
import { ReleaseView } from './releaseView.js'

export type { ReleaseIndexEntry } from './ledgerIndex.js'

/**
 * The read services, one per Payload instance, kept on `globalThis` under a registered symbol: under
 * Next each route (Payload's catch-all, the plugin's own route) bundles its own copy of this module
 * around the one shared Payload instance, and a publish through one route must invalidate the cache
 * the other route answers from (a module-level map gave each copy its own, stale for up to
 * `cache.indexTtlSeconds`).
 */
const REGISTRY = Symbol.for('payload-plugin-policy-docs/read-services')
const services: WeakMap<Payload, PolicyReadService> = ((
  globalThis as { [REGISTRY]?: WeakMap<Payload, PolicyReadService> }
)[REGISTRY] ??= new WeakMap())

/** The read service of a Payload instance (one per process and instance). */
export function getReadService(
  payload: Payload,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
): PolicyReadService {
  let service = services.get(payload)
  if (!service) {
    service = new PolicyReadService(payload, pluginConfig)
    services.set(payload, service)
  }
  return service
}

/** Drops what a new release makes stale. Called by the ledger's afterChange hook. */
export function invalidateReadCache(payload: Payload, documentKey: string): void {
  services.get(payload)?.invalidate(documentKey)
}

/**
 * Serves the public read API from memory, composing one view per concern over a shared ledger index:
 *
 * - release bodies and the archive (`releaseView.ts`), diffs (`diffView.ts`), the change banner
 *   (`bannerView.ts`), the Atom feed (`feedView.ts`), the whole ledger and its verdict
 *   (`ledgerView.ts`);
 * - which release is in force is answered from a small per-document index (`ledgerIndex.ts`), re-read
 *   at most every `cache.indexTtlSeconds`, and at once after a publish in this process;
 * - cache lifetimes never outlast the next moment a different release comes into force
 *   (`cachePolicy.ts`).
 *
 * Each route's answer goes through `guard`: a bad request gets its status, anything else a 503.
 */
export class PolicyReadService {
  /**
   * Bumped by every invalidation. An answer memoized by a fast path (see `stableUntil`) is reused
   * only while the generation it was made in is current.
   */
  generation = 0

  private readonly banners: BannerView
  private readonly diffs: DiffView
  private readonly feeds: FeedView
  private readonly index: LedgerIndex
  private readonly ledgers: LedgerView
  private readonly releases: ReleaseView

  constructor(
    private readonly payload: Payload,
    config: SanitizedPolicyDocumentsPluginConfig,
    now: () => Date = () => new Date(),
  ) {
    this.index = new LedgerIndex(payload, config)
    const context: ReadContext = { config, ledger: this.index, now }
    this.banners = new BannerView(context)
    this.diffs = new DiffView(context)
    this.feeds = new FeedView(context)
    this.ledgers = new LedgerView(context)
    this.releases = new ReleaseView(context)
  }

  /** `GET {publicPath}/:key` — the release in force now, or `?at=` a date. */
  current(
    rawKey: unknown,
    params: URLSearchParams,
    ifNoneMatch?: null | string,
  ): Promise<HttpAnswer> {
    return this.guard(() => this.releases.current(rawKey, params, ifNoneMatch))
  }

  /** `GET {publicPath}/:key/releases` — the archive, newest first. */
  archive(
    rawKey: unknown,
    params: URLSearchParams,
    ifNoneMatch?: null | string,
  ): Promise<HttpAnswer> {
    return this.guard(() => this.releases.archive(rawKey, params, ifNoneMatch))
  }

  /** `GET {publicPath}/:key/releases/:version` — one release. */
  release(
    rawKey: unknown,
    rawVersion: unknown,
    params: URLSearchParams,
    ifNoneMatch?: null | string,
  ): Promise<HttpAnswer> {
    return this.guard(() => this.releases.release(rawKey, rawVersion, params, ifNoneMatch))
  }

  /** `GET {publicPath}/:key/diff?from=1.1&to=2.0&locale=da&format=json|html` — between two releases. */
  diff(rawKey: unknown, params: URLSearchParams, ifNoneMatch?: null | string): Promise<HttpAnswer> {
    return this.guard(() => this.diffs.diff(rawKey, params, ifNoneMatch))
  }

  /** `GET {publicPath}/:key/changes?locale=da` — what the latest release changed since the one before. */
  changes(
    rawKey: unknown,
    params: URLSearchParams,
    ifNoneMatch?: null | string,
  ): Promise<HttpAnswer> {
    return this.guard(() => this.diffs.changes(rawKey, params, ifNoneMatch))
  }

  /** `GET {publicPath}/:key/banner?locale=da&seen=1.1` — whether a site should show the change banner. */
  banner(
    rawKey: unknown,
    params: URLSearchParams,
    ifNoneMatch?: null | string,
  ): Promise<HttpAnswer> {
    return this.guard(() => this.banners.banner(rawKey, params, ifNoneMatch))
  }

  /** `GET {publicPath}/:key/feed?locale=da` — an Atom feed of the releases. */
  feed(rawKey: unknown, params: URLSearchParams, ifNoneMatch?: null | string): Promise<HttpAnswer> {
    return this.guard(() => this.feeds.feed(rawKey, params, ifNoneMatch))
  }

  /** `GET {publicPath}/:key/archive.json` — the whole ledger with every locale's snapshot. */
  ledger(
    rawKey: unknown,
    params: URLSearchParams,
    ifNoneMatch?: null | string,
  ): Promise<HttpAnswer> {
    return this.guard(() => this.ledgers.ledger(rawKey, params, ifNoneMatch))
  }

  /** `GET {publicPath}/:key/verify` — recomputes the hash chain and says whether the history is intact. */
  verify(
    rawKey: unknown,
    params: URLSearchParams,
    ifNoneMatch?: null | string,
  ): Promise<HttpAnswer> {
    return this.guard(() => this.ledgers.verify(rawKey, params, ifNoneMatch))
  }

  /** Forgets the index and every cached answer of one document that a new release or event makes stale. */
  invalidate(documentKey: string): void {
    this.generation++
    this.index.invalidate(documentKey)
    this.releases.invalidate(documentKey)
    this.banners.invalidate(documentKey)
    this.ledgers.invalidate(documentKey)
  }

  /** The ledger index of one document; throws a 404 for unknown documents or documents with no release. */
  entries(key: string): Promise<ReleaseIndexEntry[]> {
    return this.index.entries(key)
  }

  /** Loads the full stored release (snapshot included) for one index entry. */
  loadRelease(entry: ReleaseIndexEntry): Promise<ReleaseDoc> {
    return this.index.loadRelease(entry)
  }

  private async guard(run: () => Promise<HttpAnswer>): Promise<HttpAnswer> {
    try {
      return await run()
    } catch (error) {
      if (error instanceof BadRequest) {
        return answerWithError(error.status, error.message)
      }
      this.payload.logger.error({ err: error, msg: '[policy-documents] public read API failed' })
      return answerWithError(503, 'The policy archive is unavailable right now. Try again shortly.')
    }
  }
}
