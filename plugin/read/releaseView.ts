import { LRUCache } from 'lru-cache'

import type { LocaleSnapshot } from '../../src/types.js'
import type { ExpiringBody } from './cachePolicy.js'
import type { CachedBody, HttpAnswer } from './httpAnswer.js'
import type { ReleaseIndexEntry } from './ledgerIndex.js'
import type { ReadContext } from './readContext.js'

import { fillUrlTemplate } from '../../src/notices/index.js'
import {
  nextEffectiveChange,
  releaseInForce,
  translationNoticeFor,
} from '../../src/releases/index.js'
import { answerWithError, serializeBody } from './httpAnswer.js'
import { active } from './ledgerIndex.js'
import { parseAt, parseDocumentKey, parseVersionParam, singleParam } from './params.js'
import { answerFromIndex, requestLocale } from './readContext.js'

/**
 * The releases of a document as the public API shows them: the one in force, one by version, and
 * the archive. Release bodies are immutable, so each (release, locale) is serialized once, with its
 * ETag, and kept in an LRU map; a hit costs no database query and no JSON.stringify.
 */
export class ReleaseView {
  private readonly archives = new LRUCache<string, ExpiringBody>({ max: 1000 })
  private readonly bodies = new LRUCache<string, CachedBody>({ max: 2000 })

  constructor(private readonly context: ReadContext) {}

  /** `GET {publicPath}/:key` — the release in force now, or `?at=` a date. */
  async current(
    rawKey: unknown,
    params: URLSearchParams,
    ifNoneMatch?: null | string,
  ): Promise<HttpAnswer> {
    const key = parseDocumentKey(rawKey)
    const locale = requestLocale(this.context, params)
    const at = parseAt(singleParam(params, 'at'))
    const entries = await this.context.ledger.entries(key)
    const now = this.context.now()
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
    return answerFromIndex(this.context, cached, ifNoneMatch, entries, now)
  }

  /** `GET {publicPath}/:key/releases` — the archive, newest first. */
  async archive(
    rawKey: unknown,
    params: URLSearchParams,
    ifNoneMatch?: null | string,
  ): Promise<HttpAnswer> {
    const key = parseDocumentKey(rawKey)
    const locale = requestLocale(this.context, params)
    const entries = await this.context.ledger.entries(key)
    const now = this.context.now()
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
    return answerFromIndex(
      this.context,
      archive.cached,
      ifNoneMatch,
      entries,
      now,
      archive.expiresAt,
    )
  }

  /** `GET {publicPath}/:key/releases/:version` — one release. */
  async release(
    rawKey: unknown,
    rawVersion: unknown,
    params: URLSearchParams,
    ifNoneMatch?: null | string,
  ): Promise<HttpAnswer> {
    const key = parseDocumentKey(rawKey)
    const version = parseVersionParam(typeof rawVersion === 'string' ? rawVersion : undefined)
    const locale = requestLocale(this.context, params)
    const entries = await this.context.ledger.entries(key)
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
    return answerFromIndex(this.context, cached, ifNoneMatch, entries, this.context.now())
  }

  /** Forgets the archives of one document (a new release or event landed). */
  invalidate(documentKey: string): void {
    for (const locale of this.context.config.locales) {
      this.archives.delete(`${documentKey}|${locale}`)
    }
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
    const release = await this.context.ledger.loadRelease(entry)
    const localeSnapshot: LocaleSnapshot | undefined = release.snapshot[locale]
    const cached = serializeBody({
      ...this.summary(key, entry, entries, locale),
      html: localeSnapshot?.html ?? '',
      sections: localeSnapshot?.sections ?? [],
      title: localeSnapshot?.title ?? '',
      /** Set when this locale's translation follows later: says so, in this locale's language. */
      translationNotice: translationNoticeFor(release.translationFollows, locale, {
        publishedAt: entry.publishedAt,
        timeZone: this.context.config.timeZone,
        version: entry.version,
      }),
    })
    this.bodies.set(cacheKey, cached)
    return cached
  }

  private summary(
    key: string,
    entry: ReleaseIndexEntry,
    entries: ReleaseIndexEntry[],
    locale: string,
  ) {
    const { config } = this.context
    const position = entries.indexOf(entry)
    const previous = position > 0 ? entries[position - 1] : undefined
    const api = `${config.apiRoute}${config.publicPath}/${key}`
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
      /** Taken over from an earlier system by a history import. */
      imported: Boolean(entry.imported),
      kind: entry.kind,
      links: {
        api: `${api}/releases/${entry.version}${query}`,
        compare: previous ? fillUrlTemplate(config.urls.compare, urlValues) : null,
        diff: previous
          ? `${api}/diff?from=${previous.version}&to=${entry.version}&locale=${encodeURIComponent(locale)}`
          : null,
        statement: fillUrlTemplate(config.urls.statement, urlValues),
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
