import type { TaskConfig } from 'payload'

import { randomUUID } from 'node:crypto'

import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'

import { runNotice } from '../notices/runNotice.js'
import { queueSendNotice, resumeStalledNotices, SEND_NOTICE_TASK } from '../notices/startNotice.js'

/**
 * The jobs task that sends a notice. One run works for `notices.runBudgetSeconds`, then queues the
 * next run (at once if work is left, or when the next retry is due). Payload's own retries cover
 * a database outage mid-run; our per-recipient claims make overlapping runs harmless.
 */
export function getSendNoticeTask(pluginConfig: SanitizedPolicyDocumentsPluginConfig): TaskConfig {
  return {
    slug: SEND_NOTICE_TASK,
    handler: async ({ input, req }) => {
      const noticeId = (input as { notice: string }).notice
      const result = await runNotice(req.payload, pluginConfig, noticeId, randomUUID()).catch(
        (error: unknown) => {
          // Payload's job log keeps only the message; keep the whole error for whoever debugs an outage.
          req.payload.logger.error({
            err: error,
            msg: `[policy-documents] notice ${noticeId}: run failed, the job will retry`,
          })
          throw error
        },
      )
      if (!result.done) {
        await queueSendNotice(req.payload, pluginConfig, noticeId, result.nextRunAt)
      }
      return { output: { done: result.done } }
    },
    inputSchema: [{ name: 'notice', type: 'text', required: true }],
    outputSchema: [{ name: 'done', type: 'checkbox' }],
    retries: { attempts: 10, backoff: { type: 'exponential', delay: 5000 } },
  }
}

/** Slug of the scheduled sweep that resumes stalled notices. */
export const RESUME_NOTICES_TASK = 'policyDocsResumeNotices'

/** Every minute, re-queue notices whose worker died (see `resumeStalledNotices`). */
export function getResumeNoticesTask(
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
): TaskConfig {
  return {
    slug: RESUME_NOTICES_TASK,
    handler: async ({ req }) => ({
      output: { resumed: await resumeStalledNotices(req.payload, pluginConfig) },
    }),
    outputSchema: [{ name: 'resumed', type: 'number' }],
    schedule: [{ cron: '0 * * * * *', queue: pluginConfig.notices.queue }],
  }
}
