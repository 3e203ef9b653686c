import type { Endpoint, PayloadRequest } from 'payload'

import type { ImportedStatement, ImportFormat } from '../../src/import/index.js'
import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'

import { DOCUMENT_KEY_RULE, isDocumentKey, RESERVED_DOCUMENT_KEYS } from '../../src/documentKey.js'
import {
  ImportError,
  importStatement,
  keyFromHeading,
  MAX_IMPORT_BYTES,
} from '../../src/import/index.js'
import { blocksToLexical, renderBlocksHtml } from '../../src/lexical/index.js'
import { existingDocumentKeys } from '../queries/documents.js'
import { answerWithError, toResponse } from '../read/httpAnswer.js'
import { BadRequest, parseLocale } from '../read/params.js'

// A base64 upload of the largest accepted file, plus the JSON around it.
const MAX_BODY_BYTES = Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 64 * 1024

type ImportRequest = {
  contentType?: string
  create: boolean
  data: string | Uint8Array
  filename?: string
  format?: ImportFormat
  /** Key of an existing document to import this locale's text into (a translation), section by section. */
  into?: string
  key?: string
  title?: string
}

/** Reads a multipart upload (`file`, `create`, `key`, `title`) or JSON (`content` text or `base64` bytes). */
async function readImportRequest(req: PayloadRequest): Promise<ImportRequest> {
  const contentType = (req.headers.get('content-type') ?? '').split(';', 1)[0]!.trim().toLowerCase()
  if (Number(req.headers.get('content-length') ?? '0') > MAX_BODY_BYTES) {
    throw new BadRequest('The upload is larger than 5 MB; at most 5 MB can be imported.', 413)
  }
  const text = (value: unknown): string | undefined =>
    typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
  const flag = (value: unknown): boolean =>
    value === true || value === 'true' || value === '1' || value === 'on'
  if (contentType === 'multipart/form-data' && typeof req.formData === 'function') {
    const form = await req.formData()
    const file = form.get('file')
    const pasted = text(form.get('content'))
    if (!(file instanceof Blob) && !pasted)
      throw new BadRequest('Attach a file (field "file") or paste text (field "content").')
    const format = text(form.get('format')) as ImportFormat | undefined
    return {
      contentType: file instanceof Blob ? file.type || undefined : undefined,
      create: flag(form.get('create')),
      data: file instanceof Blob ? new Uint8Array(await file.arrayBuffer()) : pasted!,
      filename: file instanceof File ? file.name : undefined,
      format,
      into: text(form.get('into')),
      key: text(form.get('key')),
      title: text(form.get('title')),
    }
  }
  if (contentType === 'application/json') {
    const raw = typeof req.text === 'function' ? await req.text() : ''
    if (Buffer.byteLength(raw) > MAX_BODY_BYTES)
      throw new BadRequest('The upload is larger than 5 MB; at most 5 MB can be imported.', 413)
    let body: Record<string, unknown>
    try {
      body = JSON.parse(raw) as Record<string, unknown>
    } catch {
      throw new BadRequest('The request body is not valid JSON.')
    }
    if (!body || typeof body !== 'object' || Array.isArray(body))
      throw new BadRequest('The request body must be a JSON object.')
    let data: string | Uint8Array
    if (typeof body.base64 === 'string') data = new Uint8Array(Buffer.from(body.base64, 'base64'))
    else if (typeof body.content === 'string') data = body.content
    else
      throw new BadRequest('Give the text as "content", or a file as "base64" with its "filename".')
    return {
      create: flag(body.create),
      data,
      filename: text(body.filename),
      format: text(body.format) as ImportFormat | undefined,
      into: text(body.into),
      key: text(body.key),
      title: text(body.title),
    }
  }
  throw new BadRequest(
    'Send the file as multipart/form-data (field "file") or JSON ("content" or "base64").',
    415,
  )
}

/** What the preview shows: each section with its key, suggested kind and rendered (escaped) body. */
function previewOf(statement: ImportedStatement, key: string) {
  return {
    format: statement.format,
    key,
    locale: statement.locale,
    sections: statement.sections.map((section) => ({
      heading: section.heading,
      html: renderBlocksHtml(section.blocks),
      key: section.key,
      kind: section.kind,
    })),
    title: statement.title,
    warnings: statement.warnings,
  }
}

