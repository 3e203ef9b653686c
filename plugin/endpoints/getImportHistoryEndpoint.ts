import type { Endpoint, PayloadRequest } from 'payload'

import type { ImportFormat } from '../../src/import/index.js'
import type { ChangeKind } from '../../src/types.js'
import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'
import type { HistoryVersion } from '../utilities/importHistory.js'

import { DOCUMENT_KEY_RULE, isDocumentKey, RESERVED_DOCUMENT_KEYS } from '../../src/documentKey.js'
import { ImportError, importStatement, MAX_IMPORT_BYTES } from '../../src/import/index.js'
import { existingDocumentKeys } from '../queries/documents.js'
import { answerWithError, toResponse } from '../read/httpAnswer.js'
import { BadRequest } from '../read/params.js'
import { HistoryImportError, planHistory, writeHistory } from '../utilities/importHistory.js'

/** Versions one history import takes. */
export const MAX_HISTORY_VERSIONS = 50
/** The whole request: a few statements as base64 per version, but not an archive dump. */
const MAX_HISTORY_BODY_BYTES = 4 * MAX_IMPORT_BYTES
const KINDS: readonly ChangeKind[] = ['material', 'minor']

type RawVersion = Record<string, unknown>

const isObject = (value: unknown): value is Record<string, unknown> =>
  Boolean(value) && typeof value === 'object' && !Array.isArray(value)

/** An ISO date or date-time in the past, normalized as the ledger stores it. */
function pastDate(value: unknown, label: string, now: number): string {
  const time = typeof value === 'string' ? Date.parse(value) : Number.NaN
  if (!Number.isFinite(time))
    throw new BadRequest(`${label} is not a date; give an ISO date such as "2021-05-01".`)
  if (time > now)
    throw new BadRequest(
      `${label} is in the future; a history holds versions that were published already.`,
    )
  return new Date(time).toISOString()
}

async function readBody(req: PayloadRequest): Promise<Record<string, unknown>> {
  const contentType = (req.headers.get('content-type') ?? '').split(';', 1)[0]!.trim().toLowerCase()
  if (contentType !== 'application/json')
    throw new BadRequest('Send the history as JSON (Content-Type: application/json).', 415)
  const tooLarge = 'The history is larger than 20 MB; import it in parts of fewer versions.'
  if (Number(req.headers.get('content-length') ?? '0') > MAX_HISTORY_BODY_BYTES)
    throw new BadRequest(tooLarge, 413)
  const raw = typeof req.text === 'function' ? await req.text() : ''
  if (Buffer.byteLength(raw) > MAX_HISTORY_BODY_BYTES) throw new BadRequest(tooLarge, 413)
  let body: unknown
  try {
    body = JSON.parse(raw)
  } catch {
    throw new BadRequest('The request body is not valid JSON.')
  }
  if (!isObject(body)) throw new BadRequest('The request body must be a JSON object.')
  return body
}

