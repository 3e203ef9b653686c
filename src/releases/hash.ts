import canonicalizeModule from 'canonicalize'
import { createHash } from 'node:crypto'

import type { ChangeKind, LocaleCode, ReleaseSnapshot } from '../types.js'

// canonicalize is CommonJS (`module.exports = serialize`) but types itself as an ES default export;
// under NodeNext the default import is the function at run time, so only the type needs fixing.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined

/**
 * The hash of the first release's predecessor. A fixed value (rather than an empty field) keeps
 * the chain formula the same for every link, so a verifier needs no special case.
 */
export const GENESIS_HASH = '0'.repeat(64)

/**
 * SHA-256 over the RFC 8785 (JCS) canonical JSON form of a value. Canonical JSON makes the hash
 * independent of key order and number formatting, so anyone can recompute it from the public
 * JSON archive in any language.
 */
export function hashCanonical(value: unknown): string {
  const json = canonicalize(value)
  if (json === undefined) {
    throw new Error('hashCanonical: value cannot be represented as JSON')
  }
  return createHash('sha256').update(json, 'utf8').digest('hex')
}

/**
 * A deep copy of a JSON value with every object's keys in canonical (RFC 8785) order. Databases
 * return stored JSON in different key orders (Postgres `jsonb` sorts keys by length, SQLite and
 * MongoDB keep insertion order); answers built from this copy are the same bytes on every database.
 */
export function canonicalCopy<T>(value: T): T {
  const json = canonicalize(value)
  if (json === undefined) {
    throw new Error('canonicalCopy: value cannot be represented as JSON')
  }
  return JSON.parse(json) as T
}

/** The content hash of a snapshot: equal content in every locale gives an equal hash. */
export function hashSnapshot(snapshot: ReleaseSnapshot): string {
  return hashCanonical(snapshot)
}

/** What a release asserts, and so what its chain hash covers. */
export type ReleaseHashInput = {
  changeNote: Record<LocaleCode, string>
  contentHash: string
  documentKey: string
  effectiveAt: string
  /**
   * Taken over from an earlier system (a version history imported, not published here): such a
   * release announced nothing. Hashed only when true, so other releases keep the hash they had.
   */
  imported?: boolean
  kind: ChangeKind
  previousHash: string
  publishedAt: string
  /**
   * Locales published with a declaration that their translation follows. Hashed only when there
   * is one, so releases without a declaration keep the hash they always had.
   */
  translationFollows?: ReadonlyArray<{
    changedIn: LocaleCode[]
    locale: LocaleCode
    reason: string
    sections: Array<null | string>
  }>
  version: string
}

/**
 * The chain hash of a release. It covers the release metadata, the content hash and the
 * previous release's chain hash, so rewriting any earlier release breaks every later link.
 */
export function hashRelease(input: ReleaseHashInput): string {
  return hashCanonical({
    changeNote: input.changeNote,
    contentHash: input.contentHash,
    documentKey: input.documentKey,
    effectiveAt: input.effectiveAt,
    ...(input.imported ? { imported: true } : {}),
    kind: input.kind,
    previousHash: input.previousHash,
    publishedAt: input.publishedAt,
    ...(input.translationFollows && input.translationFollows.length > 0
      ? { translationFollows: input.translationFollows }
      : {}),
    version: input.version,
  })
}
