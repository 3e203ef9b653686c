import type { CollectionConfig, Field } from 'payload'

/** Replaces or extends the fields of a collection the plugin generates. */
export type FieldsOverride = (args: { defaultFields: Field[] }) => Field[]

/** Escape hatch for a generated collection: spread last, per key. */
export type CollectionOverrides = { fields?: FieldsOverride } & Partial<Omit<CollectionConfig, 'fields'>>

/** Options of `policyDocsPlugin`. Every option is optional. */
export type PolicyDocumentsPluginConfig = {
  /**
   * Cache settings of the public read API. Bodies are serialized once per release and locale and
   * kept in memory; the ledger index (which release is in force) is re-read at most every
   * `indexTtlSeconds`, so other processes pick up a new release within that time.
   */
  cache?: {
    /**
     * Seconds a browser or CDN may use an answer without asking again (`max-age`).
     * @default 60
     */
    maxAgeSeconds?: number
    /**
     * Seconds between re-reads of the ledger index in this process. A publish in this process
     * clears the cache at once; this bounds the staleness for the other processes.
     * @default 30
     */
    indexTtlSeconds?: number
    /**
     * Seconds a CDN may serve a stale answer while it revalidates (`stale-while-revalidate`).
     * @default 600
     */
    staleWhileRevalidateSeconds?: number
  }
  /**
   * When false the plugin adds its collections (so the database schema and migrations stay the
   * same) but registers no hooks, endpoints or jobs.
   * @default true
   */
  enabled?: boolean
  /** Overrides for the policy documents collection (the editable drafts). */
  documentsOverrides?: CollectionOverrides
  /**
   * Slug of the collection that holds the editable documents.
   * @default 'policy-documents'
   */
  documentsSlug?: string
  /**
   * Locales a release must be complete in. Defaults to every locale of the host's
   * `localization` config.
   */
  locales?: string[]
  /**
   * Base path of the public read API, under Payload's API route (`/api` by default).
   * @default '/policies'
   */
  publicPath?: string
  /**
   * Slug of the append-only release ledger.
   * @default 'policy-releases'
   */
  releasesSlug?: string
  /**
   * Public URLs, used in API answers, e-mails and banners. `{key}`, `{locale}`, `{version}`,
   * `{from}` and `{to}` are replaced (URL-encoded).
   */
  urls?: {
    /**
     * @default '{siteUrl}/{locale}/policies/{key}/compare?from={from}&to={to}'
     */
    compare?: string
    /**
     * Base URL of the public site. Defaults to the host's `serverURL`.
     */
    siteUrl?: string
    /**
     * @default '{siteUrl}/{locale}/policies/{key}'
     */
    statement?: string
  }
}

/** The options with every default applied. Internals only ever see this type. */
export type SanitizedPolicyDocumentsPluginConfig = {
  /** The host's API route, e.g. `/api`. */
  apiRoute: string
  cache: { indexTtlSeconds: number; maxAgeSeconds: number; staleWhileRevalidateSeconds: number }
  defaultLocale: string
  documentsOverrides: CollectionOverrides
  documentsSlug: string
  enabled: boolean
  locales: string[]
  publicPath: string
  releasesSlug: string
  urls: { compare: string; siteUrl: string; statement: string }
}
