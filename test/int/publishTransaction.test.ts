/**
 * Issue 10: a publish and the release it freezes are one transaction. Rolled back, neither is
 * stored: every write of the publish hooks joins the request's transaction. Needs a database with
 * transactions: on MongoDB without a replica set (a standalone mongod, the emulator) there are none,
 * and the test is skipped, saying so in its name. (A refused publish writes nothing on any database
 * without a rollback: test/int/publishRefusal.test.ts.)
 */
import type { Payload } from 'payload'

import { createLocalReq } from 'payload'

import { seed } from '../../seed/index.js'
import { bootPayload, supportsTransactions, type TestPayload } from '../helpers/bootPayload.js'
import { paragraphBody } from '../helpers/publish.js'

// Booted at the top (ESM top-level await), so whether the server runs transactions is known when
// the test is declared, and a skip shows in its name.
const t: TestPayload = await bootPayload()
const payload: Payload = t.payload
const transactions = await supportsTransactions(payload)
const skipReason = transactions
  ? ''
  : ` (skipped: ${t.database} runs no transactions here: no replica set)`
if (!transactions) {
  console.warn(`publishTransaction.test.ts${skipReason}`)
}

beforeAll(async () => {
  await seed(payload)
}, 120_000)

afterAll(async () => {
  await t.destroy()
})

const releaseCount = async () => (await payload.count({ collection: 'policy-releases' })).totalDocs
const publishedSecurityText = async () => {
  const doc = (await payload.find({ collection: 'policy-documents', depth: 0, locale: 'da' }))
    .docs[0] as any
  return JSON.stringify(doc.sections.find((row: any) => row.key === 'security').body)
}

describe('a publish is one transaction with its release', () => {
  ;(transactions ? it : it.skip)(
    `rolled back, leaves neither the published text nor a release${skipReason}`,
    async () => {
      const doc = (await payload.find({ collection: 'policy-documents', draft: true, limit: 1 }))
        .docs[0]!
      for (const locale of ['en', 'da'] as const) {
        const current = await payload.findByID({
          id: doc.id,
          collection: 'policy-documents',
          draft: true,
          locale,
        })
        const req = await createLocalReq({}, payload)
        req.transactionID = (await payload.db.beginTransaction()) ?? undefined
        const releasesBefore = await releaseCount()
        const textBefore = await publishedSecurityText()
        await payload.update({
          id: doc.id,
          collection: 'policy-documents',
          data: {
            _status: locale === 'da' ? 'published' : 'draft',
            release: {
              changeKind: 'minor',
              changeNote: `Rullet tilbage (${locale})`,
              justification: 'Transaction test',
            },
            sections: (current.sections as any[]).map((row) =>
              row.key === 'security'
                ? { ...row, body: paragraphBody(`Rullet tilbage ${locale}`) }
                : row,
            ),
          },
          draft: locale !== 'da',
          locale,
          req,
        })
        if (locale === 'en') {
          await payload.db.commitTransaction(req.transactionID!)
          continue
        }
        // Inside the transaction the publish happened: a release was frozen.
        expect((await payload.count({ collection: 'policy-releases', req })).totalDocs).toBe(
          releasesBefore + 1,
        )
        await payload.db.rollbackTransaction(req.transactionID!)
        expect(await releaseCount()).toBe(releasesBefore)
        expect(await publishedSecurityText()).toBe(textBefore)
        expect((await (await t.api('/policies/privacy/verify')).json()).intact).toBe(true)
      }
    },
  )
})
