import {
  serializeTransactions,
  TransactionQueueTimeout,
} from '../../plugin/sqlite/serializeTransactions.js'

/** Stands in for Payload's adapter methods; records the order of calls. */
function fakeAdapter(options: { beginFails?: boolean; noTransactions?: boolean } = {}) {
  const log: string[] = []
  let next = 0
  const adapter = {
    beginTransaction: async () => {
      if (options.beginFails) {
        log.push('begin failed')
        throw new Error('cannot begin transaction: SQLITE_BUSY: database is locked')
      }
      if (options.noTransactions) return null
      const id = `tx${++next}`
      log.push(`begin ${id}`)
      return id
    },
    commitTransaction: async (id: number | Promise<number | string> | string) => {
      log.push(`commit ${String(await id)}`)
    },
    rollbackTransaction: async (id: number | Promise<number | string> | string) => {
      log.push(`rollback ${String(await id)}`)
    },
  }
  return { adapter, log }
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5))

describe('serializeTransactions', () => {
  it('opens the second transaction only when the first has ended', async () => {
    const { adapter, log } = fakeAdapter()
    serializeTransactions(adapter, 1000)
    const first = await adapter.beginTransaction()
    const second = adapter.beginTransaction()
    await tick()
    expect(log).toEqual(['begin tx1'])
    await adapter.commitTransaction(first!)
    await adapter.rollbackTransaction((await second)!)
    expect(log).toEqual(['begin tx1', 'commit tx1', 'begin tx2', 'rollback tx2'])
  })

  it('accepts the transaction id as a promise, as Payload passes req.transactionID', async () => {
    const { adapter, log } = fakeAdapter()
    serializeTransactions(adapter, 1000)
    await adapter.commitTransaction(adapter.beginTransaction() as Promise<string>)
    await adapter.beginTransaction()
    expect(log).toEqual(['begin tx1', 'commit tx1', 'begin tx2'])
  })

  it('makes a failed COMMIT fail commitTransaction, and lets the next transaction in', async () => {
    const { adapter, log } = fakeAdapter()
    // The connection layer claims the reporter while the transaction begins …
    let report: ((error: unknown) => void) | undefined
    const begin = adapter.beginTransaction
    adapter.beginTransaction = async () => {
      report ??= claimCommitReporter()
      return begin()
    }
    const { claimCommitReporter } = serializeTransactions(adapter, 1000)
    const id = await adapter.beginTransaction()
    expect(report).toBeInstanceOf(Function)
    // … and nobody else can claim it afterwards.
    expect(claimCommitReporter()).toBeUndefined()
    const waiting = adapter.beginTransaction()
    // … and reports the failed COMMIT while Payload's commit is under way.
    report!(new Error('SQLITE_BUSY: database is locked'))
    const error = await adapter.commitTransaction(id!).catch((caught: unknown) => caught as Error)
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toBe(
      'cannot commit transaction: SQLITE_BUSY: database is locked',
    )
    expect(((error as Error).cause as Error).message).toBe('SQLITE_BUSY: database is locked')
    expect(await waiting).toBe('tx2')
    // The next transaction does not inherit the failure.
    await expect(adapter.commitTransaction('tx2')).resolves.toBeUndefined()
    expect(log).toEqual(['begin tx1', 'commit tx1', 'begin tx2', 'commit tx2'])
  })

  it('lets the next transaction in when BEGIN fails or the adapter has transactions off', async () => {
    const failing = fakeAdapter({ beginFails: true })
    serializeTransactions(failing.adapter, 1000)
    await expect(failing.adapter.beginTransaction()).rejects.toThrow('SQLITE_BUSY')
    await expect(failing.adapter.beginTransaction()).rejects.toThrow('SQLITE_BUSY')
    const off = fakeAdapter({ noTransactions: true })
    serializeTransactions(off.adapter, 1000)
    expect(await off.adapter.beginTransaction()).toBeNull()
    expect(await off.adapter.beginTransaction()).toBeNull()
  })

  it('gives up waiting after the timeout with an error that reads as SQLITE_BUSY', async () => {
    const { adapter } = fakeAdapter()
    serializeTransactions(adapter, 30)
    const first = await adapter.beginTransaction()
    const error = await adapter.beginTransaction().catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(TransactionQueueTimeout)
    expect((error as Error).message).toMatch(/^SQLITE_BUSY: /)
    // The waiter that gave up is out of the queue: the next one gets in after the commit.
    await adapter.commitTransaction(first!)
    expect(await adapter.beginTransaction()).toBe('tx2')
  })

  it('queues writes made outside transactions behind the open transaction', async () => {
    const { adapter, log } = fakeAdapter()
    const { serialize } = serializeTransactions(adapter, 1000)
    const id = await adapter.beginTransaction()
    const write = serialize(async () => {
      log.push('plain write')
      return 42
    })
    await tick()
    expect(log).toEqual(['begin tx1'])
    await adapter.commitTransaction(id!)
    expect(await write).toBe(42)
    expect(log).toEqual(['begin tx1', 'commit tx1', 'plain write'])
  })
})
