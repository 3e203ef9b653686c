// The adopter's own config, in the shape of Payload's blank template, written in plain JavaScript so that
// `node` loads it without a TypeScript loader. Locales en and de (not the demo's da/en).
import { sqliteAdapter } from '@payloadcms/db-sqlite'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildConfig } from 'payload'
import { policyDocsPlugin } from 'payload-plugin-policy-docs'

const dirname = path.dirname(fileURLToPath(import.meta.url))

export default buildConfig({
  admin: { avatar: 'default', importMap: { baseDir: dirname }, user: 'users' },
  collections: [{ slug: 'users', admin: { useAsTitle: 'email' }, auth: true, fields: [] }],
  db: sqliteAdapter({ client: { url: process.env.DATABASE_URI } }),
  editor: lexicalEditor(),
  localization: { defaultLocale: 'en', fallback: false, locales: ['en', 'de'] },
  plugins: [
    policyDocsPlugin({
      siteName: 'Host GmbH',
      timeZone: 'Europe/Berlin',
      urls: { siteUrl: 'http://localhost:4000' },
    }),
  ],
  secret: process.env.PAYLOAD_SECRET,
  telemetry: false,
  typescript: { autoGenerate: false },
})