/**
 * Fills one locale of an existing document from an imported translation: the title, and each
 * section's heading and body by position (keys and kinds stay). Refused when the section counts differ.
 */
async function importTranslation(
  req: PayloadRequest,
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
  key: string,
  locale: string,
  statement: ImportedStatement,
  preview: ReturnType<typeof previewOf>,
): Promise<Response> {
  const { docs } = await req.payload.find({
    collection: pluginConfig.documentsSlug,
    depth: 0,
    draft: true,
    limit: 1,
    locale,
    overrideAccess: false,
    req,
    where: { key: { equals: key } },
  })
  const doc = docs[0] as
    { id: number | string; sections?: Array<Record<string, unknown>> } | undefined
  if (!doc) return toResponse(answerWithError(404, `Unknown policy document "${key}".`))
  const rows = doc.sections ?? []
  if (rows.length !== statement.sections.length) {
    return toResponse(
      answerWithError(
        400,
        `The imported text has ${statement.sections.length} sections and "${key}" has ${rows.length}: a translation must have the same sections, in the same order.`,
      ),
    )
  }
  await req.payload.update({
    id: doc.id,
    collection: pluginConfig.documentsSlug,
    data: {
      sections: rows.map((row, index) => ({
        ...row,
        body: blocksToLexical(statement.sections[index]!.blocks),
        heading: statement.sections[index]!.heading,
      })),
      title: statement.title || key,
    },
    draft: true,
    locale,
    overrideAccess: false,
    req,
  })
  return Response.json(
    { created: { id: doc.id, key }, preview },
    { headers: { 'Cache-Control': 'no-store' } },
  )
}

/**
 * `POST {publicPath}/import?locale=da` for signed-in editors: turns an uploaded .docx, HTML or
 * Markdown file (or pasted text) into a statement. Without `create` it answers the preview
 * (sections with keys and suggested kinds, nothing stored); with `create` it creates a draft policy
 * document in that locale, which the editor then translates, reviews and publishes; with `create`
 * and `into` (a document key) it fills that locale of an existing document: a translation.
 */
export function getImportEndpoint(pluginConfig: SanitizedPolicyDocumentsPluginConfig): Endpoint {
  return {
    handler: async (req) => {
      if (!req.user) return toResponse(answerWithError(401, 'Sign in to import a statement.'))
      try {
        const locale = parseLocale(
          req.searchParams?.get('locale') ?? undefined,
          pluginConfig.locales,
          pluginConfig.defaultLocale,
        )
        const request = await readImportRequest(req)
        const statement = await importStatement({
          contentType: request.contentType,
          data: request.data,
          filename: request.filename,
          format: request.format,
          locale,
        })
        const title = request.title ?? statement.title
        const key = request.into ?? request.key ?? keyFromHeading(title || 'privacy')
        if (!isDocumentKey(key) || RESERVED_DOCUMENT_KEYS.includes(key))
          throw new BadRequest(`The document key must be ${DOCUMENT_KEY_RULE}.`)
        const preview = previewOf({ ...statement, title }, key)
        if (!request.create)
          return Response.json(
            { created: null, preview },
            { headers: { 'Cache-Control': 'no-store' } },
          )
        if (request.into)
          return await importTranslation(
            req,
            pluginConfig,
            request.into,
            locale,
            { ...statement, title },
            preview,
          )
        if ((await existingDocumentKeys(req.payload, pluginConfig, [key])).length > 0)
          return toResponse(
            answerWithError(
              409,
              `A policy document with the key "${key}" exists already; choose another key.`,
            ),
          )
        const doc = await req.payload.create({
          collection: pluginConfig.documentsSlug,
          data: {
            _status: 'draft',
            key,
            sections: statement.sections.map((section) => ({
              body: blocksToLexical(section.blocks),
              heading: section.heading,
              key: section.key,
              kind: section.kind,
            })),
            title: title || key,
          },
          draft: true,
          locale,
          overrideAccess: false,
          req,
        })
        return Response.json(
          { created: { id: doc.id, key }, preview },
          { headers: { 'Cache-Control': 'no-store' }, status: 201 },
        )
      } catch (error) {
        if (error instanceof ImportError || error instanceof BadRequest)
          return toResponse(answerWithError(error.status, error.message))
        throw error
      }
    },
    method: 'post',
    path: `${pluginConfig.publicPath}/import`,
  }
}
