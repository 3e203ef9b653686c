/**
 * Publishes one change after another until it is killed; prints "published <n>" after each.
 * The crash test kills it with SIGKILL at a random moment, mid-publish or between publishes.
 */
import { getPayload } from 'payload'

import config from '../../payload.config.js'
import { publishEdit, replaceBody } from './publish.js'

const payload = await getPayload({ config })
payload.logger.level = 'warn'
const tag = `${process.pid}`
for (let n = 1; n <= 1000; n++) {
  await publishEdit(payload, {
    changeNote: (locale) => `Rettelse ${tag}.${n} (${locale})`,
    justification: `Crash test ${tag}.${n}`,
    kind: 'minor',
    sections: replaceBody('security', () => `Sikkerhed ${tag}.${n}`),
  })
  process.stdout.write(`published ${n}\n`)
}
process.exit(0)
