import type { Config } from 'payload'

import {
  clientAddressOf,
  compileTrustProxy,
  setRemoteAddress,
} from '../../plugin/http/clientAddress.js'
import { sanitizeConfig } from '../../plugin/sanitizeConfig.js'

const request = (forwardedFor: string | undefined, socket: string | undefined, realIp?: string) => {
  const headers: Record<string, string> = {}
  if (forwardedFor !== undefined) headers['X-Forwarded-For'] = forwardedFor
  if (realIp !== undefined) headers['X-Real-IP'] = realIp
  const req = new Request('http://localhost/api/policies/subscriptions', { headers })
  setRemoteAddress(req, socket)
  return req
}

describe('client address for rate limits (issue 9, item 6)', () => {
  it('without a trusted proxy, is the socket address whatever the headers say', () => {
    for (const trust of [undefined, false, 0, [] as string[]]) {
      expect(
        clientAddressOf(
          request('203.0.113.7', '192.0.2.1', '203.0.113.8'),
          compileTrustProxy(trust),
        ),
      ).toBe('192.0.2.1')
    }
  })

  it('without a socket address and without a trusted proxy, is unknown (never a shared placeholder)', () => {
    expect(clientAddressOf(request('203.0.113.7', undefined, '203.0.113.8'), null)).toBeUndefined()
  })

  it('with a hop count, is the address that many hops back', () => {
    expect(
      clientAddressOf(request('198.51.100.1, 203.0.113.7', '10.0.0.2'), compileTrustProxy(1)),
    ).toBe('203.0.113.7')
    expect(
      clientAddressOf(request('198.51.100.1, 203.0.113.7', '10.0.0.2'), compileTrustProxy(2)),
    ).toBe('198.51.100.1')
  })

  it('with a CIDR list, skips trusted proxies only, so a spoofed leftmost entry is ignored', () => {
    const trust = compileTrustProxy(['10.0.0.0/8', 'loopback'])
    expect(clientAddressOf(request('6.6.6.6, 203.0.113.7, 10.1.2.3', '10.0.0.2'), trust)).toBe(
      '203.0.113.7',
    )
    // A peer outside the list is the client itself, whatever it forwards.
    expect(clientAddressOf(request('6.6.6.6', '192.0.2.9'), trust)).toBe('192.0.2.9')
    expect(
      clientAddressOf(request('6.6.6.6', '192.0.2.9'), compileTrustProxy('10.0.0.0/8, 127.0.0.1')),
    ).toBe('192.0.2.9')
  })

  it('with trust set but no socket (Next.js), takes the peer as the proxy', () => {
    expect(clientAddressOf(request('6.6.6.6, 203.0.113.7', undefined), compileTrustProxy(1))).toBe(
      '203.0.113.7',
    )
    expect(
      clientAddressOf(request('6.6.6.6, 203.0.113.7', undefined), compileTrustProxy(true)),
    ).toBe('6.6.6.6')
  })

  it('never reads X-Real-IP', () => {
    expect(
      clientAddressOf(request(undefined, '192.0.2.1', '203.0.113.8'), compileTrustProxy(true)),
    ).toBe('192.0.2.1')
  })

  it('refuses an invalid option at init', () => {
    expect(() => compileTrustProxy(['10.0.0.0/99'])).toThrow(/invalid/)
    expect(() => compileTrustProxy(-1)).toThrow(/hop count/)
    expect(() => compileTrustProxy(1.5)).toThrow(/hop count/)
  })

  it('the plugin option is checked at boot, with its name in the error', () => {
    const host = {
      localization: { defaultLocale: 'da', locales: ['da'] },
      serverURL: 'https://cms.example.com',
    } as unknown as Config
    expect(sanitizeConfig({}, host).trustProxy).toBe(false)
    expect(sanitizeConfig({ trustProxy: ['10.0.0.0/8'] }, host).trustProxy).toEqual(['10.0.0.0/8'])
    expect(() => sanitizeConfig({ trustProxy: ['10.0.0.0/99'] }, host)).toThrow(
      /\[policy-documents\] `trustProxy`/,
    )
  })
})
