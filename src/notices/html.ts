/**
 * The building blocks of our e-mails. Every block yields its plain-text and its HTML form
 * together, so the two parts of a message cannot drift apart.
 *
 * Escaping rule: user-supplied values (titles, change notes, summaries, URLs) are escaped here,
 * at the point they enter HTML, with `escapeHtml`. Copy from our locale files is trusted and is
 * guaranteed by a unit test to contain no HTML-special characters.
 */
import { escapeHtml } from '../i18n/index.js'

/** One piece of a message in both forms. */
export type Part = { html: string; text: string }

const LINK_STYLE = 'color:#1d4ed8;text-decoration:underline;'
const BUTTON_STYLE =
  'display:inline-block;padding:12px 20px;border-radius:4px;background-color:#1d4ed8;color:#ffffff;font-weight:bold;text-decoration:underline;'
const MUTED_STYLE = 'color:#4b5563;font-size:14px;'
// C0 and C1 controls other than tab and newline: invisible in text, and a CR/LF in a subject is
// a header-injection attempt even though nodemailer encodes headers.
const CONTROL_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g

/** Removes control characters and normalizes line endings in user-supplied text. */
export function cleanText(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(CONTROL_CHARS, '').trim()
}

/** Collapses a value to a single line for a subject header. */
export function oneLine(value: string): string {
  return cleanText(value).replace(/\s+/g, ' ')
}

/** The top heading. */
export function heading(content: Part): Part {
  return {
    html: `<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3;">${content.html}</h1>`,
    text: content.text,
  }
}

/** A section heading. */
export function subheading(content: Part): Part {
  return {
    html: `<h2 style="margin:24px 0 8px;font-size:18px;line-height:1.3;">${content.html}</h2>`,
    text: content.text,
  }
}

/** A paragraph of copy. */
export function paragraph(content: Part, muted = false): Part {
  return {
    html: `<p style="margin:0 0 16px;${muted ? MUTED_STYLE : ''}">${content.html}</p>`,
    text: content.text,
  }
}

/**
 * Multi-line text written by an editor or produced by the diff: blank lines separate paragraphs,
 * single newlines become line breaks, and a paragraph whose every line starts with `-`, `*` or `•`
 * becomes a list, so screen readers announce it as one.
 */
export function userText(value: string): Part {
  const text = cleanText(value)
  const html = text
    .split(/\n[ \t]*\n/)
    .map((block) => block.split('\n').map((line) => line.trim()))
    .filter((lines) => lines.some((line) => line.length > 0))
    .map((lines) =>
      lines.every((line) => /^[-*•]\s+/.test(line))
        ? `<ul style="margin:0 0 16px;padding-left:24px;">${lines
            .map((line) => `<li>${escapeHtml(line.replace(/^[-*•]\s+/, ''))}</li>`)
            .join('')}</ul>`
        : `<p style="margin:0 0 16px;">${lines.map((line) => escapeHtml(line)).join('<br>')}</p>`,
    )
    .join('\n')
  return { html, text }
}

/**
 * A call to action. `href` must already have passed `safeUrl`; it is escaped again for the
 * attribute. The address is repeated in small print for clients that do not render the button.
 */
export function button(label: Part, href: string, hint: Part): Part {
  const attr = escapeHtml(href)
  return {
    html:
      `<p style="margin:24px 0;"><a href="${attr}" style="${BUTTON_STYLE}">${label.html}</a></p>\n` +
      `<p style="margin:0 0 16px;${MUTED_STYLE}">${hint.html}<br><a href="${attr}" style="${LINK_STYLE}word-break:break-all;">${attr}</a></p>`,
    text: `${label.text}:\n${href}`,
  }
}

/** A list of labelled links, e.g. "See the changes" and "Read the full text". */
export function links(items: ReadonlyArray<{ href: string; label: Part }>, muted = false): Part {
  return {
    html: `<p style="margin:0 0 16px;${muted ? MUTED_STYLE : ''}">${items
      .map(
        ({ href, label }) =>
          `<a href="${escapeHtml(href)}" style="${LINK_STYLE}">${label.html}</a>`,
      )
      .join(' &middot; ')}</p>`,
    text: items.map(({ href, label }) => `${label.text}: ${href}`).join('\n'),
  }
}

/** A horizontal rule before the footer; `-- ` is the conventional plain-text separator. */
export function separator(): Part {
  return {
    html: '<hr style="margin:32px 0 16px;border:0;border-top:1px solid #d1d5db;">',
    text: '-- ',
  }
}

/** The whole HTML document around `parts`, and the text parts joined by blank lines. */
export function layout(subject: string, lang: string, parts: readonly Part[]): Part {
  const title = escapeHtml(subject)
  const language = escapeHtml(lang)
  const html = [
    '<!DOCTYPE html>',
    `<html lang="${language}" dir="ltr">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${title}</title>`,
    '</head>',
    '<body style="margin:0;padding:0;background-color:#f4f4f5;">',
    // role/aria-roledescription make screen readers in webmail announce the message as one unit.
    `<div role="article" aria-roledescription="email" aria-label="${title}" lang="${language}" dir="ltr" style="max-width:600px;margin:0 auto;padding:24px;background-color:#ffffff;color:#1f2937;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;">`,
    ...parts.map((part) => part.html),
    '</div>',
    '</body>',
    '</html>',
    '',
  ].join('\n')
  const text = `${parts.map((part) => part.text).join('\n\n')}\n`
  return { html, text }
}
