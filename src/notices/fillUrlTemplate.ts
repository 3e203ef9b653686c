/**
 * Links built from configurable URL templates, such as the public compare page.
 */

/** Values a URL template may use, as `{key}`, `{from}`, `{to}`, `{locale}` and `{version}`. */
export type UrlTemplateValues = {
  from?: string
  key?: string
  locale?: string
  to?: string
  version?: string
}

const PLACEHOLDER = /\{([A-Za-z]+)\}/g
/** The placeholders a URL template may use. */
export const URL_TEMPLATE_PLACEHOLDERS: readonly string[] = [
  'from',
  'key',
  'locale',
  'to',
  'version',
]
const NAMES = new Set<string>(URL_TEMPLATE_PLACEHOLDERS)

/**
 * Fills `{name}` placeholders with URI-component-encoded values, e.g.
 * `https://example.com/{locale}/privacy/compare?from={from}&to={to}`. An unknown placeholder or a
 * missing value throws, so a template mistake shows up at configuration time, not as a broken link in an e-mail.
 */
export function fillUrlTemplate(template: string, values: UrlTemplateValues): string {
  return template.replace(PLACEHOLDER, (_match, name: string) => {
    if (!NAMES.has(name)) {
      throw new Error(
        `fillUrlTemplate: unknown placeholder {${name}} in ${JSON.stringify(template)}`,
      )
    }
    const value = values[name as keyof UrlTemplateValues]
    if (typeof value !== 'string' || value.length === 0) {
      throw new Error(`fillUrlTemplate: no value for {${name}} in ${JSON.stringify(template)}`)
    }
    return encodeURIComponent(value)
  })
}

/** The placeholders `template` uses, so configuration can be validated once at startup. */
export function urlTemplatePlaceholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '')
}
