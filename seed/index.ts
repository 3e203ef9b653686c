import type { Payload } from 'payload'

import type { SeedRelease, SeedStatement } from './types.js'

import { PUBLISHED_AT_CONTEXT_KEY } from '../plugin/defaults.js'
import { blocksToLexical } from '../src/lexical/index.js'
import { seedReleases } from './data/history.js'

export type SeedOptions = {
  /** @default 'privacy' */
  documentKey?: string
  /** @default 'policy-documents' */
  documentsSlug?: string
  /** @default 'policy-releases' */
  releasesSlug?: string
  /** The demo editor account; created only when no user exists yet. */
  user?: { email: string; password: string } | false
}

export type SeedResult = {
  createdUser: boolean
  /** Versions this run published (empty when everything was already there). */
  published: string[]
}

/** Demo publication dates: each release is announced 30 days before it takes effect. */
const NOTICE_DAYS = 30

/**
 * Seeds the demo privacy statement and its release history (1.0, minor 1.1, material 2.0).
 * Idempotent: it publishes only the seed releases the ledger does not have yet, and creates the
 * demo user only when the users collection is empty.
 */
export const seed = async (payload: Payload, options: SeedOptions = {}): Promise<SeedResult> => {
  const documentKey = options.documentKey ?? 'privacy'
  const documentsSlug = options.documentsSlug ?? 'policy-documents'
  const releasesSlug = options.releasesSlug ?? 'policy-releases'
  const result: SeedResult = { createdUser: false, published: [] }

  if (options.user !== false) {
    const user = options.user ?? { email: 'editor@example.com', password: 'policy-docs-demo' }
    const { totalDocs } = await payload.count({ collection: 'users' })
    if (totalDocs === 0) {
      await payload.create({ collection: 'users', data: user })
      result.createdUser = true
    }
  }

  const { docs: existing } = await payload.find({
    collection: releasesSlug,
    depth: 0,
    pagination: false,
    select: { version: true },
    where: { documentKey: { equals: documentKey } },
  })
  const have = new Set(existing.map((release) => String((release as { version?: string }).version)))
  if (have.size > 0 && !seedReleases.some((release) => have.has(release.version))) {
    // Someone else's history: never write demo releases on top of it.
    payload.logger.info(
      `[seed] "${documentKey}" already has releases that are not the demo's; leaving it alone.`,
    )
    return result
  }

  let documentId = await findDocumentId(payload, documentsSlug, documentKey)
  for (const release of seedReleases) {
    if (have.has(release.version)) {
      continue
    }
    payload.logger.info(`[seed] publishing ${documentKey} ${release.version}…`)
    documentId = await writeDraft(payload, documentsSlug, documentKey, documentId, release)
    await payload.update({
      id: documentId,
      collection: documentsSlug,
      context: { [PUBLISHED_AT_CONTEXT_KEY]: publishedAtFor(release) },
      data: { _status: 'published' },
      locale: 'da',
    })
    result.published.push(release.version)
  }
  if (documentId !== undefined && result.published.length > 0) {
    await clearPublishSettings(payload, documentsSlug, documentId)
  }
  return result
}

/**
 * Leaves the document with empty publish settings, as an editor starting the next release expects
 * them. Same content, so the publish this takes creates no release.
 */
async function clearPublishSettings(
  payload: Payload,
  slug: string,
  id: number | string,
): Promise<void> {
  const cleared = {
    changeKind: 'proposed',
    changeNote: '',
    effectiveAt: null,
    justification: '',
    notifyMinor: false,
    shortNoticeJustification: '',
  }
  await payload.update({
    id,
    collection: slug,
    data: { release: cleared },
    draft: true,
    locale: 'en',
  })
  await payload.update({
    id,
    collection: slug,
    data: { _status: 'published', release: cleared },
    locale: 'da',
  })
}

function publishedAtFor(release: SeedRelease): string {
  return new Date(Date.parse(release.effectiveAt) - NOTICE_DAYS * 24 * 3600 * 1000).toISOString()
}

async function findDocumentId(
  payload: Payload,
  slug: string,
  key: string,
): Promise<number | string | undefined> {
  const { docs } = await payload.find({
    collection: slug,
    depth: 0,
    draft: true,
    limit: 1,
    where: { key: { equals: key } },
  })
  return docs[0]?.id
}

/** Writes one seed release as the latest draft, Danish first, then English into the same rows. */
async function writeDraft(
  payload: Payload,
  slug: string,
  key: string,
  id: number | string | undefined,
  release: SeedRelease,
): Promise<number | string> {
  const statement: SeedStatement = release.statement
  const releaseSettings = (locale: 'da' | 'en') => ({
    changeKind: release.kind,
    changeNote: release.changeNote[locale],
    effectiveAt: release.effectiveAt,
    justification: `Demo history written by the seed (release ${release.version}).`,
  })
  const rowIds = new Map<string, number | string>()
  if (id !== undefined) {
    const current = await payload.findByID({
      id,
      collection: slug,
      depth: 0,
      draft: true,
      locale: 'da',
    })
    for (const row of (current.sections ?? []) as Array<{ id: number | string; key: string }>) {
      rowIds.set(row.key, row.id)
    }
  }
  const sectionsFor = (locale: 'da' | 'en') =>
    statement.sections.map((section) => ({
      ...(rowIds.has(section.key) ? { id: rowIds.get(section.key) } : {}),
      body: blocksToLexical(section.blocks[locale]),
      heading: section.heading[locale],
      key: section.key,
      kind: section.kind,
    }))
  const daData = {
    key,
    release: releaseSettings('da'),
    sections: sectionsFor('da'),
    title: statement.title.da,
  }
  const da =
    id === undefined
      ? await payload.create({
          collection: slug,
          data: { ...daData, _status: 'draft' },
          draft: true,
          locale: 'da',
        })
      : await payload.update({ id, collection: slug, data: daData, draft: true, locale: 'da' })
  for (const row of (da.sections ?? []) as Array<{ id: number | string; key: string }>) {
    rowIds.set(row.key, row.id)
  }
  await payload.update({
    id: da.id,
    collection: slug,
    data: {
      release: releaseSettings('en'),
      sections: sectionsFor('en'),
      title: statement.title.en,
    },
    draft: true,
    locale: 'en',
  })
  return da.id
}
