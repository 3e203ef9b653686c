import { TransactionQueueTimeout } from '../../plugin/sqlite/serializeTransactions.js'
import { isBusy, updateOwnRow, withBusyRetry } from '../../plugin/utilities/withBusyRetry.js'

/** An operation that fails with `error` the first `failures` times, then returns 'done'. */
function flaky(failures: number, error: () => unknown) {
  const calls = { count: 0 }
  const operation = async () => {
    calls.count++
    if (calls.count <= failures) {
      throw error()
    }
    return 'done'
  }
  return { calls, operation }
}

const busy = () =>
  Object.assign(new Error('SQLITE_BUSY: database is locked'), { code: 'SQLITE_BUSY' })

describe('isBusy', () => {
  it("recognises SQLite's lock errors in the message or anywhere in the cause chain", () => {
    expect(isBusy(busy())).toBe(true)
    expect(isBusy(new Error('database is locked'))).toBe(true)
    // Payload wraps the driver's error: "cannot begin transaction: SQLITE_BUSY …".
    expect(isBusy(new Error('cannot begin transaction: SQLITE_BUSY: database is locked'))).toBe(
      true,
    )
    expect(
      isBusy(new Error('Failed query: insert …', { cause: new Error('outer', { cause: busy() }) })),
    ).toBe(true)
    // The plugin's own: a commit that failed, and a wait for this process's other transactions.
    expect(isBusy(new Error('cannot commit transaction: x', { cause: busy() }))).toBe(true)
    expect(isBusy(new TransactionQueueTimeout(30_000))).toBe(true)
  })

  it("recognises Postgres's deadlock and serialization failure, also as a query error's cause (drizzle wraps them)", () => {
    const pg = (code: string) =>
      Object.assign(
        new Error(code === '40P01' ? 'deadlock detected' : 'could not serialize access'),
        { code },
      )
    expect(isBusy(pg('40P01'))).toBe(true)
    expect(isBusy(pg('40001'))).toBe(true)
    expect(
      isBusy(new Error('Failed query: update "policy_deliveries" …', { cause: pg('40P01') })),
    ).toBe(true)
    // A unique violation or a foreign key error is not repeated.
    expect(
      isBusy(
        Object.assign(new Error('duplicate key value violates unique constraint'), {
          code: '23505',
        }),
      ),
    ).toBe(false)
    expect(
      isBusy(
        Object.assign(new Error('insert or update violates foreign key constraint'), {
          code: '23503',
        }),
      ),
    ).toBe(false)
  })

  it('does not take other errors for a lock', () => {
    expect(isBusy(new Error('UNIQUE constraint failed: policy_releases.hash'))).toBe(false)
    expect(isBusy(new Error('The following field is invalid: email'))).toBe(false)
    expect(isBusy(undefined)).toBe(false)
    expect(isBusy('SQLITE_CONSTRAINT')).toBe(false)
  })
})

describe('withBusyRetry', () => {
  it('repeats the whole operation while it fails with SQLITE_BUSY, then returns its result', async () => {
    const { calls, operation } = flaky(3, busy)
    await expect(withBusyRetry(operation, { maxDelayMs: 1 })).resolves.toBe('done')
    expect(calls.count).toBe(4)
  })

  it('throws any other error at once, without repeating the operation', async () => {
    const { calls, operation } = flaky(1, () => new Error('UNIQUE constraint failed'))
    await expect(withBusyRetry(operation, { maxDelayMs: 1 })).rejects.toThrow(
      'UNIQUE constraint failed',
    )
    expect(calls.count).toBe(1)
  })

  it('gives up after `attempts` and throws the last lock error', async () => {
    const { calls, operation } = flaky(10, busy)
    await expect(withBusyRetry(operation, { attempts: 3, maxDelayMs: 1 })).rejects.toThrow(
      'SQLITE_BUSY',
    )
    expect(calls.count).toBe(3)
  })

  it('treats Payload\'s "Not Found" as a refused write only when asked (updateOwnRow)', async () => {
    const notFound = () => Object.assign(new Error('Not Found'), { name: 'NotFound' })
    const plain = flaky(1, notFound)
    await expect(withBusyRetry(plain.operation, { maxDelayMs: 1 })).rejects.toThrow('Not Found')
    expect(plain.calls.count).toBe(1)
    const own = flaky(2, notFound)
    await expect(updateOwnRow(own.operation)).resolves.toBe('done')
    expect(own.calls.count).toBe(3)
  })
})
