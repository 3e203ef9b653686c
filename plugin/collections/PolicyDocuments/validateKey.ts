import { isDocumentKey } from '../../../src/documentKey.js'

/** Document and section keys have one form: `privacy`, `data-categories`. */
export const validateKey = (value: unknown): string | true =>
  isDocumentKey(value)
    ? true
    : 'Use lowercase letters, digits and dashes (at most 64), e.g. "data-categories".'
