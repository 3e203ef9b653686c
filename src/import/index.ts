/**
 * Importing an existing statement (.docx, HTML, Markdown) into sections with keys and kinds.
 */
export { ImportError, MAX_IMPORT_BYTES } from './errors.js'
export { readHtml } from './fromHtml.js'
export { detectFormat, importStatement } from './importStatement.js'
export { keyFromHeading, uniqueKeys } from './keys.js'
export type {
  ImportedSection,
  ImportedStatement,
  ImportErrorCode,
  ImportFormat,
  ImportInput,
} from './types.js'
