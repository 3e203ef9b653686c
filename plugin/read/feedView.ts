import { Feed } from 'feed'
import { LRUCache } from 'lru-cache'

import type { CachedBody, HttpAnswer } from './httpAnswer.js'
import type { ReleaseIndexEntry } from './ledgerIndex.js'
import type { ReadContext } from './readContext.js'

import { escapeHtml, getTranslator } from '../../src/i18n/index.js'
import { fillUrlTemplate, formatDate } from '../../src/notices/index.js'
import { serializeText } from './httpAnswer.js'
import { parseDocumentKey } from './params.js'
import { answerFromIndex, requestLocale } from './readContext.js'

/**
 * An Atom feed of a document's releases with change notes and compare links, in one locale.
 * Built once per (document, locale, latest release).
 */
export class FeedView {
  private readonly feeds = new LRUCache<string, CachedBody>({ max: 200 })

  constructor(private readonly context: ReadContext) {}

  /** `GET {publicPath}/:key/feed?locale=da` */
  async feed(
    rawKey: unknown,
    params: URLSearchParams,
    ifNoneMatch?: null | string,
  ): Promise<HttpAnswer> {
    const { config, ledger } = this.context
    const key = parseDocumentKey(rawKey)
    const locale = requestLocale(this.context, params)
    const entries = await ledger.entries(key)
    const cacheKey = `${key}|${locale}|${String(entries.at(-1)!.id)}`
    let cached = this.feeds.get(cacheKey)
    if (!cached) {
      const latest = await ledger.loadRelease(entries.at(-1)!)
      const title = latest.snapshot[locale]?.title || key
      const self = `${config.serverApiUrl}${config.publicPath}/${key}/feed?locale=${encodeURIComponent(locale)}`
      const urlValues = (entry: ReleaseIndexEntry, previous?: ReleaseIndexEntry) => ({
        from: previous?.version ?? entry.version,
        key,
        locale,
        to: entry.version,
        version: entry.version,
      })
      const t = getTranslator(locale)
      // RFC 4287 requires an author for every entry: the site, on the feed and on each entry.
      const author = { name: config.siteName }
      const feed = new Feed({
        author,
        copyright: config.siteName,
        feedLinks: { atom: self },
        id: self,
        language: locale,
        link: fillUrlTemplate(config.urls.statement, urlValues(entries.at(-1)!)),
        // Feed readers treat these fields as HTML: escape, so nothing the editors wrote can run.
        title: escapeHtml(title),
        updated: new Date(entries.at(-1)!.publishedAt),
      })
      entries.forEach((entry) => {
        const material = entry.kind === 'material'
        const date = formatDate(entry.effectiveAt, locale, { timeZone: config.timeZone })
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
          link: fillUrlTemplate(config.urls.release, urlValues(entry)),
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
    return answerFromIndex(this.context, cached, ifNoneMatch, entries, this.context.now())
  }
}
