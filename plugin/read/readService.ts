import type { Payload } from 'payload'

import { Feed } from 'feed'
import { LRUCache } from 'lru-cache'

import type { ChangeKind, LocaleSnapshot, ReleaseSnapshot } from '../../src/types.js'
import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'
import type { CachedBody, HttpAnswer } from './httpAnswer.js'

import { bannerExpiresAt, renderBanner, selectBanner } from '../../src/banner/index.js'
import { diffLocale, renderDiffHtml, summarizeDiff } from '../../src/diff/index.js'
import { escapeHtml, getTranslator } from '../../src/i18n/index.js'
import { fillUrlTemplate, formatDate } from '../../src/notices/index.js'
import {
  type ArchivedEvent,
  type ArchivedRelease,
  canonicalCopy,
  GENESIS_HASH,
  nextEffectiveChange,
  releaseInForce,
  translationNoticeFor,
  verifyChain,
} from '../../src/releases/index.js'
import { answerWithBody, answerWithError, serializeBody, serializeText } from './httpAnswer.js'
import {
  BadRequest,
  parseAt,
  parseDocumentKey,
  parseLocale,
  parseVersionParam,
  singleParam,
} from './params.js'

/** One ledger entry, as much as the read path needs to route a request (no snapshot). */
export type ReleaseIndexEntry = {
  /** The effective date first announced; `effectiveAt` is the current one after postponements. */
  announcedEffectiveAt: string
  changeNote: Record<string, string>
  contentHash: string
  effectiveAt: string
  hash: string
  id: number | string
  kind: ChangeKind
  major: number
  minor: number
  previousHash: string
  publishedAt: string
  status: 'active' | 'withdrawn'
  version: string
}

/** Releases that can be in force: withdrawn ones never are. */
const active = (entries: ReleaseIndexEntry[]) =>
  entries.filter((entry) => entry.status !== 'withdrawn')

type DocumentIndex = {
  entries: ReleaseIndexEntry[]
  exists: boolean
  loadedAt: number
}

type ExpiringBody = { cached: CachedBody; expiresAt: number }

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
 * Serves the public read API from memory.
 *
 * - Release bodies are immutable, so each (release, locale) is serialized once, with its ETag, and
 *   kept in an LRU map; a hit costs no database query and no JSON.stringify.
 * - Which release is in force is answered from a small per-document index (no snapshots), re-read
 *   at most every `cache.indexTtlSeconds`, and at once after a publish in this process.
 * - Cache lifetimes never outlast the next moment a different release comes into force.
 */
export class PolicyReadService {
  private readonly archives = new LRUCache<string, ExpiringBody>({ max: 1000 })
  private readonly bodies = new LRUCache<string, CachedBody>({ max: 2000 })
  private readonly banners = new LRUCache<string, ExpiringBody>({ max: 1000 })
  private readonly diffs = new LRUCache<string, CachedBody>({ max: 500 })
  private readonly ledgers = new LRUCache<
    string,
    ExpiringBody & { report: ReturnType<typeof verifyChain> }
  >({ max: 100 })
  private readonly feeds = new LRUCache<string, CachedBody>({ max: 200 })
  private readonly indexes = new LRUCache<string, DocumentIndex | Promise<DocumentIndex>>({
    max: 1000,
  })
  /** When each loaded index (by its entries array) must be re-read. */
  private readonly indexExpiry = new WeakMap<ReleaseIndexEntry[], number>()
  /**
   * Bumped by every invalidation. An answer memoized by a fast path (see `stableUntil`) is reused
   * only while the generation it was made in is current.
   */
  generation = 0

