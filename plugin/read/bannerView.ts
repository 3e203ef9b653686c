import { LRUCache } from 'lru-cache'

import type { ExpiringBody } from './cachePolicy.js'
import type { HttpAnswer } from './httpAnswer.js'
import type { ReadContext } from './readContext.js'

import { bannerExpiresAt, renderBanner, selectBanner } from '../../src/banner/index.js'
import { fillUrlTemplate } from '../../src/notices/index.js'
import {
  GENESIS_HASH,
  nextEffectiveChange,
  translationNoticeFor,
} from '../../src/releases/index.js'
import { cacheControlUntil, stable } from './cachePolicy.js'
import { answerWithBody, serializeBody } from './httpAnswer.js'
import { active } from './ledgerIndex.js'
import { parseDocumentKey, parseVersionParam, singleParam } from './params.js'
import { requestLocale } from './readContext.js'

/**
 * Whether a site should show the change banner for a document: after a material release, from
 * publication until `banner.days` after it takes effect, unless the visitor has seen that version.
 * Each answer is cached until it can next change.
 */
export class BannerView {
  private readonly banners = new LRUCache<string, ExpiringBody>({ max: 1000 })

  constructor(private readonly context: ReadContext) {}

  /** `GET {publicPath}/:key/banner?locale=da&seen=1.1` */
  async banner(
    rawKey: unknown,
    params: URLSearchParams,
    ifNoneMatch?: null | string,
  ): Promise<HttpAnswer> {
    const { config, ledger } = this.context
    const key = parseDocumentKey(rawKey)
    const locale = requestLocale(this.context, params)
    const seenParam = singleParam(params, 'seen')
    const seen =
      seenParam === undefined || seenParam === '' ? undefined : parseVersionParam(seenParam, 'seen')
    const entries = await ledger.entries(key)
    const now = this.context.now()
    const cacheKey = `${key}|${locale}|${seen ? `${seen.major}.${seen.minor}` : ''}`
    let banner = this.banners.get(cacheKey)
    if (!banner || banner.expiresAt <= now.getTime()) {
      // The first release announces nothing: there was no earlier text for it to change; nor does
      // an imported one: it was announced, or not, by the system it came from.
      const releases = entries
        .filter((entry) => entry.previousHash !== GENESIS_HASH && !entry.imported)
        .map((entry) => ({
          ...entry,
          effectiveAt: entry.announcedEffectiveAt,
          postponedTo: entry.effectiveAt,
          status: entry.status,
        }))
      const input = { bannerDays: config.banner.days, now, releases, seen: seenParam }
      const selection = selectBanner(input)
      const expiresAt = Math.min(
        bannerExpiresAt(input)?.getTime() ?? Infinity,
        nextEffectiveChange(active(entries), now)?.getTime() ?? Infinity,
        now.getTime() + config.cache.indexTtlSeconds * 1000,
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
        const release = await ledger.loadRelease(entry)
        const urlValues = {
          from: previous?.version ?? entry.version,
          key,
          locale,
          to: entry.version,
          version: entry.version,
        }
        value = {
          ...renderBanner(selection, locale, {
            compareUrl: previous ? fillUrlTemplate(config.urls.compare, urlValues) : undefined,
            fallbackLocale: config.defaultLocale,
            statementUrl: fillUrlTemplate(config.urls.statement, urlValues),
            timeZone: config.timeZone,
            title: release.snapshot[locale]?.title || key,
          }),
          document: key,
          endsAt: selection.endsAt,
          phase: selection.phase,
          show: true,
          translationNotice: translationNoticeFor(release.translationFollows, locale, {
            publishedAt: entry.publishedAt,
            timeZone: config.timeZone,
            version: entry.version,
          }),
        }
      }
      banner = { cached: serializeBody(value), expiresAt }
      this.banners.set(cacheKey, banner)
    }
    const answer = answerWithBody(
      banner.cached,
      ifNoneMatch,
      cacheControlUntil(config.cache, banner.expiresAt, now),
    )
    // The header stays the same while a full max-age still fits before the answer expires.
    return stable(
      answer,
      Math.min(ledger.expiresAt(entries), banner.expiresAt - config.cache.maxAgeSeconds * 1000),
    )
  }

  /** Forgets the banners of one document (a new release or event landed). */
  invalidate(documentKey: string): void {
    for (const cacheKey of [...this.banners.keys()]) {
      if (cacheKey.startsWith(`${documentKey}|`)) {
        this.banners.delete(cacheKey)
      }
    }
  }
}
