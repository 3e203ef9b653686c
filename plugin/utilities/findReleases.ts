import type { PayloadRequest } from 'payload'

import type { PreviousRelease } from '../../src/releases/index.js'
import type { ReleaseSnapshot } from '../../src/types.js'
import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'
import type { PolicyDocumentWithLocales } from './toSnapshot.js'

/** The latest release of a document with its snapshot, or null. */
export async function findLatestRelease(
  req: PayloadRequest,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
  documentKey: string,
): Promise<(PreviousRelease & { snapshot: ReleaseSnapshot }) | null> {
  const { docs } = await req.payload.find({
    collection: pluginConfig.releasesSlug,
    depth: 0,
    limit: 1,
    overrideAccess: true,
    pagination: false,
    req,
    sort: ['-major', '-minor'],
    where: { documentKey: { equals: documentKey } },
  })
  return (
    (docs[0] as unknown as (PreviousRelease & { snapshot: ReleaseSnapshot }) | undefined) ?? null
  )
}

/** Reads a policy document with every locale: the latest draft, or as published. */
export async function findDocumentWithLocales(
  req: PayloadRequest,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
  id: number | string,
  draft: boolean,
): Promise<PolicyDocumentWithLocales> {
  const doc = await req.payload.findByID({
    id,
    collection: pluginConfig.documentsSlug,
    depth: 0,
    draft,
    fallbackLocale: false,
    locale: 'all',
    overrideAccess: true,
    req,
  })
  return doc as unknown as PolicyDocumentWithLocales
}
