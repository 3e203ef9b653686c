/**
 * The host config used by the dev app (dev/) and by the integration tests.
 *
 * Database: `DATABASE_URI=mongodb://…` selects MongoDB (the production default), `postgres://…`
 * PostgreSQL (both set up in database.ts); anything else selects embedded SQLite: a file under
 * data/ for `npm run dev`, a fresh temporary file per integration test file. E-mail: set SMTP_HOST
 * (and SMTP_PORT) to send over SMTP; without it, Payload logs e-mails to the console.
 */
import type { DatabaseAdapterObj } from 'payload'

import { sqliteAdapter } from '@payloadcms/db-sqlite'
import { nodemailerAdapter } from '@payloadcms/email-nodemailer'
import { EXPERIMENTAL_TableFeature, lexicalEditor } from '@payloadcms/richtext-lexical'
import { da } from '@payloadcms/translations/languages/da'
import { en } from '@payloadcms/translations/languages/en'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildConfig } from 'payload'

import {
  isMongoUri,
  isPostgresUri,
  mongoDatabase,
  mongoRateLimiter,
  postgresDatabase,
  postgresRateLimiter,
} from './database.js'
import { outboxAdapter, outboxFile } from './dev/outbox/store.js'
import { policyDocsPlugin, rejectMalformedQueries } from './plugin/index.js'
import { resolvePayloadSecret } from './scripts/payloadSecret.js'

const dirname = path.dirname(fileURLToPath(import.meta.url))
const env = process.env
const serverURL = env.PAYLOAD_PUBLIC_SERVER_URL ?? `http://localhost:${env.PORT ?? 3000}`

const defaultDataDir = path.resolve(dirname, 'data')

/** The folder of the SQLite file, where the development secret is kept; data/ for other databases. */
function dataDir(uri = env.DATABASE_URI ?? ''): string {
  const file = uri.startsWith('file:') ? uri.slice('file:'.length).split('?')[0]! : ''
  return file && !file.startsWith(':memory:') ? path.dirname(path.resolve(file)) : defaultDataDir
}

/** The subscription rate limits on the database of DATABASE_URI; SQLite: none (in memory). */
function sharedRateLimiter(uri: string) {
  return isPostgresUri(uri)
    ? postgresRateLimiter(uri)
    : isMongoUri(uri)
      ? mongoRateLimiter(uri)
      : undefined
}

/** Picks the database adapter from DATABASE_URI. */
function databaseAdapter(uri = env.DATABASE_URI ?? ''): DatabaseAdapterObj {
  if (isMongoUri(uri)) {
    return mongoDatabase(uri)
  }
  if (isPostgresUri(uri)) {
    return postgresDatabase(uri)
  }
  if (!uri.startsWith('file:')) {
    // The default file lives in data/ (gitignored); libsql does not create the folder ("cannot connect … 14").
    mkdirSync(defaultDataDir, { recursive: true })
  }
  const url = uri.startsWith('file:') ? uri : `file:${path.join(defaultDataDir, 'policy-docs.db')}`
  // Transactions on: a publish and its release commit or roll back together.
  // (Never with `:memory:`, where a transaction would open a second, empty database.)
  // Several processes (the app and job workers) share the file: a writer waits up to the busy
  // timeout for another's lock instead of failing; the plugin applies it to every connection and
  // queues this process's own transactions (plugin/sqlite/). WAL: readers and the writer do not
  // block each other, so a COMMIT never waits for a reader in another process.
  return sqliteAdapter({
    busyTimeout: 10_000,
    client: { url },
    wal: true,
    // Extra processes on the same file (job workers) must not push the schema a second time.
    push: env.DB_PUSH !== 'false',
    // DB_TRANSACTIONS=false runs without transactions, as MongoDB without a replica set does: tests
    // use it to prove that a refused publish writes nothing rather than relying on a rollback.
    transactionOptions: env.DB_TRANSACTIONS === 'false' ? false : {},
  })
}

/** SMTP settings, shared by Payload's e-mail adapter and the plugin's pooled notice transport. */
const smtpTransportOptions = {
  // Bounded waits: a stuck mail server must not hold a notice worker for nodemailer's default 10 minutes.
  connectionTimeout: 10_000,
  greetingTimeout: 10_000,
  host: env.SMTP_HOST,
  ignoreTLS: env.SMTP_SECURE !== 'true',
  port: Number(env.SMTP_PORT ?? 587),
  secure: env.SMTP_SECURE === 'true',
  socketTimeout: 30_000,
}

/**
 * Development without SMTP_HOST: every e-mail is kept in the outbox (data/outbox.json) and listed
 * at /admin/outbox, so double opt-in and notice links can be followed locally.
 */
const outbox = !env.SMTP_HOST && env.NODE_ENV !== 'production' ? outboxFile(dataDir()) : null

