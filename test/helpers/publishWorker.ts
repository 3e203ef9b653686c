/**
 * Publishes one change after another until it is killed; prints "published <n>" after each.
 * The crash test kills it with SIGKILL at a random moment, mid-publish or between publishes.
 */
import { getPayload } from 'payload'

import config from '../../payload.config.js'
import { blocksToLexical } from '../../src/lexical/index.js'

const payload = await getPayload({ config })
payload.logger.level = 'warn'
const doc = (await payload.find({ collection: 'policy-documents', draft: true })).docs[0]!
const tag = `${process.pid}`
for (let n = 1; n <= 1000; n++) {
  for (const locale of ['en', 'da'] as const) {
    const current = await payload.findByID({ id: doc.id, collection: 'policy-documents', draft: true, locale })
    await payload.update({
      id: doc.id,
      collection: 'policy-documents',
      data: {
        _status: locale === 'da' ? 'published' : 'draft',
        release: { changeKind: 'minor', changeNote: `Rettelse ${tag}.${n} (${locale})`, justification: `Crash test ${tag}.${n}` },
        sections: current.sections!.map((row: any) =>
          row.key === 'security'
            ? { ...row, body: blocksToLexical([{ html: `Sikkerhed ${tag}.${n}`, text: `Sikkerhed ${tag}.${n}`, type: 'paragraph' }]) }
            : row,
        ),
      },
      draft: locale !== 'da',
      locale,
    })
  }
  process.stdout.write(`published ${n}\n`)
}
process.exit(0)
