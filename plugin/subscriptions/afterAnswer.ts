import type { Payload, PayloadRequest } from 'payload'

// Work started after an answer was sent, per Payload instance, so tests (and shutdown) can wait for it.
const pendingWork = new WeakMap<Payload, Set<Promise<void>>>()

/** Resolves when every piece of subscription work started so far has finished. */
export async function settleSubscriptionWork(payload: Payload): Promise<void> {
  const pending = pendingWork.get(payload)
  while (pending && pending.size > 0) {
    await Promise.allSettled([...pending])
  }
}

/**
 * A function that runs `work` after the answer has gone out, one at a time per mailbox. The answer
 * is then the same, and as fast, whether or not the address is known. Failures are logged, never
 * surfaced.
 */
export function createAfterAnswer() {
  // One queue per mailbox, so two requests for one address never race each other's writes.
  const mailboxQueues = new Map<string, Promise<void>>()
  return (req: PayloadRequest, mailbox: string, what: string, work: () => Promise<void>) => {
    const payload = req.payload
    let pending = pendingWork.get(payload)
    if (!pending) {
      pending = new Set()
      pendingWork.set(payload, pending)
    }
    const previous = mailboxQueues.get(mailbox) ?? Promise.resolve()
    const task: Promise<void> = previous
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(work)
      .catch((error: unknown) =>
        payload.logger.error({
          err: error,
          msg: `[policy-documents] ${what} failed after answering`,
        }),
      )
      .finally(() => {
        pending.delete(task)
        if (mailboxQueues.get(mailbox) === task) {
          mailboxQueues.delete(mailbox)
        }
      })
    pending.add(task)
    mailboxQueues.set(mailbox, task)
  }
}
