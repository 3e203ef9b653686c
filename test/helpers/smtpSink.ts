import type { ParsedMail } from 'mailparser'
import type { Socket } from 'node:net'

import { simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export type ReceivedMail = {
  /** Raw header values by lower-case name (mailparser folds List-* headers into objects). */
  headers: Map<string, string>
  html: string
  messageId: string
  parsed: ParsedMail
  subject: string
  text: string
  to: string
}

/** How the sink answers RCPT TO for one address: a list consumed one answer per attempt. */
export type Failure = { code: number; message: string } | 'drop'

/**
 * A real SMTP server on 127.0.0.1 that records what it receives. It can refuse recipients with
 * 4xx or 5xx replies, drop the connection, slow down, or stop listening, to test delivery faults.
 */
export class SmtpSink {
  delayMs = 0
  readonly failures = new Map<string, Failure[]>()
  readonly mails: ReceivedMail[] = []
  private server: SMTPServer
  private readonly sockets = new Map<number, Socket>()
  port = 0

  constructor() {
    this.server = this.create()
  }

  private create(): SMTPServer {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, _session, callback) => {
        const chunks: Buffer[] = []
        stream.on('data', (chunk: Buffer) => chunks.push(chunk))
        stream.on('end', () => {
          void simpleParser(Buffer.concat(chunks)).then((parsed) => {
            const finish = () => {
              this.mails.push({
                headers: new Map(
                  parsed.headerLines.map((line) => [
                    line.key,
                    line.line
                      .slice(line.line.indexOf(':') + 1)
                      .replace(/\r?\n[ \t]+/g, ' ')
                      .trim(),
                  ]),
                ),
                html: typeof parsed.html === 'string' ? parsed.html : '',
                messageId: parsed.messageId ?? '',
                parsed,
                subject: parsed.subject ?? '',
                text: parsed.text ?? '',
                to: (Array.isArray(parsed.to) ? parsed.to[0] : parsed.to)?.value[0]?.address ?? '',
              })
              callback()
            }
            if (this.delayMs > 0) {
              setTimeout(finish, this.delayMs)
            } else {
              finish()
            }
          }, callback)
        })
      },
      onRcptTo: (address, session, callback) => {
        const queue = this.failures.get(address.address.toLowerCase())
        const failure = queue?.shift()
        if (failure === 'drop') {
          // Close the socket without an answer: the client sees a dropped connection.
          this.sockets.get(session.remotePort)?.destroy()
          return
        }
        if (failure) {
          const error = new Error(failure.message) as Error & { responseCode: number }
          error.responseCode = failure.code
          callback(error)
          return
        }
        callback()
      },
    })
    // A client killed mid-message (the fault tests kill workers) resets its connection; smtp-server
    // emits that as 'error', which would throw in the test process with no listener.
    server.on('error', () => {})
    return server
  }

  /** Starts listening (on a random port the first time, on the same port after a stop). */
  async start(): Promise<number> {
    this.server.server.on('connection', (socket: Socket) => {
      const port = socket.remotePort
      if (port !== undefined) {
        this.sockets.set(port, socket)
        socket.on('close', () => this.sockets.delete(port))
      }
    })
    await new Promise<void>((resolve) =>
      this.server.listen(this.port, '127.0.0.1', () => resolve()),
    )
    this.port = (this.server.server.address() as { port: number }).port
    return this.port
  }

  /** Stops listening: the SMTP server is down until `start` is called again. */
  async stop(): Promise<void> {
    // Cut open connections at once rather than waiting out smtp-server's close timeout.
    for (const socket of this.sockets.values()) {
      socket.destroy()
    }
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
    this.server = this.create()
  }

  to(address: string): ReceivedMail[] {
    return this.mails.filter((mail) => mail.to.toLowerCase() === address.toLowerCase())
  }
}

/** The first URL in a text that contains `fragment`. */
export function linkIn(text: string, fragment: string): string {
  const url = text.match(/https?:\/\/[^\s<>"]+/g)?.find((candidate) => candidate.includes(fragment))
  if (!url) {
    throw new Error(`no link containing ${fragment} in:\n${text}`)
  }
  return url.replace(/&amp;/g, '&')
}
