import { APIError } from 'payload'

import type { PublishProblem } from '../../src/releases/index.js'

/**
 * The name Payload's `loggingLevels` keys on: a refused publish is the editor's to fix, not a
 * server fault, so it is logged at info level without a stack trace (see `applyPolicyDocuments`).
 */
export const PUBLISH_REFUSED_ERROR_NAME = 'PublishRefused'

/**
 * A publish refused by the publish rules: 400, with every failing rule in `data.problems` (codes
 * and params, for clients) and the message rendered in the editor's language.
 */
export class PublishRefusedError extends APIError<{ problems: PublishProblem[] }> {
  constructor(message: string, problems: PublishProblem[]) {
    super(message, 400, { problems }, true)
    // Set after `super`, which names errors after their class: minifiers may rename classes.
    this.name = PUBLISH_REFUSED_ERROR_NAME
  }
}

/** Whether an error is a refused publish (by name, so it survives bundling into two copies). */
export const isPublishRefused = (error: unknown): error is PublishRefusedError =>
  error instanceof Error && error.name === PUBLISH_REFUSED_ERROR_NAME
