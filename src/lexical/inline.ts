/**
 * Inline text as a list of segments (text + format bits + optional link), and the two ways in
 * and out of it: the small, fixed HTML dialect stored in `InlineText.html`, and Lexical nodes.
 *
 * `InlineText.html` is only ever produced by `renderSegments`, so `parseInlineHtml` needs to read
 * back that dialect only. It still copes with anything else (unknown tags are dropped, their
 * text kept) and re-checks every link target, because `html` can arrive from stored data.
 */
import type { InlineText } from '../types.js'

import { escapeHtml } from '../i18n/index.js'

/** Lexical's text format bits (lexical `LexicalConstants.ts`). */
export const TEXT_FORMAT = {
  bold: 1,
  italic: 1 << 1,
  strikethrough: 1 << 2,
  underline: 1 << 3,
  code: 1 << 4,
  subscript: 1 << 5,
  superscript: 1 << 6,
} as const

/** The link a segment belongs to. `url` has passed `sanitizeUrl`. */
export type InlineLink = {
  newTab: boolean
  url: string
}

/** A run of text with one set of format bits, possibly inside a link. */
export type InlineSegment = {
  format: number
  link?: InlineLink
  text: string
}

// Outermost first. A fixed order makes the HTML canonical, so equal content gives equal `html`.
const FORMAT_TAGS: ReadonlyArray<readonly [number, string]> = [
  [TEXT_FORMAT.bold, 'strong'],
  [TEXT_FORMAT.italic, 'em'],
  [TEXT_FORMAT.underline, 'u'],
  [TEXT_FORMAT.strikethrough, 's'],
  [TEXT_FORMAT.subscript, 'sub'],
  [TEXT_FORMAT.superscript, 'sup'],
  [TEXT_FORMAT.code, 'code'],
]

/** Every format bit we render; other bits (highlight, casing) are dropped. */
export const KNOWN_FORMAT_MASK = FORMAT_TAGS.reduce((mask, [bit]) => mask | bit, 0)

// Synonyms a pasted or hand-written `html` might use for the same formats.
const TAG_FORMATS: Readonly<Record<string, number>> = {
  b: TEXT_FORMAT.bold,
  code: TEXT_FORMAT.code,
  del: TEXT_FORMAT.strikethrough,
  em: TEXT_FORMAT.italic,
  i: TEXT_FORMAT.italic,
  s: TEXT_FORMAT.strikethrough,
  strike: TEXT_FORMAT.strikethrough,
  strong: TEXT_FORMAT.bold,
  sub: TEXT_FORMAT.subscript,
  sup: TEXT_FORMAT.superscript,
  u: TEXT_FORMAT.underline,
}

const ALLOWED_SCHEMES = new Set(['http', 'https', 'mailto', 'tel'])

// An allowlist, not a blocklist: `javascript:`, `data:`, `vbscript:` and any scheme we have not
// thought of are refused.
/** Returns the URL if it is safe in an `href` (http, https, mailto, tel or relative), else null. */
export function sanitizeUrl(url: unknown): null | string {
  if (typeof url !== 'string') {
    return null
  }
  const trimmed = url.trim()
  if (trimmed === '') {
    return null
  }
  // Browsers ignore tabs, newlines and other control characters inside a scheme
  // ("java\tscript:" runs), so the scheme is read from the URL with them removed.

  const probe = trimmed.replace(/[\u0000-\u0020\u007F-\u009F]+/g, '')
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(probe)
  if (scheme) {
    return ALLOWED_SCHEMES.has((scheme[1] ?? '').toLowerCase()) ? trimmed : null
  }
  // No scheme: a path, query, fragment or protocol-relative reference, which cannot run script.
  return trimmed
}

/** Decodes the character references `escapeHtml` writes, plus common named and numeric ones. */
export function decodeEntities(value: string): string {
  return value.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (match, body: string) => {
    if (body.startsWith('#')) {
      const code =
        body[1] === 'x' || body[1] === 'X'
          ? parseInt(body.slice(2), 16)
          : parseInt(body.slice(1), 10)
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff
        ? String.fromCodePoint(code)
        : match
    }
    const named: Record<string, string> = {
      amp: '&',
      apos: "'",
      gt: '>',
      lt: '<',
      nbsp: '\u00a0',
      quot: '"',
    }
    return named[body.toLowerCase()] ?? match
  })
}

function attribute(attributes: string, name: string): string | undefined {
  const match = new RegExp(
    `(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`,
    'i',
  ).exec(attributes)
  if (!match) {
    return undefined
  }
  return decodeEntities(match[1] ?? match[2] ?? match[3] ?? '')
}

