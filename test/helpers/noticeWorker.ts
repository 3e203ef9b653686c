/**
 * A separate worker process for the fault tests, on the same SQLite file and SMTP server as the
 * test: `jobs` runs the jobs queue until it is empty; `notice <id>` runs one notice directly
 * (a second, concurrent runner), with `on-go` only once the test says so on stdin. The test may kill
 * it at any moment. Started by test/helpers/startNoticeWorker.ts.
 */
import { getPayload } from 'payload'

import config from '../../payload.config.js'
import { runNotice } from '../../plugin/notices/runNotice.js'

const [mode, noticeId, onGo] = process.argv.slice(2)
const payload = await getPayload({ config })
payload.logger.level = 'warn'
const pluginConfig = (payload.config.custom as { policyDocuments: never }).policyDocuments

if (mode === 'notice' && noticeId) {
  if (onGo === 'on-go') {
    // Line up with the other runners (test/helpers/startNoticeWorker.ts): booted, now wait for "go".
    process.stdout.write('worker ready\n')
    await new Promise((resolve) => process.stdin.once('data', resolve))
  }
  await runNotice(payload, pluginConfig, noticeId, `worker-${process.pid}`)
} else {
  for (let round = 0; round < 50; round++) {
    const result = await payload.jobs.run({ limit: 50, queue: 'default' })
    if (result.noJobsRemaining) {
      break
    }
  }
}
process.stdout.write('worker done\n')
process.exit(0)
