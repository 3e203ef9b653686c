import { LRUCache } from 'lru-cache'

import type { CachedBody, HttpAnswer } from './httpAnswer.js'
import type { ReleaseIndexEntry } from './ledgerIndex.js'
import type { ReadContext } from './readContext.js'

import { diffLocale, renderDiffHtml, summarizeDiff } from '../../src/diff/index.js'
import { fillUrlTemplate } from '../../src/notices/index.js'
import { answerWithError, serializeBody, serializeText } from './httpAnswer.js'
import { BadRequest, parseDocumentKey, parseVersionParam, singleParam } from './params.js'
import { answerFromIndex, requestLocale } from './readContext.js'

/**
 * The structural diff between two releases of a document, as JSON or HTML. Releases never change,
 * so each answer is computed once and cached.
 */
export class DiffView {
  private readonly diffs = new LRUCache<string, CachedBody>({ max: 500 })

  constructor(private readonly context: ReadContext) {}

  /** `GET {publicPath}/:key/diff?from=1.1&to=2.0&locale=da&format=json|html` — between two releases. */
  async diff(
    rawKey: unknown,
    params: URLSearchParams,
    ifNoneMatch?: null | string,
  ): Promise<HttpAnswer> {
    const key = parseDocumentKey(rawKey)
    const from = parseVersionParam(singleParam(params, 'from'), 'from')
    const to = parseVersionParam(singleParam(params, 'to'), 'to')
    const { format, locale } = this.diffParams(params)
    if (from.major > to.major || (from.major === to.major && from.minor >= to.minor)) {
      throw new BadRequest('"from" must be an earlier version than "to", e.g. from=1.1&to=2.0.')
    }
    const entries = await this.context.ledger.entries(key)
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
  }

  /** `GET {publicPath}/:key/changes?locale=da` — what the latest release changed since the one before. */
  async changes(
    rawKey: unknown,
    params: URLSearchParams,
    ifNoneMatch?: null | string,
  ): Promise<HttpAnswer> {
    const key = parseDocumentKey(rawKey)
    const { format, locale } = this.diffParams(params)
    const entries = await this.context.ledger.entries(key)
    const latest = entries.at(-1)!
    const previous = entries.at(-2)
    if (!previous) {
      return answerWithError(
        404,
        `"${key}" has only one release (${latest.version}): there are no changes to show yet.`,
      )
    }
    return this.diffAnswer(key, previous, latest, locale, format, ifNoneMatch, entries)
  }

  private diffParams(params: URLSearchParams): { format: 'html' | 'json'; locale: string } {
    const format = singleParam(params, 'format') ?? 'json'
    if (format !== 'json' && format !== 'html') {
      throw new BadRequest(`"format" must be json or html; got "${format.slice(0, 20)}".`)
    }
    return { format, locale: requestLocale(this.context, params) }
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
    const { config, ledger } = this.context
    const cacheKey = `${String(from.id)}|${String(to.id)}|${locale}|${format}`
    let cached = this.diffs.get(cacheKey)
    if (!cached) {
      const [older, newer] = await Promise.all([ledger.loadRelease(from), ledger.loadRelease(to)])
      // Without the timing: the same release pair and locale must give the same bytes (and ETag)
      // on every process, or CDN revalidation between servers always misses.
      const full = diffLocale(older.snapshot[locale] ?? null, newer.snapshot[locale] ?? null, {
        locale,
        timeoutMs: config.diff.budgetMs,
      })
      const { elapsedMs: _elapsedMs, ...diff } = full
      const html = renderDiffHtml(full, { locale })
      const api = `${config.apiRoute}${config.publicPath}/${key}`
      cached =
        format === 'html'
          ? serializeText(html, 'text/html; charset=utf-8')
          : serializeBody({
              diff,
              document: key,
              from: { effectiveAt: from.effectiveAt, version: from.version },
              html,
              links: {
                compare: fillUrlTemplate(config.urls.compare, {
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
    return answerFromIndex(this.context, cached, ifNoneMatch, entries, this.context.now())
  }
}
