/**
 * A TCP proxy between Payload and a database server, for outage tests: `down()` drops every open
 * connection and closes the port (new connections are refused, as while a server restarts); `up()`
 * listens on the same port again. Listens on 127.0.0.1, port 0 the first time.
 */
import net from 'node:net'

export class TcpProxy {
  private port = 0
  private server: net.Server | null = null
  private readonly sockets = new Set<net.Socket>()

  constructor(private readonly target: { host: string; port: number }) {}

  /** Starts (or restarts) listening; resolves with the proxy's port. */
  async up(): Promise<number> {
    if (this.server) {
      return this.port
    }
    const server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host)
      for (const socket of [client, upstream]) {
        this.sockets.add(socket)
        socket.on('close', () => this.sockets.delete(socket))
        // A dropped connection is the point of the proxy; its errors belong to the two ends.
        socket.on('error', () => {
          client.destroy()
          upstream.destroy()
        })
      }
      client.pipe(upstream)
      upstream.pipe(client)
    })
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(this.port, '127.0.0.1', () => resolve())
    })
    this.port = (server.address() as net.AddressInfo).port
    this.server = server
    return this.port
  }

  /** Drops every open connection and refuses new ones until `up()`. */
  async down(): Promise<void> {
    const server = this.server
    this.server = null
    for (const socket of this.sockets) {
      socket.destroy()
    }
    this.sockets.clear()
    if (server) {
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}

/** The host and port of a single-host database URI (postgres://…, mongodb://…). */
export function hostAndPort(uri: string, defaultPort: number): { host: string; port: number } {
  const url = new URL(uri)
  return { host: url.hostname, port: Number(url.port || defaultPort) }
}

/** The same URI with its host and port replaced. */
export function throughProxy(uri: string, port: number): string {
  const url = new URL(uri)
  url.hostname = '127.0.0.1'
  url.port = String(port)
  if (url.protocol === 'mongodb:') {
    // Only to the proxy: the driver must not discover and reach replica-set members around it.
    url.searchParams.set('directConnection', 'true')
  }
  return url.toString()
}
