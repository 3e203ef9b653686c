import { getPayload, handleEndpoints } from 'payload'
// Run by scripts/test-package.mjs inside the adopter's app, with plain `node` (no TypeScript loader):
// boots Payload on SQLite from the host's own config, creates and publishes a policy in en and de through
// the Local API, and reads it back through the plugin's public API. Prints the created document's id.
import { blocksToLexical } from 'payload-plugin-policy-docs/core'

import config from './src/payload.config.js'

const payload = await getPayload({ config: await config })
const body = (text) => blocksToLexical([{ html: text, text, type: 'paragraph' }])

await payload.create({
  collection: 'users',
  data: { email: 'adopter@example.com', password: 'adopter-password-1' },
})
const doc = await payload.create({
  collection: 'policy-documents',
  data: {
    _status: 'draft',
    key: 'privacy',
    sections: [
      {
        body: body('We use your e-mail address to send invoices.'),
        heading: 'Purposes',
        key: 'purposes',
        kind: 'purposes',
      },
    ],
    title: 'Privacy policy',
  },
  draft: true,
  locale: 'en',
})
for (const locale of ['de', 'en']) {
  const current = await payload.findByID({
    collection: 'policy-documents',
    draft: true,
    id: doc.id,
    locale,
  })
  const de = locale === 'de'
  await payload.update({
    collection: 'policy-documents',
    id: doc.id,
    data: {
      _status: de ? 'draft' : 'published',
      release: {
        changeKind: 'material',
        changeNote: de ? 'Erste Fassung.' : 'First version.',
        justification: 'First version of the statement.',
      },
      sections: (current.sections ?? []).map((row) => ({
        ...row,
        ...(de
          ? { body: body('Wir verwenden Ihre E-Mail-Adresse für Rechnungen.'), heading: 'Zwecke' }
          : {}),
      })),
      ...(de ? { title: 'Datenschutzerklärung' } : {}),
    },
    draft: de,
    locale,
  })
}

const read = async (path) => {
  const response = await handleEndpoints({
    config: payload.config,
    request: new Request(`http://localhost/api${path}`),
  })
  if (response.status !== 200)
    throw new Error(`GET ${path}: ${response.status} ${await response.text()}`)
  return response.json()
}
for (const [locale, expected] of [
  ['en', 'invoices'],
  ['de', 'Rechnungen'],
]) {
  const statement = await read(`/policies/privacy?locale=${locale}`)
  const text = JSON.stringify(statement)
  if (!text.includes(expected))
    throw new Error(`the ${locale} statement does not contain "${expected}": ${text.slice(0, 400)}`)
}
const releases = await payload.find({
  collection: 'policy-releases',
  limit: 10,
  overrideAccess: true,
})
if (releases.totalDocs !== 1) throw new Error(`expected one release, found ${releases.totalDocs}`)
console.log(`SMOKE_OK ${doc.id}`)
await payload.destroy()
process.exit(0)
