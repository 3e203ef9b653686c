import { SMTPServer } from 'smtp-server'

/**
 * A real SMTP server on 127.0.0.1 that counts accepted messages per recipient without parsing
 * them, for tests that send thousands of messages (smtpSink.ts parses every message).
 */
export class CountingSink {
  /** Accepted messages per lower-cased recipient address. */
  readonly counts = new Map<string, number>()
  total = 0
  port = 0
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData: (stream, session, callback) => {
      stream.on('data', () => undefined)
      stream.on('end', () => {
        for (const { address } of session.envelope.rcptTo) {
          const key = address.toLowerCase()
          this.counts.set(key, (this.counts.get(key) ?? 0) + 1)
          this.total += 1
        }
        callback()
      })
    },
  })

  async start(): Promise<number> {
    // A worker killed mid-message resets its connection; smtp-server emits that as 'error', which
    // with no listener throws in the test process ("read ECONNRESET", the file fails).
    this.server.on('error', () => {})
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()))
    this.port = (this.server.server.address() as { port: number }).port
    return this.port
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }
}