  constructor(
    private readonly payload: Payload,
    private readonly config: SanitizedPolicyDocumentsPluginConfig,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** `GET {publicPath}/:key` — the release in force now, or `?at=` a date. */
  async current(
    rawKey: unknown,
    params: URLSearchParams,
    ifNoneMatch?: null | string,
  ): Promise<HttpAnswer> {
    return this.guard(async () => {
      const key = parseDocumentKey(rawKey)
      const locale = this.locale(params)
      const at = parseAt(singleParam(params, 'at'))
      const entries = await this.entries(key)
      const now = this.now()
      const moment = at ?? now
      const entry = releaseInForce(active(entries), moment)
      if (!entry) {
        const first = [...active(entries), ...entries].sort(
          (a, b) => Date.parse(a.effectiveAt) - Date.parse(b.effectiveAt),
        )[0]!
        return answerWithError(
          404,
          at
            ? `No release of "${key}" was in force at ${moment.toISOString()}: the first took effect at ${first.effectiveAt}.`
            : `No release of "${key}" is in force yet: the first takes effect at ${first.effectiveAt}.`,
        )
      }
      const cached = await this.body(key, entry, entries, locale)
      return this.stable(
        answerWithBody(cached, ifNoneMatch, this.cacheControl(entries, now)),
        this.stableUntil(entries, now),
      )
    })
  }

  /** `GET {publicPath}/:key/releases` — the archive, newest first. */
  async archive(
    rawKey: unknown,
    params: URLSearchParams,
    ifNoneMatch?: null | string,
  ): Promise<HttpAnswer> {
    return this.guard(async () => {
      const key = parseDocumentKey(rawKey)
      const locale = this.locale(params)
      const entries = await this.entries(key)
      const now = this.now()
      const cacheKey = `${key}|${locale}`
      let archive = this.archives.get(cacheKey)
      if (!archive || archive.expiresAt <= now.getTime()) {
        const inForce = releaseInForce(active(entries), now)
        const next = nextEffectiveChange(active(entries), now)
        archive = {
          cached: serializeBody({
            document: key,
            inForce: inForce?.version ?? null,
            locale,
            releases: [...entries]
              .reverse()
              .map((entry) => this.summary(key, entry, entries, locale)),
          }),
          expiresAt: next ? next.getTime() : Infinity,
        }
        this.archives.set(cacheKey, archive)
      }
      return this.stable(
        answerWithBody(archive.cached, ifNoneMatch, this.cacheControl(entries, now)),
        Math.min(archive.expiresAt, this.stableUntil(entries, now)),
      )
    })
  }

  /** `GET {publicPath}/:key/releases/:version` — one release. */
  async release(
    rawKey: unknown,
    rawVersion: unknown,
    params: URLSearchParams,
    ifNoneMatch?: null | string,
  ): Promise<HttpAnswer> {
    return this.guard(async () => {
      const key = parseDocumentKey(rawKey)
      const version = parseVersionParam(typeof rawVersion === 'string' ? rawVersion : undefined)
      const locale = this.locale(params)
      const entries = await this.entries(key)
      const entry = entries.find(
        (candidate) => candidate.major === version.major && candidate.minor === version.minor,
      )
      if (!entry) {
        return answerWithError(
          404,
          `"${key}" has no release ${version.major}.${version.minor}. Releases: ${entries.map((e) => e.version).join(', ')}.`,
        )
      }
      const cached = await this.body(key, entry, entries, locale)
      const now = this.now()
      return this.stable(
        answerWithBody(cached, ifNoneMatch, this.cacheControl(entries, now)),
        this.stableUntil(entries, now),
      )
    })
  }

  /**
   * `GET {publicPath}/:key/diff?from=1.1&to=2.0&locale=da&format=json|html` — the structural diff
   * between two releases. Releases never change, so each answer is computed once and cached.
   */
  async diff(
    rawKey: unknown,
    params: URLSearchParams,
    ifNoneMatch?: null | string,
  ): Promise<HttpAnswer> {
    return this.guard(async () => {
      const key = parseDocumentKey(rawKey)
      const from = parseVersionParam(singleParam(params, 'from'), 'from')
      const to = parseVersionParam(singleParam(params, 'to'), 'to')
      const { format, locale } = this.diffParams(params)
      if (from.major > to.major || (from.major === to.major && from.minor >= to.minor)) {
        throw new BadRequest('"from" must be an earlier version than "to", e.g. from=1.1&to=2.0.')
      }
      const entries = await this.entries(key)
      const find = (version: { major: number; minor: number }, name: string) => {
        const entry = entries.find(
          (candidate) => candidate.major === version.major && candidate.minor === version.minor,
        )
        if (!entry) {
          throw new BadRequest(
            `"${key}" has no release ${version.major}.${version.minor} (${name}). Releases: ${entries.map((e) => e.version).join(', ')}.`,
            404,
          )
        }
        return entry
      }
      return this.diffAnswer(
        key,
        find(from, 'from'),
        find(to, 'to'),
        locale,
        format,
        ifNoneMatch,
        entries,
      )
    })
  }

  /** `GET {publicPath}/:key/changes?locale=da` — what the latest release changed since the one before. */
  async changes(
    rawKey: unknown,
    params: URLSearchParams,
    ifNoneMatch?: null | string,
  ): Promise<HttpAnswer> {
    return this.guard(async () => {
      const key = parseDocumentKey(rawKey)
      const { format, locale } = this.diffParams(params)
      const entries = await this.entries(key)
      const latest = entries.at(-1)!
      const previous = entries.at(-2)
      if (!previous) {
        return answerWithError(
          404,
          `"${key}" has only one release (${latest.version}): there are no changes to show yet.`,
        )
      }
      return this.diffAnswer(key, previous, latest, locale, format, ifNoneMatch, entries)
    })
  }

  /**
   * `GET {publicPath}/:key/banner?locale=da&seen=1.1` — whether a site should show the change
   * banner: after a material release, from publication until `banner.days` after it takes effect,
   * unless the visitor has seen that version. Cached until the answer can next change.
   */
  async banner(
    rawKey: unknown,
    params: URLSearchParams,
    ifNoneMatch?: null | string,
  ): Promise<HttpAnswer> {
    return this.guard(async () => {
      const key = parseDocumentKey(rawKey)
      const locale = this.locale(params)
      const seenParam = singleParam(params, 'seen')
      const seen =
        seenParam === undefined || seenParam === ''
          ? undefined
          : parseVersionParam(seenParam, 'seen')
      const entries = await this.entries(key)
      const now = this.now()
      const cacheKey = `${key}|${locale}|${seen ? `${seen.major}.${seen.minor}` : ''}`
      let banner = this.banners.get(cacheKey)
      if (!banner || banner.expiresAt <= now.getTime()) {
        // The first release announces nothing: there was no earlier text for it to change.
        const releases = entries
          .filter((entry) => entry.previousHash !== GENESIS_HASH)
          .map((entry) => ({
            ...entry,
            effectiveAt: entry.announcedEffectiveAt,
            postponedTo: entry.effectiveAt,
            status: entry.status,
          }))
        const input = { bannerDays: this.config.banner.days, now, releases, seen: seenParam }
        const selection = selectBanner(input)
        const expiresAt = Math.min(
          bannerExpiresAt(input)?.getTime() ?? Infinity,
          nextEffectiveChange(active(entries), now)?.getTime() ?? Infinity,
          now.getTime() + this.config.cache.indexTtlSeconds * 1000,
        )
        let value: unknown = {
          document: key,
          locale,
          reason: selection.show ? undefined : selection.reason,
          show: false,
        }
        if (selection.show) {
          const entry = entries.find((candidate) => candidate.version === selection.version)!
          const previous = entries[entries.indexOf(entry) - 1]
          const release = await this.loadRelease(entry)
          const urlValues = {
            from: previous?.version ?? entry.version,
            key,
            locale,
            to: entry.version,
            version: entry.version,
          }
          value = {
            ...renderBanner(selection, locale, {
              compareUrl: previous
                ? fillUrlTemplate(this.config.urls.compare, urlValues)
                : undefined,
              fallbackLocale: this.config.defaultLocale,
              statementUrl: fillUrlTemplate(this.config.urls.statement, urlValues),
              timeZone: this.config.timeZone,
              title: release.snapshot[locale]?.title || key,
            }),
            document: key,
            endsAt: selection.endsAt,
            phase: selection.phase,
            show: true,
            translationNotice: translationNoticeFor(release.translationFollows, locale, {
              publishedAt: entry.publishedAt,
              timeZone: this.config.timeZone,
              version: entry.version,
            }),
          }
        }
        banner = { cached: serializeBody(value), expiresAt }
        this.banners.set(cacheKey, banner)
      }
      const maxAge = Math.max(
        0,
        Math.min(
          this.config.cache.maxAgeSeconds,
          Math.floor((banner.expiresAt - now.getTime()) / 1000),
        ),
      )
      const answer = answerWithBody(
        banner.cached,
        ifNoneMatch,
        `public, max-age=${maxAge}, stale-while-revalidate=${Math.min(maxAge, this.config.cache.staleWhileRevalidateSeconds)}`,
      )
      // The header stays the same while a full max-age still fits before the answer expires.
      return this.stable(
        answer,
        Math.min(
          this.indexExpiry.get(entries) ?? 0,
          banner.expiresAt - this.config.cache.maxAgeSeconds * 1000,
        ),
      )
    })
  }

  /**
   * `GET {publicPath}/:key/archive.json` — the whole ledger with every locale's snapshot: all a
   * third party needs to recompute the hash chain (`npm run verify -- <url>`).
   */
  async ledger(
    rawKey: unknown,
    params: URLSearchParams,
    ifNoneMatch?: null | string,
  ): Promise<HttpAnswer> {
    return this.guard(async () => {
      const key = parseDocumentKey(rawKey)
      const entries = await this.entries(key)
      const ledger = await this.loadLedger(key, entries)
      const now = this.now()
      return this.stable(
        answerWithBody(ledger.cached, ifNoneMatch, this.cacheControl(entries, now)),
        Math.min(ledger.expiresAt, this.stableUntil(entries, now)),
      )
    })
  }

  /** `GET {publicPath}/:key/verify` — recomputes the hash chain and says whether the history is intact. */
  async verify(
    rawKey: unknown,
    params: URLSearchParams,
    ifNoneMatch?: null | string,
  ): Promise<HttpAnswer> {
    return this.guard(async () => {
      const key = parseDocumentKey(rawKey)
      const entries = await this.entries(key)
      const { report } = await this.loadLedger(key, entries)
      const cached = serializeBody({
        document: key,
        ...report,
        algorithm: 'SHA-256 over RFC 8785 (JCS) canonical JSON; see README',
      })
      return answerWithBody(cached, ifNoneMatch, 'no-cache')
    })
  }

  /** `GET {publicPath}/:key/feed?locale=da` — an Atom feed of the releases with change notes and compare links. */
  async feed(
    rawKey: unknown,
    params: URLSearchParams,
    ifNoneMatch?: null | string,
  ): Promise<HttpAnswer> {
    return this.guard(async () => {
      const key = parseDocumentKey(rawKey)
      const locale = this.locale(params)
      const entries = await this.entries(key)
      const cacheKey = `${key}|${locale}|${String(entries.at(-1)!.id)}`
      let cached = this.feeds.get(cacheKey)
      if (!cached) {
        const latest = await this.loadRelease(entries.at(-1)!)
        const title = latest.snapshot[locale]?.title || key
        const self = `${this.config.serverApiUrl}${this.config.publicPath}/${key}/feed?locale=${encodeURIComponent(locale)}`
        const urlValues = (entry: ReleaseIndexEntry, previous?: ReleaseIndexEntry) => ({
          from: previous?.version ?? entry.version,
          key,
          locale,
          to: entry.version,
          version: entry.version,
        })
        const t = getTranslator(locale)
        // RFC 4287 requires an author for every entry: the site, on the feed and on each entry.
        const author = { name: this.config.siteName }
        const feed = new Feed({
          author,
          copyright: this.config.siteName,
          feedLinks: { atom: self },
          id: self,
          language: locale,
          link: fillUrlTemplate(this.config.urls.statement, urlValues(entries.at(-1)!)),
          // Feed readers treat these fields as HTML: escape, so nothing the editors wrote can run.
          title: escapeHtml(title),
          updated: new Date(entries.at(-1)!.publishedAt),
        })
        entries.forEach((entry) => {
          const material = entry.kind === 'material'
          const date = formatDate(entry.effectiveAt, locale, { timeZone: this.config.timeZone })
          feed.addItem({
            author: [author],
            date: new Date(entry.publishedAt),
            // The kind in words, in the feed's language (not a symbol a screen reader reads as "black circle").
            description: escapeHtml(
              [
                entry.changeNote?.[locale] ?? '',
                t(material ? 'publish.feedEntryMaterial' : 'publish.feedEntryMinor', {
                  date,
                  version: entry.version,
                }),
              ]
                .filter(Boolean)
                .join('\n'),
            ),
            id: `urn:policy:${key}:${entry.version}:${entry.hash}`,
            // Each entry links to its own release (the compare link is in the description's page).
            link: fillUrlTemplate(this.config.urls.release, urlValues(entry)),
            published: new Date(entry.publishedAt),
            title: escapeHtml(
              t(material ? 'publish.feedTitleMaterial' : 'publish.feedTitleMinor', {
                title,
                version: entry.version,
              }),
            ),
          })
        })
        // The feed library has no xml:lang; the feed's language goes on the root element.
        const atom = feed
          .atom1()
          .replace(
            '<feed xmlns="http://www.w3.org/2005/Atom">',
            `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeHtml(locale)}">`,
          )
        cached = serializeText(atom, 'application/atom+xml; charset=utf-8')
        this.feeds.set(cacheKey, cached)
      }
      const now = this.now()
      return this.stable(
        answerWithBody(cached, ifNoneMatch, this.cacheControl(entries, now)),
        this.stableUntil(entries, now),
      )
    })
  }

  private async loadLedger(key: string, entries: ReleaseIndexEntry[]) {
    const cacheKey = `${key}|${String(entries.at(-1)!.id)}|${entries.length}`
    let ledger = this.ledgers.get(cacheKey)
    // Re-read at least every index TTL: the verdict must reflect the database, not a memory of it.
    if (!ledger || ledger.expiresAt <= Date.now()) {
      const releases: ArchivedRelease[] = []
      for (const entry of entries) {
        const release = await this.loadRelease(entry)
        releases.push({
          changeNote: release.changeNote as Record<string, string>,
          contentHash: String(release.contentHash),
          documentKey: key,
          effectiveAt: String(release.effectiveAt),
          hash: String(release.hash),
          kind: release.kind as ArchivedRelease['kind'],
          previousHash: String(release.previousHash),
          publishedAt: String(release.publishedAt),
          snapshot: release.snapshot,
          // A "translation follows" declaration is part of what the release hash covers.
          ...(Array.isArray(release.translationFollows) && release.translationFollows.length > 0
            ? {
                translationFollows:
                  release.translationFollows as ArchivedRelease['translationFollows'],
              }
            : {}),
          version: String(release.version),
        })
      }
      const eventDocs = await this.findEvents(key)
      const hashById = new Map(entries.map((entry) => [String(entry.id), entry.hash]))
      const events: ArchivedEvent[] = (
        eventDocs as unknown as Array<ArchivedEvent & { release: number | string }>
      ).map((event) => ({
        effectiveAt: event.effectiveAt ?? null,
        hash: String(event.hash),
        previousEffectiveAt: String(event.previousEffectiveAt),
        reason: String(event.reason),
        recordedAt: String(event.recordedAt),
        releaseHash: hashById.get(String(event.release)) ?? '',
        type: event.type,
        version: String(event.version),
      }))
      ledger = {
        cached: serializeBody({
          document: key,
          events,
          format: 'payload-plugin-policy-docs/archive@1',
          releases,
        }),
        expiresAt: Date.now() + this.config.cache.indexTtlSeconds * 1000,
        report: verifyChain(releases, events),
      }
      this.ledgers.set(cacheKey, ledger)
    }
    return ledger
  }

  /** Forgets the index and archives of one document (a new release landed). */
  invalidate(documentKey: string): void {
    this.generation++
    this.indexes.delete(documentKey)
    for (const locale of this.config.locales) {
      this.archives.delete(`${documentKey}|${locale}`)
    }
    for (const cache of [this.banners, this.ledgers]) {
      for (const cacheKey of [...cache.keys()]) {
        if (cacheKey.startsWith(`${documentKey}|`)) {
          cache.delete(cacheKey)
        }
      }
    }
  }

  /** The ledger index of one document; throws a 404 for unknown documents or documents with no release. */
  async entries(key: string): Promise<ReleaseIndexEntry[]> {
    const index = await this.index(key)
    if (!index.exists) {
      throw new BadRequest(`Unknown policy document "${key}".`, 404)
    }
    if (index.entries.length === 0) {
      throw new BadRequest(`"${key}" has no published release yet.`, 404)
    }
    return index.entries
  }

  /** Loads the full stored release (snapshot included) for one index entry. */
  async loadRelease(
    entry: ReleaseIndexEntry,
  ): Promise<{ snapshot: ReleaseSnapshot } & Record<string, unknown>> {
    const doc = await this.payload.findByID({
      id: entry.id,
      collection: this.config.releasesSlug,
      depth: 0,
      overrideAccess: true,
    })
    // Canonical key order: Postgres `jsonb` returns stored JSON with its keys reordered, and the
    // answers built from it must be the same bytes (and ETags) on every database.
    return canonicalCopy(doc) as unknown as { snapshot: ReleaseSnapshot } & Record<string, unknown>
  }

  private diffParams(params: URLSearchParams): { format: 'html' | 'json'; locale: string } {
    const format = singleParam(params, 'format') ?? 'json'
    if (format !== 'json' && format !== 'html') {
      throw new BadRequest(`"format" must be json or html; got "${format.slice(0, 20)}".`)
    }
    return { format, locale: this.locale(params) }
  }

  private async diffAnswer(
    key: string,
    from: ReleaseIndexEntry,
    to: ReleaseIndexEntry,
    locale: string,
    format: 'html' | 'json',
    ifNoneMatch: null | string | undefined,
    entries: ReleaseIndexEntry[],
  ): Promise<HttpAnswer> {
    const cacheKey = `${String(from.id)}|${String(to.id)}|${locale}|${format}`
    let cached = this.diffs.get(cacheKey)
    if (!cached) {
      const [older, newer] = await Promise.all([this.loadRelease(from), this.loadRelease(to)])
      // Without the timing: the same release pair and locale must give the same bytes (and ETag)
      // on every process, or CDN revalidation between servers always misses.
      const full = diffLocale(older.snapshot[locale] ?? null, newer.snapshot[locale] ?? null, {
        locale,
        timeoutMs: this.config.diff.budgetMs,
      })
      const { elapsedMs: _elapsedMs, ...diff } = full
      const html = renderDiffHtml(full, { locale })
      const api = `${this.config.apiRoute}${this.config.publicPath}/${key}`
      cached =
        format === 'html'
          ? serializeText(html, 'text/html; charset=utf-8')
          : serializeBody({
              diff,
              document: key,
              from: { effectiveAt: from.effectiveAt, version: from.version },
              html,
              links: {
                compare: fillUrlTemplate(this.config.urls.compare, {
                  from: from.version,
                  key,
                  locale,
                  to: to.version,
                }),
                from: `${api}/releases/${from.version}?locale=${encodeURIComponent(locale)}`,
                to: `${api}/releases/${to.version}?locale=${encodeURIComponent(locale)}`,
              },
              locale,
              summary: summarizeDiff(full, locale),
              to: { effectiveAt: to.effectiveAt, kind: to.kind, version: to.version },
            })
      this.diffs.set(cacheKey, cached)
    }
    const now = this.now()
    return this.stable(
      answerWithBody(cached, ifNoneMatch, this.cacheControl(entries, now)),
      this.stableUntil(entries, now),
    )
  }

  private async body(
    key: string,
    entry: ReleaseIndexEntry,
    entries: ReleaseIndexEntry[],
    locale: string,
  ): Promise<CachedBody> {
    // The body shows the current effective date and status, which postponements and withdrawals
    // change: they are part of the key, so every process picks up an event with its index.
    const cacheKey = `${String(entry.id)}|${locale}|${entry.effectiveAt}|${entry.status}`
    const hit = this.bodies.get(cacheKey)
    if (hit) {
      return hit
    }
    const release = await this.loadRelease(entry)
    const localeSnapshot: LocaleSnapshot | undefined = release.snapshot[locale]
    const cached = serializeBody({
      ...this.summary(key, entry, entries, locale),
      html: localeSnapshot?.html ?? '',
      sections: localeSnapshot?.sections ?? [],
      title: localeSnapshot?.title ?? '',
      /** Set when this locale's translation follows later: says so, in this locale's language. */
      translationNotice: translationNoticeFor(release.translationFollows, locale, {
        publishedAt: entry.publishedAt,
        timeZone: this.config.timeZone,
        version: entry.version,
      }),
    })
    this.bodies.set(cacheKey, cached)
    return cached
  }

  /**
   * `max-age` and `stale-while-revalidate` from the options, but never past the moment a different
   * release comes into force, so no cache serves yesterday's statement after tomorrow's takes effect.
   */
  private cacheControl(entries: ReleaseIndexEntry[], now: Date): string {
    const next = nextEffectiveChange(active(entries), now)
    const untilChange = next
      ? Math.max(0, Math.floor((next.getTime() - now.getTime()) / 1000))
      : Infinity
    const maxAge = Math.min(this.config.cache.maxAgeSeconds, untilChange)
    const swr = Math.min(
      this.config.cache.staleWhileRevalidateSeconds,
      Math.max(0, untilChange - maxAge),
    )
    return `public, max-age=${maxAge}, stale-while-revalidate=${swr}`
  }

  /**
   * Until when answers computed from `entries` keep the same Cache-Control (and body): the next
   * re-read of the index, and no later than the moment `max-age` starts shrinking towards the
   * next release that comes into force.
   */
  private stableUntil(entries: ReleaseIndexEntry[], now: Date): number {
    const next = nextEffectiveChange(active(entries), now)
    const untilHeaderChanges = next
      ? next.getTime() -
        (this.config.cache.maxAgeSeconds + this.config.cache.staleWhileRevalidateSeconds) * 1000
      : Infinity
    return Math.min(this.indexExpiry.get(entries) ?? 0, untilHeaderChanges)
  }

  private stable(answer: HttpAnswer, until: number): HttpAnswer {
    answer.stableUntil = until
    return answer
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

  /** The postponements and withdrawals of a document, in the order they were recorded. */
  private async findEvents(key: string): Promise<unknown[]> {
    const { docs } = await this.payload.find({
      collection: this.config.eventsSlug,
      depth: 0,
      limit: 0,
      overrideAccess: true,
      pagination: false,
      sort: 'createdAt',
      where: { documentKey: { equals: key } },
    })
    return docs
  }

  private async index(key: string): Promise<DocumentIndex> {
    const cached = this.indexes.get(key)
    const ttl = this.config.cache.indexTtlSeconds * 1000
    if (cached && (cached instanceof Promise || Date.now() - cached.loadedAt < ttl)) {
      return cached
    }
    const loading = this.loadIndex(key).then(
      (index) => {
        this.indexes.set(key, index)
        return index
      },
      (error: unknown) => {
        this.indexes.delete(key)
        throw error
      },
    )
    // Concurrent requests for a cold key share one load.
    this.indexes.set(key, loading)
    return loading
  }

  private async loadIndex(key: string): Promise<DocumentIndex> {
    const { docs } = await this.payload.find({
      collection: this.config.releasesSlug,
      depth: 0,
      limit: 0,
      overrideAccess: true,
      pagination: false,
      select: {
        changeNote: true,
        contentHash: true,
        effectiveAt: true,
        hash: true,
        kind: true,
        major: true,
        minor: true,
        previousHash: true,
        publishedAt: true,
        version: true,
      },
      where: { documentKey: { equals: key } },
    })
    const entries = (docs as unknown as ReleaseIndexEntry[]).sort(
      (a, b) => a.major - b.major || a.minor - b.minor,
    )
    for (const entry of entries) {
      entry.announcedEffectiveAt = entry.effectiveAt
      entry.status = 'active'
    }
    if (entries.length > 0) {
      // Postponements and withdrawals are separate ledger entries; apply them in the order recorded.
      const events = await this.findEvents(key)
      for (const event of events as unknown as Array<{
        effectiveAt?: null | string
        release: number | string
        type: string
      }>) {
        const entry = entries.find((candidate) => String(candidate.id) === String(event.release))
        if (entry && event.type === 'withdrawn') {
          entry.status = 'withdrawn'
        } else if (entry && event.effectiveAt) {
          entry.effectiveAt = event.effectiveAt
        }
      }
    }
    let exists = entries.length > 0
    if (!exists) {
      const { totalDocs } = await this.payload.count({
        collection: this.config.documentsSlug,
        overrideAccess: true,
        where: { key: { equals: key } },
      })
      exists = totalDocs > 0
    }
    const loadedAt = Date.now()
    this.indexExpiry.set(entries, loadedAt + this.config.cache.indexTtlSeconds * 1000)
    return { entries, exists, loadedAt }
  }

  private locale(params: URLSearchParams): string {
    return parseLocale(
      singleParam(params, 'locale'),
      this.config.locales,
      this.config.defaultLocale,
    )
  }

  private summary(
    key: string,
    entry: ReleaseIndexEntry,
    entries: ReleaseIndexEntry[],
    locale: string,
  ) {
    const position = entries.indexOf(entry)
    const previous = position > 0 ? entries[position - 1] : undefined
    const api = `${this.config.apiRoute}${this.config.publicPath}/${key}`
    const query = `?locale=${encodeURIComponent(locale)}`
    const urlValues = {
      from: previous?.version ?? entry.version,
      key,
      locale,
      to: entry.version,
      version: entry.version,
    }
    return {
      announcedEffectiveAt: entry.announcedEffectiveAt,
      changeNote: entry.changeNote?.[locale] ?? '',
      contentHash: entry.contentHash,
      document: key,
      effectiveAt: entry.effectiveAt,
      hash: entry.hash,
      kind: entry.kind,
      links: {
        api: `${api}/releases/${entry.version}${query}`,
        compare: previous ? fillUrlTemplate(this.config.urls.compare, urlValues) : null,
        diff: previous
          ? `${api}/diff?from=${previous.version}&to=${entry.version}&locale=${encodeURIComponent(locale)}`
          : null,
        statement: fillUrlTemplate(this.config.urls.statement, urlValues),
      },
      locale,
      previousHash: entry.previousHash,
      previousVersion: previous?.version ?? null,
      publishedAt: entry.publishedAt,
      status: entry.status,
      version: entry.version,
    }
  }
}