/** Reads and parses every version (every locale's text through `importStatement`), oldest first. */
async function readVersions(
  raw: unknown,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
): Promise<HistoryVersion[]> {
  if (!Array.isArray(raw) || raw.length === 0)
    throw new BadRequest('Give "versions": the past versions of the statement, oldest first.')
  if (raw.length > MAX_HISTORY_VERSIONS)
    throw new BadRequest(
      `A history import takes at most ${MAX_HISTORY_VERSIONS} versions; import the oldest ones first.`,
    )
  const now = Date.now()
  const versions: HistoryVersion[] = []
  for (const [index, item] of (raw as unknown[]).entries()) {
    const label = `Version ${index + 1}`
    if (!isObject(item)) throw new BadRequest(`${label} must be a JSON object.`)
    const version = item as RawVersion
    const publishedAt = pastDate(version.publishedAt, `${label}'s "publishedAt"`, now)
    const effectiveAt =
      version.effectiveAt === undefined || version.effectiveAt === null
        ? publishedAt
        : pastDate(version.effectiveAt, `${label}'s "effectiveAt"`, now)
    if (effectiveAt < publishedAt)
      throw new BadRequest(`${label} takes effect before it was published.`)
    const before = versions.at(-1)
    if (before && publishedAt <= before.publishedAt)
      throw new BadRequest(
        `${label} is not published after version ${index}; list the versions oldest first, one date each.`,
      )
    if (before && effectiveAt < before.effectiveAt)
      throw new BadRequest(`${label} takes effect before version ${index} does.`)
    if (
      version.kind !== undefined &&
      version.kind !== null &&
      !KINDS.includes(version.kind as ChangeKind)
    )
      throw new BadRequest(`${label}'s "kind" must be "material" or "minor" (or left out).`)
    const notes = isObject(version.changeNote) ? version.changeNote : {}
    const texts = isObject(version.locales) ? version.locales : {}
    const statements: HistoryVersion['statements'] = {}
    for (const locale of pluginConfig.locales) {
      const text = texts[locale]
      if (!isObject(text))
        throw new BadRequest(
          `${label} has no ${locale} text; give "locales": { ${pluginConfig.locales.map((l) => `"${l}": { "content": "…" }`).join(', ')} }.`,
        )
      let data: string | Uint8Array
      if (typeof text.base64 === 'string') data = new Uint8Array(Buffer.from(text.base64, 'base64'))
      else if (typeof text.content === 'string') data = text.content
      else throw new BadRequest(`${label}'s ${locale} text needs "content" or "base64".`)
      try {
        statements[locale] = await importStatement({
          data,
          filename: typeof text.filename === 'string' ? text.filename : undefined,
          format: typeof text.format === 'string' ? (text.format as ImportFormat) : undefined,
          locale,
        })
      } catch (error) {
        if (error instanceof ImportError)
          throw new BadRequest(`${label}, ${locale}: ${error.message}`, error.status)
        throw error
      }
    }
    versions.push({
      changeNote: Object.fromEntries(
        pluginConfig.locales.map((locale) => [
          locale,
          typeof notes[locale] === 'string' ? (notes[locale] as string).trim() : '',
        ]),
      ),
      effectiveAt,
      kind: (version.kind as ChangeKind | null | undefined) ?? null,
      publishedAt,
      statements,
    })
  }
  return versions
}

/**
 * `POST {publicPath}/import-history` for signed-in editors: takes a statement's past versions
 * (oldest first, each with its date and its text in every locale as .docx, HTML or Markdown) and,
 * with `create`, creates the policy document with one release per version, marked *imported*, in
 * one hash chain. Without `create` it answers the plan (versions, kinds and the classifier's
 * reasons) and stores nothing. Imported releases never start a notice or show a banner.
 */
export function getImportHistoryEndpoint(
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
): Endpoint {
  return {
    handler: async (req) => {
      if (!req.user) return toResponse(answerWithError(401, 'Sign in to import a history.'))
      try {
        const body = await readBody(req)
        const key = typeof body.key === 'string' ? body.key.trim() : ''
        if (!isDocumentKey(key) || RESERVED_DOCUMENT_KEYS.includes(key))
          throw new BadRequest(`Give "key": the document key, ${DOCUMENT_KEY_RULE}.`)
        const versions = await readVersions(body.versions, pluginConfig)
        const history = planHistory(pluginConfig, key, versions)
        const plan = history.releases.map(({ plan: release }) => ({
          effectiveAt: release.effectiveAt,
          hash: release.hash,
          kind: release.kind,
          proposal: release.decision.proposal,
          publishedAt: release.publishedAt,
          reasons: release.decision.reasons,
          version: release.version,
        }))
        const warnings = versions.flatMap((version, index) =>
          Object.values(version.statements).flatMap((statement) =>
            statement.warnings.map(
              (warning) => `Version ${index + 1}, ${statement.locale}: ${warning}`,
            ),
          ),
        )
        const headers = { 'Cache-Control': 'no-store' }
        if (body.create !== true)
          return Response.json({ created: null, releases: plan, warnings }, { headers })
        if ((await existingDocumentKeys(req.payload, pluginConfig, [key])).length > 0)
          throw new BadRequest(
            `A policy document with the key "${key}" exists already; a history is imported into a new document. Choose another key.`,
            409,
          )
        const created = await writeHistory(req, pluginConfig, history)
        return Response.json(
          { created: { id: created.id, key }, releases: plan, warnings },
          { headers, status: 201 },
        )
      } catch (error) {
        if (error instanceof BadRequest || error instanceof HistoryImportError)
          return toResponse(answerWithError(error.status, error.message))
        throw error
      }
    },
    method: 'post',
    path: `${pluginConfig.publicPath}/import-history`,
  }
}
