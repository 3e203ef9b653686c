import type { Payload } from 'payload'

import { LRUCache } from 'lru-cache'

import type { ReleaseDoc } from '../collections/PolicyReleases/types.js'
import type { EventDoc } from '../collections/ReleaseEvents/types.js'
import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'

import { canonicalCopy } from '../../src/releases/index.js'
import { idOf } from '../collections/ids.js'
import { findDocByID, findDocs } from '../queries/typed.js'
import { BadRequest } from './params.js'

/** The columns of a release that the index reads: all but the snapshot and the publish record. */
const INDEX_SELECT = {
  changeNote: true,
  contentHash: true,
  effectiveAt: true,
  hash: true,
  imported: true,
  kind: true,
  major: true,
  minor: true,
  previousHash: true,
  publishedAt: true,
  version: true,
} as const

/** A release as the index reads it. */
type IndexedRelease = Pick<ReleaseDoc, 'id' | keyof typeof INDEX_SELECT>

/** One ledger entry, as much as the read path needs to route a request (no snapshot). */
export type ReleaseIndexEntry = {
  /** The effective date first announced; `effectiveAt` is the current one after postponements. */
  announcedEffectiveAt: string
  /** The current effective date, after the postponements recorded so far. */
  effectiveAt: string
  status: 'active' | 'withdrawn'
} & IndexedRelease

/** Releases that can be in force: withdrawn ones never are. */
export const active = (entries: ReleaseIndexEntry[]) =>
  entries.filter((entry) => entry.status !== 'withdrawn')

type DocumentIndex = {
  entries: ReleaseIndexEntry[]
  exists: boolean
  loadedAt: number
}

/**
 * The read path's view of the ledger: a small index per document (no snapshots) of its releases
 * with the postponements and withdrawals applied, re-read at most every `cache.indexTtlSeconds`
 * and at once after `invalidate`; and the full releases and events, read when a view needs them.
 */
export class LedgerIndex {
  private readonly indexes = new LRUCache<string, DocumentIndex | Promise<DocumentIndex>>({
    max: 1000,
  })
  /** When each loaded index (by its entries array) must be re-read. */
  private readonly indexExpiry = new WeakMap<ReleaseIndexEntry[], number>()

  constructor(
    private readonly payload: Payload,
    private readonly config: SanitizedPolicyDocumentsPluginConfig,
  ) {}

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

  /** When the index that returned `entries` must be re-read (epoch ms; 0 when unknown). */
  expiresAt(entries: ReleaseIndexEntry[]): number {
    return this.indexExpiry.get(entries) ?? 0
  }

  /** Forgets the index of one document (a new release or event landed). */
  invalidate(documentKey: string): void {
    this.indexes.delete(documentKey)
  }

  /** Loads the full stored release (snapshot included) for one index entry. */
  async loadRelease(entry: ReleaseIndexEntry): Promise<ReleaseDoc> {
    const doc = await findDocByID<ReleaseDoc>(this.payload, {
      id: entry.id,
      collection: this.config.releasesSlug,
      depth: 0,
      overrideAccess: true,
    })
    // Canonical key order: Postgres `jsonb` returns stored JSON with its keys reordered, and the
    // answers built from it must be the same bytes (and ETags) on every database.
    return canonicalCopy(doc)
  }

  /** The postponements and withdrawals of a document, in the order they were recorded. */
  findEvents(key: string): Promise<EventDoc[]> {
    return findDocs<EventDoc>(this.payload, {
      collection: this.config.eventsSlug,
      depth: 0,
      limit: 0,
      overrideAccess: true,
      pagination: false,
      sort: 'createdAt',
      where: { documentKey: { equals: key } },
    })
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
    const docs = await findDocs<IndexedRelease>(this.payload, {
      collection: this.config.releasesSlug,
      depth: 0,
      limit: 0,
      overrideAccess: true,
      pagination: false,
      select: { ...INDEX_SELECT },
      where: { documentKey: { equals: key } },
    })
    const entries: ReleaseIndexEntry[] = docs
      .map((doc) => ({ ...doc, announcedEffectiveAt: doc.effectiveAt, status: 'active' as const }))
      .sort((a, b) => a.major - b.major || a.minor - b.minor)
    if (entries.length > 0) {
      // Postponements and withdrawals are separate ledger entries; apply them in the order recorded.
      for (const event of await this.findEvents(key)) {
        const releaseId = String(idOf(event.release))
        const entry = entries.find((candidate) => String(candidate.id) === releaseId)
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
}
