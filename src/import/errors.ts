import type { ImportErrorCode } from './types.js'

/** Largest input accepted, in bytes. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024

/** An input the importer refuses, with a message for the editor and an HTTP-ish status hint. */
export class ImportError extends Error {
  readonly status: number
  constructor(
    readonly code: ImportErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'ImportError'
    this.status = code === 'too-large' ? 413 : code === 'unsupported-type' ? 415 : 400
  }
}
