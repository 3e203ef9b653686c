import { LRUCache } from 'lru-cache'

import type { ArchivedEvent, ArchivedRelease } from '../../src/releases/index.js'
import type { ExpiringBody } from './cachePolicy.js'
import type { HttpAnswer } from './httpAnswer.js'
import type { ReleaseIndexEntry } from './ledgerIndex.js'
import type { ReadContext } from './readContext.js'

import { verifyChain } from '../../src/releases/index.js'
import { idOf } from '../collections/ids.js'
import { answerWithBody, serializeBody } from './httpAnswer.js'
import { parseDocumentKey } from './params.js'
import { answerFromIndex } from './readContext.js'

/**
 * A document's whole ledger, every release with every locale's snapshot and every event, and the
 * verdict of its hash chain: all a third party needs to recompute the chain
 * (`npm run verify -- <url>`).
 */
export class LedgerView {
  private readonly ledgers = new LRUCache<
    string,
    ExpiringBody & { report: ReturnType<typeof verifyChain> }
  >({ max: 100 })

  constructor(private readonly context: ReadContext) {}

  /** `GET {publicPath}/:key/archive.json` — the whole ledger. */
  async ledger(
    rawKey: unknown,
    params: URLSearchParams,
    ifNoneMatch?: null | string,
  ): Promise<HttpAnswer> {
    const key = parseDocumentKey(rawKey)
    const entries = await this.context.ledger.entries(key)
    const ledger = await this.loadLedger(key, entries)
    const now = this.context.now()
    return answerFromIndex(this.context, ledger.cached, ifNoneMatch, entries, now, ledger.expiresAt)
  }

  /** `GET {publicPath}/:key/verify` — recomputes the hash chain and says whether the history is intact. */
  async verify(
    rawKey: unknown,
    params: URLSearchParams,
    ifNoneMatch?: null | string,
  ): Promise<HttpAnswer> {
    const key = parseDocumentKey(rawKey)
    const entries = await this.context.ledger.entries(key)
    const { report } = await this.loadLedger(key, entries)
    const cached = serializeBody({
      document: key,
      ...report,
      algorithm: 'SHA-256 over RFC 8785 (JCS) canonical JSON; see README',
    })
    return answerWithBody(cached, ifNoneMatch, 'no-cache')
  }

  /** Forgets the ledgers of one document (a new release or event landed). */
  invalidate(documentKey: string): void {
    for (const cacheKey of [...this.ledgers.keys()]) {
      if (cacheKey.startsWith(`${documentKey}|`)) {
        this.ledgers.delete(cacheKey)
      }
    }
  }

  private async loadLedger(key: string, entries: ReleaseIndexEntry[]) {
    const cacheKey = `${key}|${String(entries.at(-1)!.id)}|${entries.length}`
    let ledger = this.ledgers.get(cacheKey)
    // Re-read at least every index TTL: the verdict must reflect the database, not a memory of it.
    if (!ledger || ledger.expiresAt <= Date.now()) {
      const releases: ArchivedRelease[] = []
      for (const entry of entries) {
        const release = await this.context.ledger.loadRelease(entry)
        releases.push({
          changeNote: release.changeNote,
          contentHash: String(release.contentHash),
          documentKey: key,
          effectiveAt: String(release.effectiveAt),
          hash: String(release.hash),
          // The import mark is part of what the release hash covers.
          ...(release.imported ? { imported: true } : {}),
          kind: release.kind,
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
      const hashById = new Map(entries.map((entry) => [String(entry.id), entry.hash]))
      const events: ArchivedEvent[] = (await this.context.ledger.findEvents(key)).map((event) => ({
        effectiveAt: event.effectiveAt ?? null,
        hash: String(event.hash),
        previousEffectiveAt: String(event.previousEffectiveAt),
        reason: String(event.reason),
        recordedAt: String(event.recordedAt),
        releaseHash: hashById.get(String(idOf(event.release))) ?? '',
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
        expiresAt: Date.now() + this.context.config.cache.indexTtlSeconds * 1000,
        report: verifyChain(releases, events),
      }
      this.ledgers.set(cacheKey, ledger)
    }
    return ledger
  }
}
