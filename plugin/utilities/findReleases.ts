import type { Payload, PayloadRequest } from 'payload'

import type { ReleaseDoc } from '../collections/PolicyReleases/types.js'
import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'
import type { PolicyDocumentWithLocales } from './toSnapshot.js'

import { findDocByID, findDocs } from '../queries/typed.js'
import { withBusyRetry } from './withBusyRetry.js'

/** The latest release of a document with its snapshot, or null. */
export async function findLatestRelease(
  req: PayloadRequest,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
  documentKey: string,
): Promise<null | ReleaseDoc> {
  const docs = await findDocs<ReleaseDoc>(req.payload, {
    collection: pluginConfig.releasesSlug,
    depth: 0,
    limit: 1,
    overrideAccess: true,
    pagination: false,
    req,
    sort: ['-major', '-minor'],
    where: { documentKey: { equals: documentKey } },
  })
  return docs[0] ?? null
}

/** The version of the release of a document just before `version` (by major, then minor), if any. */
export async function findPreviousVersion(
  payload: Payload,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
  documentKey: string,
  version: string,
): Promise<string | undefined> {
  const [major, minor] = version.split('.').map(Number) as [number, number]
  const docs = await withBusyRetry(() =>
    findDocs<Pick<ReleaseDoc, 'version'>>(payload, {
      collection: pluginConfig.releasesSlug,
      depth: 0,
      limit: 1,
      overrideAccess: true,
      pagination: false,
      select: { version: true },
      sort: ['-major', '-minor'],
      where: {
        and: [
          { documentKey: { equals: documentKey } },
          {
            or: [
              { major: { less_than: major } },
              { and: [{ major: { equals: major } }, { minor: { less_than: minor } }] },
            ],
          },
        ],
      },
    }),
  )
  return docs[0]?.version
}

/** Reads a policy document with every locale: the latest draft, or as published. */
export async function findDocumentWithLocales(
  req: PayloadRequest,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
  id: number | string,
  draft: boolean,
): Promise<PolicyDocumentWithLocales> {
  return findDocByID<PolicyDocumentWithLocales>(req.payload, {
    id,
    collection: pluginConfig.documentsSlug,
    depth: 0,
    draft,
    fallbackLocale: false,
    locale: 'all',
    overrideAccess: true,
    req,
  })
}
