import { escapeHtml } from '../i18n/index.js'

/** One form on a page: a POST to `action` with hidden fields and a submit button. */
export type PageForm = {
  action: string
  button: string
  danger?: boolean
  fields?: Record<string, string>
  /** A <select> shown before the button. */
  select?: {
    label: string
    name: string
    options: Array<{ label: string; selected?: boolean; value: string }>
  }
}

export type PageInput = {
  forms?: PageForm[]
  lang: string
  /** Plain links (relative or http(s) URLs built by the caller). */
  links?: Array<{ href: string; label: string }>
  /** Paragraphs of plain text. */
  paragraphs: string[]
  /** Definition-list rows of plain text. */
  rows?: Array<[string, string]>
  title: string
}

/**
 * The page's only style sheet, inline. Exported so the Content-Security-Policy can allow exactly
 * this text by its hash and nothing else.
 */
export const PAGE_STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a}
button{font:inherit;padding:.5rem 1rem;border-radius:6px;border:1px solid #1a4d8f;background:#1a4d8f;color:#fff;cursor:pointer}
button.danger{background:#a4262c;border-color:#a4262c}form{margin:1rem 0}dt{font-weight:600}dd{margin:0 0 .5rem}`

/**
 * A small, self-contained HTML page for the subscription links (confirm, unsubscribe, manage).
 * Every value is escaped; nothing is rendered as raw HTML. Forms POST, because link scanners
 * prefetch GETs: a GET never changes anything.
 */
export function renderPage(input: PageInput): string {
  const rows = input.rows?.length
    ? `<dl>${input.rows.map(([term, value]) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl>`
    : ''
  const links = (input.links ?? [])
    .filter((link) => /^(\/|https?:\/\/)/.test(link.href))
    .map((link) => `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></p>`)
    .join('')
  const forms = (input.forms ?? [])
    .map((form) => {
      const hidden = Object.entries(form.fields ?? {})
        .map(
          ([name, value]) =>
            `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`,
        )
        .join('')
      const select = form.select
        ? `<label>${escapeHtml(form.select.label)} <select name="${escapeHtml(form.select.name)}">${form.select.options
            .map(
              (option) =>
                `<option value="${escapeHtml(option.value)}"${option.selected ? ' selected' : ''}>${escapeHtml(option.label)}</option>`,
            )
            .join('')}</select></label> `
        : ''
      return `<form method="post" action="${escapeHtml(form.action)}">${hidden}${select}<button type="submit"${form.danger ? ' class="danger"' : ''}>${escapeHtml(form.button)}</button></form>`
    })
    .join('')
  return `<!doctype html>
<html lang="${escapeHtml(input.lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(input.title)}</title>
<style>${PAGE_STYLE}</style></head>
<body><main><h1>${escapeHtml(input.title)}</h1>${input.paragraphs.map((text) => `<p>${escapeHtml(text)}</p>`).join('')}${rows}${links}${forms}</main></body></html>`
}