export default buildConfig({
  admin: {
    avatar: 'default',
    // Development only: the outbox view, its navigation link, and the demo login on the login page.
    ...(outbox
      ? {
          components: {
            afterNavLinks: ['/outbox/LoginHint#OutboxNavLink'],
            beforeLogin: ['/outbox/LoginHint#LoginHint'],
            views: { outbox: { Component: '/outbox/OutboxView#OutboxView', path: '/outbox' } },
          },
        }
      : {}),
    importMap: { baseDir: path.resolve(dirname, 'dev') },
    user: 'users',
  },
  collections: [
    {
      slug: 'users',
      admin: { useAsTitle: 'email' },
      auth: true,
      // The account holder's language: account holders are an audience of change notices (below).
      fields: [{ name: 'language', type: 'select', options: ['da', 'en'] }],
      // Bad ids and `where` values get a 400 instead of a database error (the plugin guards its own collections).
      hooks: { beforeOperation: [rejectMalformedQueries] },
    },
  ],
  db: databaseAdapter(),
  // Tables (sub-processor and cookie lists) are part of statements: the importer writes them as table nodes.
  editor: lexicalEditor({
    features: ({ defaultFeatures }) => [...defaultFeatures, EXPERIMENTAL_TableFeature()],
  }),
  email: env.SMTP_HOST
    ? nodemailerAdapter({
        defaultFromAddress: env.MAIL_FROM ?? 'privacy@example.com',
        defaultFromName: env.MAIL_FROM_NAME ?? 'Jackon Danmark A/S',
        skipVerify: true,
        transportOptions: smtpTransportOptions,
      })
    : outbox
      ? outboxAdapter({
          defaultFromAddress: env.MAIL_FROM ?? 'privacy@example.com',
          defaultFromName: env.MAIL_FROM_NAME ?? 'Jackon Danmark A/S',
          file: outbox,
        })
      : undefined,
  // Where the outbox view reads the development e-mails from.
  custom: outbox ? { outboxFile: outbox } : {},
  i18n: { fallbackLanguage: 'en', supportedLanguages: { da, en } },
  jobs: {
    // Under Next (and `getPayload({ cron: true })`) run queued jobs every 10 s: notices go out
    // without a separate worker in development. Production runs `payload jobs:run` workers.
    autoRun: [{ cron: '*/10 * * * * *', limit: 10, queue: 'default' }],
    shouldAutoRun: () => env.JOBS_AUTORUN !== 'false',
  },
  localization: {
    defaultLocale: 'da',
    fallback: false,
    locales: [
      { code: 'da', label: 'Dansk' },
      { code: 'en', label: 'English' },
    ],
  },
  plugins: [
    policyDocsPlugin({
      // GDPR Art. 13/14 checklist: 'warn' by default; tests and adopters can make it refuse publishes and expose it.
      completeness: { public: env.POLICY_COMPLETENESS_PUBLIC === 'true' },
      // Origins whose scripts may call the subscription endpoints (comma-separated); unset: same origin only.
      cors: { subscriptions: (env.CORS_SUBSCRIPTION_ORIGINS ?? '').split(',').filter(Boolean) },
      notices: {
        // Tunable so tests can exercise retries and crash recovery in seconds, not minutes.
        batchSize: Number(env.NOTICE_BATCH_SIZE ?? 100),
        leaseSeconds: Number(env.NOTICE_LEASE_SECONDS ?? 300),
        retryBaseSeconds: Number(env.NOTICE_RETRY_BASE_SECONDS ?? 30),
        // Notices go over a pooled SMTP transport (5 connections by default), not one connection per message.
        smtp: env.SMTP_HOST
          ? {
              maxConnections: Number(env.NOTICE_SMTP_CONNECTIONS ?? 5),
              transportOptions: smtpTransportOptions,
            }
          : undefined,
        // NOTICE_AUDIENCE_USERS=true: account holders get change notices too (service messages).
        audiences:
          env.NOTICE_AUDIENCE_USERS === 'true'
            ? [
                {
                  collection: 'users',
                  email: 'email',
                  label: 'Account holders',
                  locale: 'language',
                },
              ]
            : [],
      },
      publication: { completeness: env.POLICY_COMPLETENESS === 'block' ? 'block' : 'warn' },
      siteName: env.SITE_NAME ?? 'Jackon Danmark A/S',
      // On Postgres and MongoDB the subscription rate limits live in the database, shared by every
      // process of the app; on SQLite each process counts in its own memory (the plugin's default).
      subscriptions: { rateLimiter: sharedRateLimiter(env.DATABASE_URI ?? '') },
      // The proxies in front whose X-Forwarded-For the per-client rate limit believes: a hop count,
      // `true`, or comma-separated addresses/CIDRs. Unset: none (the socket address is the key).
      trustProxy:
        env.TRUST_PROXY === 'true'
          ? true
          : /^\d+$/.test(env.TRUST_PROXY ?? '')
            ? Number(env.TRUST_PROXY)
            : (env.TRUST_PROXY ?? false),
      timeZone: 'Europe/Copenhagen',
      urls: { siteUrl: env.SITE_URL ?? serverURL },
    }),
  ],
  // PAYLOAD_SECRET (≥ 32 bytes outside development), or a random one kept in the data directory in development and tests.
  secret: resolvePayloadSecret({ dataDir: dataDir(), env }),
  serverURL,
  telemetry: false,
  typescript: {
    // Type generation spawns a child process on every boot; it hangs jest and slows dev.
    autoGenerate: false,
    outputFile: path.resolve(dirname, 'payload-types.ts'),
  },
})
