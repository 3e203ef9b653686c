import type { CollectionConfig, Field, Where } from 'payload'

import type { PatternSet } from '../src/completeness/index.js'
import type { MaterialityThresholds } from '../src/materiality/index.js'
import type { SanitizedAudience } from './notices/audiences.js'
import type { NoticeSenderFactory } from './notices/sender.js'

/** Replaces or extends the fields of a collection the plugin generates. */
export type FieldsOverride = (args: { defaultFields: Field[] }) => Field[]

/** Escape hatch for a generated collection: spread last, per key. */
export type CollectionOverrides = { fields?: FieldsOverride } & Partial<
  Omit<CollectionConfig, 'fields'>
>

/** Options of `policyDocsPlugin`. Every option is optional. */
export type PolicyDocumentsPluginConfig = {
  /** The change banner websites show after a material release. */
  banner?: {
    /**
     * Days after the effective date during which the banner keeps showing. It shows from
     * publication, so visitors see an announced change before it applies too.
     * @default 30
     */
    days?: number
  }
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
  /** Cross-origin access (CORS) to what the plugin serves. */
  cors?: {
    /**
     * Whether the public read routes (statement, archive, diff, banner, feed, archive.json and the
     * embed script) answer every origin with `Access-Control-Allow-Origin: *` (never with
     * credentials), so `<policy-banner api="https://cms…">` works on another site.
     * @default true
     */
    public?: boolean
    /**
     * Origins whose pages may call the subscription endpoints from scripts (e.g.
     * `['https://www.example.com']`). Others get no CORS headers: same-origin pages and plain
     * HTML form posts only.
     * @default []
     */
    subscriptions?: string[]
  }
  /** The structural diff computed at publish. */
  diff?: {
    /**
     * Wall-clock budget of one diff, all locales together. Texts whose word diff does not fit are
     * reported as rewritten (old and new text) rather than diffed word by word.
     * @default 2000
     */
    budgetMs?: number
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
  /** Rules every publish must follow. */
  publication?: {
    /**
     * What a missing GDPR Art. 13/14 element (`src/completeness`) does at publish: `warn` shows it
     * in the checklist of the changes panel and the publish preview; `block` refuses the publish
     * until the element is written or declared not applicable (with a reason) on the document.
     * @default 'warn'
     */
    completeness?: 'block' | 'warn'
    /**
     * Days of advance notice a material change needs between publication and effect. Publishing
     * sooner needs a written reason for the short notice, which the release records.
     * @default 30
     */
    minNoticeDays?: number
  }
  /**
   * Base path of the public read API, under Payload's API route (`/api` by default).
   * @default '/policies'
   */
  publicPath?: string
  /** The GDPR Art. 13/14 completeness check (README, "Completeness"). */
  completeness?: {
    /**
     * Extra phrases by language, added to the built-in Danish and English ones; a language
     * without built-in phrases is checked by its section kinds only unless you add some here.
     */
    patterns?: Record<string, PatternSet>
    /**
     * Serve the checklist of the release in force at `{publicPath}/:key/completeness`, anonymously.
     * @default false
     */
    public?: boolean
  }
  /** How changes are classified as material or minor. */
  materiality?: {
    /** Changes to the default thresholds; see `MaterialityThresholds` (README, "Materiality"). */
    thresholds?: Partial<MaterialityThresholds>
  }
  /**
   * Change notices by e-mail to confirmed subscribers, sent through Payload's e-mail adapter and
   * jobs queue.
   */
  notices?: {
    /**
     * Deliveries claimed with one write and sent together; a worker keeps two such batches in
     * flight, so at most `2 × batchSize` messages are in flight per worker (and a worker killed
     * mid-send can repeat at most that many).
     * @default 100
     */
    batchSize?: number
    /**
     * How long a runner owns a claimed message before another runner may take it over.
     * @default 300
     */
    leaseSeconds?: number
    /**
     * Attempts per message before a temporary SMTP failure is recorded as failed.
     * @default 8
     */
    maxAttempts?: number
    /**
     * Messages per second at most, per worker process, for a provider's rate limit (SES, Postmark…).
     * @default no limit
     */
    maxPerSecond?: number
    /**
     * Jobs queue the notice jobs go to.
     * @default 'default'
     */
    queue?: string
    /**
     * First retry delay after a temporary SMTP failure; it doubles up to `retryMaxSeconds`.
     * @default 30
     */
    retryBaseSeconds?: number
    /** @default 3600 */
    retryMaxSeconds?: number
    /**
     * Wall-clock time one run of the send job may spend before it re-queues itself.
     * @default 60
     */
    runBudgetSeconds?: number
    /**
     * Host collections whose documents also get change notices, alongside the opt-in subscribers,
     * e.g. `{ collection: 'users', email: 'email', locale: 'language', where: { active: { equals: true } } }`.
     * Addresses are merged and de-duplicated (normalized); one message per person per release, in
     * their locale (falling back to the default locale). Their one-click unsubscribe puts the
     * address on the document's suppression list, which every later notice honours.
     * @default []
     */
    audiences?: Array<{
      collection: string
      email?: string
      label?: string
      locale?: string
      where?: Where
    }>
    /**
     * Replaces the transport with your own sender, e.g. a provider's batch API. It receives the
     * rendered messages of a batch and answers one result per message (see `NoticeSender`).
     * @default the pooled SMTP transport of `smtp`, else `payload.sendEmail`
     */
    sender?: NoticeSenderFactory
    /**
     * Sends notices over the plugin's own pooled SMTP transport (nodemailer `pool: true`)
     * instead of one `payload.sendEmail` call per message. `transportOptions` are nodemailer's
     * SMTP options (host, port, auth, secure…).
     */
    smtp?: {
      /** @default 5 */
      maxConnections?: number
      transportOptions: Record<string, unknown>
    }
    /**
     * `mailto:` address for the List-Unsubscribe header. Requests that arrive there must be
     * handled by a person or a mail rule; the https one-click link is handled by the plugin.
     * @default `mailto:<the e-mail adapter's from address>?subject=unsubscribe`
     */
    unsubscribeMailto?: string
  }
  /**
   * Slug of the append-only release ledger.
   * @default 'policy-releases'
   */
  releasesSlug?: string
  /**
   * Secret that signs confirmation, unsubscribe and data-rights links (at least 32 bytes).
   * Defaults to a key derived from Payload's `secret`.
   */
  secret?: string
  /**
   * The organisation's name, used in e-mails.
   * @default the host of `urls.siteUrl`
   */
  siteName?: string
  /** Double opt-in subscriptions. */
  subscriptions?: {
    /** @default 48 */
    confirmLinkHours?: number
    /** @default 24 */
    manageLinkHours?: number
    /**
     * Subscribe and manage-link requests allowed per client (IP) per hour.
     * @default 20
     */
    perClientPerHour?: number
    /**
     * Subscribe and manage-link requests allowed per e-mail address per hour. This is what keeps
     * the form from being used to flood someone's inbox.
     * @default 3
     */
    perAddressPerHour?: number
    /**
     * Makes the two rate limiters (per client and per mailbox) from rate-limiter-flexible's
     * options. By default each process counts in its own memory, so N processes allow N times
     * the limits: with several app processes, return a limiter on a shared store.
     * @default (limit) => new RateLimiterMemory(limit)
     * @example rateLimiter: (limit) => new RateLimiterRedis({ ...limit, storeClient: redis })
     * @example rateLimiter: (limit) => new RateLimiterPostgres({ ...limit, storeClient: pool, tableName: 'policy_rate_limits' })
     */
    rateLimiter?: RateLimiterFactory
  }
  /**
   * Which proxies in front of Payload to believe about the client's address (used only for the
   * per-client rate limits), with the semantics of Express's `trust proxy` (the `proxy-addr`
   * package): `false` trusts none and keys on the socket address; a number trusts that many hops;
   * `true` trusts every hop; a list (or comma-separated string) of addresses, CIDR ranges or the
   * names `loopback`, `linklocal`, `uniquelocal` trusts those. `X-Forwarded-For` is read only
   * through trusted hops, and `X-Real-IP` never. Under Next.js route handlers see no socket
   * address: without a trusted proxy only the per-mailbox limit applies there.
   * @default false
   * @example trustProxy: 1 // one reverse proxy (nginx, a load balancer) in front
   * @example trustProxy: ['10.0.0.0/8', 'loopback']
   */
  trustProxy?: boolean | number | string | string[]
  /**
   * IANA time zone for dates in e-mails and banners.
   * @default 'UTC'
   */
  timeZone?: string
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
     * One release on the public site; the Atom feed links each entry here.
     * @default '{siteUrl}/{locale}/policies/{key}/{version}'
     */
    release?: string
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
  banner: { days: number }
  cache: { indexTtlSeconds: number; maxAgeSeconds: number; staleWhileRevalidateSeconds: number }
  cors: { public: boolean; subscriptions: string[] }
  defaultLocale: string
  diff: { budgetMs: number }
  documentsOverrides: CollectionOverrides
  documentsSlug: string
  enabled: boolean
  eventsSlug: string
  locales: string[]
  materiality: { thresholds: Partial<MaterialityThresholds> }
  completeness: { patterns: Record<string, PatternSet>; public: boolean }
  publication: { completeness: 'block' | 'warn'; minNoticeDays: number }
  publicPath: string
  claimsSlug: string
  deliveriesSlug: string
  noticesSlug: string
  notices: {
    batchSize: number
    leaseSeconds: number
    maxAttempts: number
    maxPerSecond: null | number
    queue: string
    retryBaseSeconds: number
    retryMaxSeconds: number
    runBudgetSeconds: number
    audiences: SanitizedAudience[]
    sender: NoticeSenderFactory | null
    smtp: null | { maxConnections: number; transportOptions: Record<string, unknown> }
    unsubscribeMailto: null | string
  }
  releasesSlug: string
  secret: null | string
  /** Absolute base URL of the API, e.g. `https://cms.example.com/api`, for links in e-mails. */
  serverApiUrl: string
  siteName: string
  subscribersSlug: string
  suppressionsSlug: string
  subscriptions: {
    confirmLinkHours: number
    manageLinkHours: number
    perAddressPerHour: number
    perClientPerHour: number
    rateLimiter: RateLimiterFactory
  }
  trustProxy: boolean | number | string | string[]
  timeZone: string
  urls: { compare: string; release: string; siteUrl: string; statement: string }
}

/**
 * A rate limiter as the plugin uses it: rate-limiter-flexible's `consume`, from any of its stores.
 * Over the limit it rejects with a `RateLimiterRes` (429 with Retry-After); when its store fails it
 * rejects with an Error (503, and the request does nothing), unless the limiter has an
 * `insuranceLimiter` to fall back on.
 */
export type RateLimiter = { consume: (key: string) => Promise<unknown> }

/** Makes one subscription rate limit from rate-limiter-flexible's options (`keyPrefix` is `client` or `mailbox`). */
export type RateLimiterFactory = (limit: {
  duration: number
  keyPrefix: string
  points: number
}) => RateLimiter