/** Reads `InlineText.html` back into segments. Unknown tags are dropped with their text kept. */
export function parseInlineHtml(html: string): InlineSegment[] {
  const segments: InlineSegment[] = []
  const open = new Map<number, number>()
  // One entry per open <a>; null for an anchor whose href was missing or refused.
  const links: Array<InlineLink | null> = []
  const format = (): number => {
    let bits = 0
    for (const [bit, count] of open) {
      if (count > 0) {
        bits |= bit
      }
    }
    return bits
  }
  const push = (text: string): void => {
    if (text === '') {
      return
    }
    const link = links[links.length - 1] ?? undefined
    segments.push(link ? { format: format(), link, text } : { format: format(), text })
  }

  const token = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>|[^<]+|</g
  for (let match = token.exec(html); match; match = token.exec(html)) {
    const [whole, closing, rawName, attributes = ''] = match
    if (rawName === undefined) {
      if (!whole.startsWith('<!--')) {
        push(decodeEntities(whole))
      }
      continue
    }
    const name = rawName.toLowerCase()
    if (name === 'br') {
      push(' ')
      continue
    }
    if (name === 'a') {
      if (closing) {
        links.pop()
      } else {
        const url = sanitizeUrl(attribute(attributes, 'href'))
        links.push(
          url === null ? null : { newTab: attribute(attributes, 'target') === '_blank', url },
        )
      }
      continue
    }
    const bit = TAG_FORMATS[name]
    if (bit !== undefined) {
      const count = open.get(bit) ?? 0
      open.set(bit, closing ? Math.max(0, count - 1) : count + 1)
    }
  }
  return segments
}

function sameLink(a: InlineLink | undefined, b: InlineLink | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.url === b.url && a.newTab === b.newTab)
}

// Both `text` and `html` are derived from this form, so `text` is always exactly the text content
// of `html`, and equal content always gives equal `html`.
/** Canonical segments: whitespace collapsed across segments and trimmed, empties dropped, equal neighbours merged. */
export function normalizeSegments(segments: readonly InlineSegment[]): InlineSegment[] {
  const result: InlineSegment[] = []
  let afterSpace = true
  for (const segment of segments) {
    let text = segment.text.replace(/\s+/g, ' ')
    if (afterSpace) {
      text = text.replace(/^ /, '')
    }
    if (text === '') {
      continue
    }
    afterSpace = text.endsWith(' ')
    const format = segment.format & KNOWN_FORMAT_MASK
    const previous = result[result.length - 1]
    if (previous && previous.format === format && sameLink(previous.link, segment.link)) {
      previous.text += text
    } else {
      result.push(segment.link ? { format, link: { ...segment.link }, text } : { format, text })
    }
  }
  // Trim the end; a trailing segment that was only a space disappears.
  while (result.length > 0) {
    const last = result[result.length - 1]
    if (!last) {
      break
    }
    last.text = last.text.replace(/ $/, '')
    if (last.text !== '') {
      break
    }
    result.pop()
  }
  return result
}

function renderFormatted(segment: InlineSegment): string {
  let html = escapeHtml(segment.text)
  for (let index = FORMAT_TAGS.length - 1; index >= 0; index--) {
    const entry = FORMAT_TAGS[index]
    if (entry && segment.format & entry[0]) {
      html = `<${entry[1]}>${html}</${entry[1]}>`
    }
  }
  return html
}

/** Renders normalized segments to the safe HTML dialect of `InlineText.html`. */
export function renderSegments(segments: readonly InlineSegment[]): string {
  let html = ''
  for (let index = 0; index < segments.length;) {
    const segment = segments[index]
    if (!segment) {
      break
    }
    const link = segment.link
    if (!link) {
      html += renderFormatted(segment)
      index++
      continue
    }
    // One <a> per run of segments that share a link, so formatting inside a link stays inside it.
    let inner = ''
    while (index < segments.length && sameLink(segments[index]?.link, link)) {
      const current = segments[index]
      if (current) {
        inner += renderFormatted(current)
      }
      index++
    }
    // Re-checked here too: segments can be built by hand, not only by our parsers.
    const url = sanitizeUrl(link.url)
    html +=
      url === null
        ? inner
        : `<a href="${escapeHtml(url)}"${link.newTab ? ' rel="noopener noreferrer" target="_blank"' : ''}>${inner}</a>`
  }
  return html
}

/** Plain text and safe HTML of a segment list, after normalizing it. */
export function segmentsToInlineText(segments: readonly InlineSegment[]): InlineText {
  const normalized = normalizeSegments(segments)
  return {
    html: renderSegments(normalized),
    text: normalized.map((segment) => segment.text).join(''),
  }
}

/** Segments of an `InlineText`: from its `html` when present, else its plain `text`. */
export function inlineTextToSegments(inline: InlineText): InlineSegment[] {
  const source =
    typeof inline.html === 'string' && inline.html !== ''
      ? parseInlineHtml(inline.html)
      : [{ format: 0, text: String(inline.text ?? '') }]
  return normalizeSegments(source)
}
