import type { CollectionAfterErrorHook, ErrorResult } from 'payload'

import { isPublishRefused } from '../utilities/PublishRefusedError.js'

/**
 * Adds the refusal as a top-level `message` to the error answer. Payload's admin form toasts a
 * top-level message as it is; an `errors[].message` goes through its field-errors toast, which
 * cuts the text at the first colon and then at every comma ("write one for da • en." came out as
 * a list of fragments). `errors` stays, with every failing rule in `errors[0].data.problems`.
 */
export const exposePublishRefusal: CollectionAfterErrorHook = ({ error, result }) => {
  if (!isPublishRefused(error)) {
    return
  }
  // Payload passes the answer it built as `result` on some paths only (not always under Next): the
  // rules' list is then added here, in the same shape.
  const errors: ErrorResult['errors'] = result?.errors ?? [{ data: error.data, message: error.message, name: error.name }]
  return { response: { ...(result ?? {}), errors, message: error.message }, status: 400 }
}
