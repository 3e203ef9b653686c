/**
 * Splits the diff endpoint's server-built `html` into pieces so unchanged sections can be folded
 * into <details> by React. Nothing here builds markup: every `html` piece returned is a verbatim
 * slice of the server's string, cut only at the boundaries of its top-level <section> elements,
 * and the heading is returned as plain text (rendered by React, so escaped).
 *
 * When the html is not shaped as expected, the result is one piece with the whole string: the
 * page then shows everything expanded, which is always correct.
 */

export type DiffPiece =
  | { heading: string; html: string; key: null | string; type: 'unchanged' }
  | { html: string; type: 'html' }

export type SplitDiff = {
  pieces: DiffPiece[]
  /** The class of an element that wrapped all sections (e.g. `<article class="policy-diff">`), re-created by the caller. */
  wrapper: { className: string; tag: 'article' | 'div' | 'main' } | null
}

const SECTION_TAG = /<(\/?)section\b[^>]*>/gi
const WRAPPER_OPEN = /^\s*<(article|div|main)\b([^>]*)>/i

export function splitDiffHtml(html: string): SplitDiff {
  const whole: SplitDiff = { pieces: [{ html, type: 'html' }], wrapper: null }
  // Already folded by the server, or no sections at all: show as is.
  if (/<details\b/i.test(html) || !/<section\b/i.test(html)) {
    return whole
  }

  let body = html
  let wrapper: SplitDiff['wrapper'] = null
  const open = WRAPPER_OPEN.exec(html)
  if (open) {
    const tag = open[1]!.toLowerCase() as 'article' | 'div' | 'main'
    const close = new RegExp(`</${tag}\\s*>\\s*$`, 'i').exec(html)
    if (close) {
      const inner = html.slice(open[0].length, close.index)
      // A single element around everything: what is inside must stand on its own.
      if (isBalanced(inner)) {
        body = inner
        wrapper = { className: attribute(open[2] ?? '', 'class') ?? '', tag }
      }
    }
  }

  const pieces: DiffPiece[] = []
  let depth = 0
  let cursor = 0
  let sectionStart = 0
  let openTag = ''
  for (const match of body.matchAll(SECTION_TAG)) {
    const closing = match[1] === '/'
    if (!closing) {
      if (depth === 0) {
        pushHtml(pieces, body.slice(cursor, match.index))
        sectionStart = match.index
        openTag = match[0]
      }
      depth++
    } else {
      depth--
      if (depth < 0) return whole
      if (depth === 0) {
        const end = match.index + match[0].length
        const section = body.slice(sectionStart, end)
        const classes = (attribute(openTag, 'class') ?? '').split(/\s+/)
        if (classes.includes('unchanged')) {
          pieces.push({
            heading: headingText(section),
            html: section,
            key: attribute(openTag, 'data-key'),
            type: 'unchanged',
          })
        } else {
          pushHtml(pieces, section)
        }
        cursor = end
      }
    }
  }
  if (depth !== 0) return whole
  pushHtml(pieces, body.slice(cursor))
  // Each piece is rendered into its own container, so each must be well nested on its own.
  return pieces.every((piece) => isBalanced(piece.html)) ? { pieces, wrapper } : whole
}

const VOID_ELEMENTS = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
])

/** Whether every element opened in `html` is closed in it, in order (a rough check; enough for server output). */
export function isBalanced(html: string): boolean {
  const stack: string[] = []
  for (const match of html
    .replace(/<!--[\s\S]*?-->/g, '')
    .matchAll(/<(\/?)([a-zA-Z][\w-]*)\b[^>]*?(\/?)>/g)) {
    const name = match[2]!.toLowerCase()
    if (VOID_ELEMENTS.has(name) || match[3] === '/') continue
    if (match[1] !== '/') stack.push(name)
    else if (stack.pop() !== name) return false
  }
  return stack.length === 0
}

function pushHtml(pieces: DiffPiece[], html: string): void {
  if (html.trim() === '') return
  const last = pieces[pieces.length - 1]
  if (last?.type === 'html') {
    last.html += html
  } else {
    pieces.push({ html, type: 'html' })
  }
}

/** The (entity-decoded) value of an attribute in a start tag, or null. */
function attribute(tag: string, name: string): null | string {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag)
  return match ? decodeEntities(match[1] ?? match[2] ?? match[3] ?? '') : null
}

/** The text of the first heading in a section, tags stripped and entities decoded: plain text for React. */
function headingText(section: string): string {
  const heading = /<h[1-6]\b[^>]*>([\s\S]*?)<\/h[1-6]\s*>/i.exec(section)
  return heading
    ? decodeEntities(heading[1]!.replace(/<[^>]*>/g, ''))
        .replace(/\s+/g, ' ')
        .trim()
    : ''
}

function decodeEntities(value: string): string {
  return value.replace(
    /&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp|#39);/gi,
    (entity, code: string) => {
      const lower = code.toLowerCase()
      if (lower.startsWith('#x')) return safeCodePoint(Number.parseInt(lower.slice(2), 16), entity)
      if (lower.startsWith('#')) return safeCodePoint(Number.parseInt(lower.slice(1), 10), entity)
      return { amp: '&', apos: "'", gt: '>', lt: '<', nbsp: '\u00a0', quot: '"' }[lower] ?? entity
    },
  )
}

function safeCodePoint(code: number, fallback: string): string {
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff
    ? String.fromCodePoint(code)
    : fallback
}
