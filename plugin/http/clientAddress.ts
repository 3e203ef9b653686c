import proxyaddr from 'proxy-addr'

/**
 * Who is asking, for rate limits. The key is the TCP peer's address unless the operator says a
 * proxy in front is trusted (`trustProxy`, with the semantics of Express's `trust proxy` and the
 * `proxy-addr` package); only then is `X-Forwarded-For` read, and only as far as the trusted hops.
 * `X-Real-IP` and any other header a client can choose are never used.
 *
 * A Web `Request` has no socket. Whoever turns a socket into a Request (the standalone server's
 * listener) records the peer address with `setRemoteAddress`; Payload's request is that same
 * object (`createPayloadRequest` assigns onto it), so the endpoint finds it with `remoteAddressOf`.
 * A WeakMap, not a header, so no client can ever supply it. Under Next.js no socket address
 * reaches a route handler (Next sets `X-Forwarded-For` to it only when the client sent none, so
 * it cannot be told from a spoofed one): there the address is unknown unless `trustProxy` is set.
 */

/** What the `trustProxy` option accepts. */
export type TrustProxy = boolean | number | string | string[]

/** Decides whether the address at hop `i` (0 = the socket peer) is a trusted proxy. */
export type TrustFunction = (address: string, hop: number) => boolean

const remoteAddresses = new WeakMap<object, string>()

/** Records the socket peer's address for a Request built from a node:http request. */
export function setRemoteAddress(request: object, address: string | undefined): void {
  if (address) {
    remoteAddresses.set(request, address)
  }
}

/** The socket peer's address recorded with `setRemoteAddress`, if any. */
export function remoteAddressOf(request: object): string | undefined {
  return remoteAddresses.get(request)
}

/**
 * Compiles the option into a trust function, or `null` when no proxy is trusted. Throws a
 * TypeError naming the bad entry for an invalid address or CIDR (a configuration error).
 */
export function compileTrustProxy(value: TrustProxy | null | undefined): null | TrustFunction {
  if (value === undefined || value === null || value === false || value === 0) {
    return null
  }
  if (value === true) {
    return () => true
  }
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 0) {
      throw new TypeError('trustProxy: a hop count must be a whole number of at least 0')
    }
    return (_address, hop) => hop < value
  }
  const list = (typeof value === 'string' ? value.split(',') : value)
    .map((entry) => String(entry).trim())
    .filter(Boolean)
  if (list.length === 0) {
    return null
  }
  return proxyaddr.compile(list)
}

/**
 * The client's address, or `undefined` when it cannot be known (no socket address and no trusted
 * proxy). With a trusted proxy but no socket address (Next.js), the peer is taken to be the proxy.
 */
export function clientAddressOf(
  request: { headers: Headers },
  trust: null | TrustFunction,
): string | undefined {
  const socket = remoteAddressOf(request)
  if (!trust) {
    return socket
  }
  const forwardedFor = request.headers.get('x-forwarded-for') ?? ''
  if (!socket && !forwardedFor.trim()) {
    return undefined
  }
  const fake = {
    headers: { 'x-forwarded-for': forwardedFor },
    socket: { remoteAddress: socket ?? '' },
  }
  const decide: TrustFunction = socket ? trust : (address, hop) => hop === 0 || trust(address, hop)
  // proxy-addr reads only these two fields but is typed to take a whole Node IncomingMessage.
  return proxyaddr(fake as unknown as Parameters<typeof proxyaddr>[0], decide) || undefined
}
