import type { CollectionAfterErrorHook } from 'payload'

import { isPublishRefused } from '../utilities/PublishRefusedError.js'

/**
 * Adds the refusal as a top-level `message` to the error answer. Payload's admin form toasts a
 * top-level message as it is; an `errors[].message` goes through its field-errors toast, which
 * cuts the text at the first colon and then at every comma ("write one for da • en." came out as
 * a list of fragments). `errors` stays, with every failing rule in `errors[0].data.problems`.
 *
 * `errors` is built here from the error itself, never taken from Payload's `result`: under Next the
 * plugin's `APIError` is another module copy than the one Payload's `formatErrors` checks with
 * `instanceof`, so `result.errors` there is `[{ message }]` without the rules.
 */
export const exposePublishRefusal: CollectionAfterErrorHook = ({ error, result }) => {
  if (!isPublishRefused(error)) {
    return
  }
  const errors = [{ name: error.name, data: error.data, message: error.message }]
  return { response: { ...(result ?? {}), errors, message: error.message }, status: 400 }
}
