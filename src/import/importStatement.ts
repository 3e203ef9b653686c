/**
 * Imports an existing statement (.docx through mammoth, HTML through htmlparser2, Markdown through
 * marked) into sections split at headings, with stable keys and suggested kinds, ready to be
 * saved as a draft policy document. Nothing is created here: the caller shows the result as a
 * preview first.
 */
import mammoth from 'mammoth'
import { marked } from 'marked'

import type { Block, InlineText } from '../types.js'
import type { ImportedSection, ImportedStatement, ImportFormat, ImportInput } from './types.js'

import { suggestKind } from '../kinds/index.js'
import { inlineTextToSegments, segmentsToInlineText, TEXT_FORMAT } from '../lexical/inline.js'
import { ImportError, MAX_IMPORT_BYTES } from './errors.js'
import { type HtmlEvent, readHtml } from './fromHtml.js'
import { uniqueKeys } from './keys.js'

const EXTENSIONS: Record<string, ImportFormat> = {
  docx: 'docx',
  htm: 'html',
  html: 'html',
  markdown: 'markdown',
  md: 'markdown',
  txt: 'markdown',
  xhtml: 'html',
}
const CONTENT_TYPES: Record<string, ImportFormat> = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/xhtml+xml': 'html',
  'text/html': 'html',
  'text/markdown': 'markdown',
  'text/plain': 'markdown',
  'text/x-markdown': 'markdown',
}

/** The format of an input, from an explicit format, the file name or the content type. */
export function detectFormat(
  input: Pick<ImportInput, 'contentType' | 'filename' | 'format'>,
): ImportFormat {
  if (input.format) {
    if (input.format === 'docx' || input.format === 'html' || input.format === 'markdown')
      return input.format
    throw new ImportError(
      'unsupported-type',
      `Unsupported format "${String(input.format).slice(0, 20)}": use docx, html or markdown.`,
    )
  }
  const extension = input.filename?.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1]
  if (extension) {
    const format = EXTENSIONS[extension]
    if (format) return format
    throw new ImportError(
      'unsupported-type',
      `Files of type .${extension.slice(0, 10)} cannot be imported: upload a Word document (.docx), an HTML page (.html) or Markdown (.md).`,
    )
  }
  const type = input.contentType?.split(';')[0]?.trim().toLowerCase()
  if (type) {
    const format = CONTENT_TYPES[type]
    if (format) return format
    throw new ImportError(
      'unsupported-type',
      `Content of type ${type.slice(0, 60)} cannot be imported: use a Word document (.docx), HTML or Markdown.`,
    )
  }
  throw new ImportError(
    'unsupported-type',
    'Say what the input is (docx, html or markdown), or give a file name ending in .docx, .html or .md.',
  )
}

const byteLength = (data: string | Uint8Array): number =>
  typeof data === 'string' ? Buffer.byteLength(data, 'utf8') : data.byteLength

async function toHtml(format: ImportFormat, data: string | Uint8Array): Promise<string> {
  if (format === 'docx') {
    if (typeof data === 'string')
      throw new ImportError(
        'unreadable',
        'A Word document must be uploaded as a file, not pasted as text.',
      )
    try {
      const result = await mammoth.convertToHtml({
        buffer: Buffer.from(data.buffer, data.byteOffset, data.byteLength),
      })
      return result.value
    } catch {
      throw new ImportError(
        'unreadable',
        'The file is not a readable Word document (.docx). Save it as .docx in Word and try again.',
      )
    }
  }
  const text =
    typeof data === 'string' ? data : new TextDecoder('utf-8', { fatal: false }).decode(data)
  if (format === 'html') return text
  return marked.parse(text, { async: false, gfm: true }) as string
}

const bold = (inline: InlineText): InlineText =>
  segmentsToInlineText(
    inlineTextToSegments(inline).map((segment) => ({
      ...segment,
      format: segment.format | TEXT_FORMAT.bold,
    })),
  )

/** Splits events into a title and sections at the top heading level. */
function sections(
  events: HtmlEvent[],
  locale: string,
): { sections: Array<{ blocks: Block[]; heading: string }>; title: string } {
  const headings = events.filter(
    (e): e is Extract<HtmlEvent, { type: 'heading' }> => e.type === 'heading',
  )
  let title = ''
  let rest = events
  // A single leading h1 above lower headings is the document's title.
  const first = headings[0]
  if (
    first &&
    first.level === 1 &&
    headings.filter((h) => h.level === 1).length === 1 &&
    headings.length > 1
  ) {
    title = first.inline.text
    rest = events.filter((e) => e !== first)
  }
  const levels = rest.filter((e) => e.type === 'heading').map((e) => (e as { level: number }).level)
  const sectionLevel = levels.length ? Math.min(...levels) : 0
  const out: Array<{ blocks: Block[]; heading: string }> = []
  let current: { blocks: Block[]; heading: string } | null = null
  for (const event of rest) {
    if (event.type === 'heading' && event.level === sectionLevel) {
      current = { blocks: [], heading: event.inline.text }
      out.push(current)
      continue
    }
    if (!current) {
      current = { blocks: [], heading: locale.startsWith('da') ? 'Indledning' : 'Introduction' }
      out.push(current)
    }
    // Deeper headings stay inside the section as bold paragraphs.
    current.blocks.push(
      event.type === 'heading' ? { ...bold(event.inline), type: 'paragraph' } : event.block,
    )
  }
  return { sections: out.filter((s) => s.blocks.length > 0 || s.heading), title }
}

/** Imports one statement. Throws `ImportError` with a message for the editor on bad input. */
export async function importStatement(input: ImportInput): Promise<ImportedStatement> {
  const size = byteLength(input.data)
  if (size === 0 || (typeof input.data === 'string' && input.data.trim() === '')) {
    throw new ImportError('empty', 'The file or text is empty: there is nothing to import.')
  }
  if (size > MAX_IMPORT_BYTES) {
    throw new ImportError(
      'too-large',
      `The input is ${(size / 1024 / 1024).toFixed(1)} MB; at most 5 MB can be imported.`,
    )
  }
  const format = detectFormat(input)
  const html = await toHtml(format, input.data)
  const { events, warnings } = readHtml(html)
  const split = sections(events, input.locale)
  if (split.sections.every((s) => s.blocks.length === 0)) {
    throw new ImportError(
      'no-text',
      'No text was found in the input (only markup, scripts or images).',
    )
  }
  const keys = uniqueKeys(split.sections.map((s) => s.heading))
  const imported: ImportedSection[] = split.sections.map((section, index) => ({
    blocks: section.blocks,
    heading: section.heading,
    key: keys[index]!,
    kind: suggestKind(section, input.locale).kind,
  }))
  const title = split.title || imported[0]?.heading || ''
  return { format, locale: input.locale, sections: imported, title, warnings }
}
