import type { Payload } from 'payload'

import type { NoticeDoc } from '../collections/Notices/types.js'
import type { ReleaseDoc } from '../collections/PolicyReleases/types.js'
import type { EventDoc } from '../collections/ReleaseEvents/types.js'
import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'

import { idOf } from '../collections/ids.js'
import { findDocByID } from '../queries/typed.js'
import { findPreviousVersion } from '../utilities/findReleases.js'
import { withBusyRetry } from '../utilities/withBusyRetry.js'
import { getMailContext, type MailContext } from './mailContext.js'

/** Everything about one notice that is the same for every recipient, read once per run. */
export type NoticeRun = {
  event: EventDoc | null
  mail: MailContext
  notice: NoticeDoc
  payload: Payload
  pluginConfig: SanitizedPolicyDocumentsPluginConfig
  previousVersion: string | undefined
  release: ReleaseDoc
  runner: string
}

/** Reads what a run of `notice` shares between recipients: its release, its event (a correction's) and the previous version. */
export async function loadNoticeRun(
  payload: Payload,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
  notice: NoticeDoc,
  runner: string,
): Promise<NoticeRun> {
  const release = await withBusyRetry(() =>
    findDocByID<ReleaseDoc>(payload, {
      id: idOf(notice.release),
      collection: pluginConfig.releasesSlug,
      depth: 0,
      overrideAccess: true,
    }),
  )
  return {
    event:
      notice.kind === 'correction' && notice.event
        ? await withBusyRetry(() =>
            findDocByID<EventDoc>(payload, {
              id: idOf(notice.event!),
              collection: pluginConfig.eventsSlug,
              depth: 0,
              overrideAccess: true,
            }),
          )
        : null,
    mail: getMailContext(payload, pluginConfig),
    notice,
    payload,
    pluginConfig,
    previousVersion: await findPreviousVersion(
      payload,
      pluginConfig,
      notice.documentKey,
      release.version,
    ),
    release,
    runner,
  }
}
