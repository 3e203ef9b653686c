/**
 * Keeps a server process alive through an unhandled promise rejection: logs it and goes on.
 *
 * Why: Node ends the process on an unhandled rejection, and a rejection nobody awaits inside a
 * dependency is enough (Payload 3.90.1's query validation leaves one behind for a `where` path
 * through two relationships). One bad request must not stop the API for everyone. Imported by
 * scripts/preload-lexical.mjs, which every process the project starts loads first (`npm run
 * serve`, `npm run jobs`, `npm run seed`, the dev server and the test runner).
 */
const KEY = Symbol.for('policy-docs.keepAlive')

if (!globalThis[KEY]) {
  globalThis[KEY] = true
  process.on('unhandledRejection', (reason) => {
    const detail = reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)
    console.error(
      `[keep-alive] unhandled promise rejection (logged; the process keeps running): ${detail}`,
    )
  })
}
