/** How a policy document is named in the ledger, the public API and links: `privacy`, `cookies`. */
export const DOCUMENT_KEY_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/

/** What a key may be, for messages: "The document key must be …". */
export const DOCUMENT_KEY_RULE = 'lowercase letters, digits and dashes (at most 64), e.g. "privacy"'

/** Keys that are paths of the public API (`{publicPath}/subscriptions`), so no document has them. */
export const RESERVED_DOCUMENT_KEYS: readonly string[] = ['subscriptions']

/** Whether `value` is a well-formed document key (reserved ones included: they name no document). */
export function isDocumentKey(value: unknown): value is string {
  return typeof value === 'string' && DOCUMENT_KEY_PATTERN.test(value)
}
