import { createHmac } from 'node:crypto'

import {
  constantTimeEqual,
  createToken,
  deriveTokenSecret,
  hashNonce,
  hashToken,
  MAX_TOKEN_LENGTH,
  newNonce,
  verifyToken,
} from '../../src/tokens/index.js'

const secret = 'a-test-secret-that-is-long-enough-for-hmac-sha256'
const otherSecret = 'another-test-secret-that-is-also-long-enough-ok'
const issuedAt = new Date('2025-03-01T12:00:00Z')
const expiresAt = new Date('2025-03-02T12:00:00Z')

function confirmToken(overrides: Partial<Parameters<typeof createToken>[0]> = {}): string {
  return createToken({
    expiresAt,
    nonce: 'nonce-0123456789abcdef',
    purpose: 'confirm',
    secret,
    subject: 'sub-42',
    ...overrides,
  })
}

describe('createToken / verifyToken', () => {
  it('round-trips subject, nonce and expiry for the right purpose', () => {
    const result = verifyToken(confirmToken(), { now: issuedAt, purpose: 'confirm', secret })
    expect(result).toEqual({
      expiresAt,
      nonce: 'nonce-0123456789abcdef',
      ok: true,
      subject: 'sub-42',
    })
  })

  it('produces URL-safe tokens that survive encodeURIComponent unchanged', () => {
    const token = confirmToken({ subject: 'æøå/?&=+ subject' })
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/)
    expect(encodeURIComponent(token)).toBe(token)
    expect(verifyToken(token, { now: issuedAt, purpose: 'confirm', secret })).toMatchObject({
      ok: true,
      subject: 'æøå/?&=+ subject',
    })
  })

  it('generates a fresh nonce when none is given', () => {
    const a = verifyToken(confirmToken({ nonce: undefined }), {
      now: issuedAt,
      purpose: 'confirm',
      secret,
    })
    const b = verifyToken(confirmToken({ nonce: undefined }), {
      now: issuedAt,
      purpose: 'confirm',
      secret,
    })
    expect(a.ok && b.ok && a.nonce !== b.nonce).toBe(true)
  })

  it('refuses a token made for another purpose', () => {
    expect(verifyToken(confirmToken(), { now: issuedAt, purpose: 'unsubscribe', secret })).toEqual({
      ok: false,
      reason: 'wrong-purpose',
    })
    const manage = confirmToken({ purpose: 'manage' })
    expect(verifyToken(manage, { now: issuedAt, purpose: 'confirm', secret })).toEqual({
      ok: false,
      reason: 'wrong-purpose',
    })
  })

  it('refuses an expired token from the exact expiry instant on', () => {
    const token = confirmToken()
    expect(
      verifyToken(token, { now: new Date(expiresAt.getTime() - 1), purpose: 'confirm', secret }).ok,
    ).toBe(true)
    expect(verifyToken(token, { now: expiresAt, purpose: 'confirm', secret })).toEqual({
      ok: false,
      reason: 'expired',
    })
    expect(verifyToken(token, { now: new Date('2030-01-01'), purpose: 'confirm', secret })).toEqual(
      { ok: false, reason: 'expired' },
    )
  })

  it('refuses a token signed with another secret', () => {
    const forged = createToken({
      expiresAt,
      purpose: 'confirm',
      secret: otherSecret,
      subject: 'sub-42',
    })
    expect(verifyToken(forged, { now: issuedAt, purpose: 'confirm', secret })).toEqual({
      ok: false,
      reason: 'bad-signature',
    })
  })

  it('refuses a payload swapped in under a valid signature (subject, purpose or expiry changed)', () => {
    const [, signature] = confirmToken().split('.')
    for (const payload of [
      { e: expiresAt.getTime(), n: 'nonce-0123456789abcdef', p: 'confirm', s: 'sub-43', v: 1 },
      { e: expiresAt.getTime(), n: 'nonce-0123456789abcdef', p: 'manage', s: 'sub-42', v: 1 },
      {
        e: expiresAt.getTime() + 365 * 86_400_000,
        n: 'nonce-0123456789abcdef',
        p: 'confirm',
        s: 'sub-42',
        v: 1,
      },
    ]) {
      const forged = `${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${signature}`
      expect(verifyToken(forged, { now: issuedAt, purpose: 'confirm', secret })).toEqual({
        ok: false,
        reason: 'bad-signature',
      })
    }
  })

  it('refuses a token with any single signature character changed', () => {
    const token = confirmToken()
    const dot = token.indexOf('.')
    for (let i = dot + 1; i < token.length; i++) {
      const char = token[i] === 'A' ? 'B' : 'A'
      const tampered = token.slice(0, i) + char + token.slice(i + 1)
      expect(verifyToken(tampered, { now: issuedAt, purpose: 'confirm', secret }).ok).toBe(false)
    }
  })

  it('refuses every truncation of a valid token', () => {
    const token = confirmToken()
    for (let length = 0; length < token.length; length++) {
      expect(
        verifyToken(token.slice(0, length), { now: issuedAt, purpose: 'confirm', secret }).ok,
      ).toBe(false)
    }
    expect(verifyToken(token.slice(1), { now: issuedAt, purpose: 'confirm', secret }).ok).toBe(
      false,
    )
  })

  it('refuses a non-canonical spelling of the signature as malformed', () => {
    const token = confirmToken()
    const last = token.at(-1) ?? ''
    // The last of 43 base64url characters carries 2 unused bits; flipping the lowest changes no byte.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    const sibling = alphabet[alphabet.indexOf(last) ^ 1] ?? ''
    expect(
      verifyToken(token.slice(0, -1) + sibling, { now: issuedAt, purpose: 'confirm', secret }),
    ).toEqual({ ok: false, reason: 'malformed' })
  })

  it('never throws on garbage and calls all of it malformed', () => {
    const token = confirmToken()
    const garbage: unknown[] = [
      undefined,
      null,
      42,
      true,
      {},
      [],
      [token],
      { toString: () => token },
      '',
      '.',
      'a.b',
      '..',
      `${token}.extra`,
      `${token}=`,
      ` ${token}`,
      `${token}\n`,
      token.replace(/-/g, '+').replace(/_/g, '/') + '+/',
      '💥.💥',
      '%00.%00',
      'x'.repeat(10_000_000),
      `${'A'.repeat(MAX_TOKEN_LENGTH)}.${token.split('.')[1]}`,
    ]
    for (const value of garbage) {
      expect(() => verifyToken(value, { now: issuedAt, purpose: 'confirm', secret })).not.toThrow()
      expect(verifyToken(value, { now: issuedAt, purpose: 'confirm', secret })).toEqual({
        ok: false,
        reason: 'malformed',
      })
    }
  })

  it('treats a correctly signed but unparsable payload as malformed, not as valid', () => {
    // White-box: sign payloads the way the module does, to prove the shape is checked after the HMAC.
    const signed = (payload: string): string => {
      const encoded = Buffer.from(payload).toString('base64url')
      const signature = createHmac('sha256', secret)
        .update('ppd-token:v1.')
        .update(encoded)
        .digest('base64url')
      return `${encoded}.${signature}`
    }
    for (const payload of [
      'not json',
      'null',
      '[]',
      '{"v":1}',
      '{"v":2,"p":"confirm","s":"x","n":"y","e":1e15}',
      '{"v":1,"p":"confirm","s":"x","n":"y","e":"9999"}',
    ]) {
      expect(verifyToken(signed(payload), { now: issuedAt, purpose: 'confirm', secret })).toEqual({
        ok: false,
        reason: 'malformed',
      })
    }
    const good = signed(
      JSON.stringify({ e: expiresAt.getTime(), n: 'n', p: 'confirm', s: 'x', v: 1 }),
    )
    expect(verifyToken(good, { now: issuedAt, purpose: 'confirm', secret }).ok).toBe(true)
  })

  it('throws on programming errors: short secret, bad purpose, subject or expiry', () => {
    expect(() => confirmToken({ secret: 'short' })).toThrow(/secret/)
    expect(() =>
      verifyToken(confirmToken(), { now: issuedAt, purpose: 'confirm', secret: '' }),
    ).toThrow(/secret/)
    expect(() => confirmToken({ purpose: 'Confirm Me' })).toThrow(/purpose/)
    expect(() => confirmToken({ subject: '' })).toThrow(/subject/)
    expect(() => confirmToken({ expiresAt: new Date('nope') })).toThrow(/expiresAt/)
    expect(() => confirmToken({ nonce: 'short' })).toThrow(/nonce/)
    expect(() =>
      verifyToken(confirmToken(), { now: new Date('nope'), purpose: 'confirm', secret }),
    ).toThrow(/now/)
  })
})

describe('nonces and stored hashes', () => {
  it('makes 128-bit base64url nonces that do not repeat', () => {
    const nonces = Array.from({ length: 1000 }, () => newNonce())
    expect(new Set(nonces).size).toBe(1000)
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9_-]{22}$/)
  })

  it('hashes deterministically per secret, as 64 hex characters that do not contain the value', () => {
    const nonce = newNonce()
    expect(hashToken(nonce, secret)).toMatch(/^[0-9a-f]{64}$/)
    expect(hashToken(nonce, secret)).toBe(hashToken(nonce, secret))
    expect(hashToken(nonce, secret)).not.toBe(hashToken(nonce, otherSecret))
    expect(hashToken(nonce, secret)).not.toBe(hashToken(`${nonce}x`, secret))
    expect(hashToken(nonce, secret)).not.toContain(nonce)
    expect(hashNonce(nonce, secret)).toBe(hashToken(nonce, secret))
  })

  it('supports single use: the caller stores hashNonce(nonce) and a second use finds it gone', () => {
    const used = new Set<string>()
    const redeem = (token: string): string => {
      const result = verifyToken(token, { now: issuedAt, purpose: 'confirm', secret })
      if (!result.ok) return result.reason
      const key = hashNonce(result.nonce, secret)
      if (used.has(key)) return 'reused'
      used.add(key)
      return 'ok'
    }
    const token = confirmToken()
    expect(redeem(token)).toBe('ok')
    expect(redeem(token)).toBe('reused')
    expect([...used][0]).not.toContain('nonce-0123456789abcdef')
  })

  it('compares strings in constant time, including different lengths', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true)
    expect(constantTimeEqual('abc', 'abd')).toBe(false)
    expect(constantTimeEqual('abc', 'abcd')).toBe(false)
    expect(constantTimeEqual('', '')).toBe(true)
  })

  it('derives separate 32-byte keys from one application secret', () => {
    const a = deriveTokenSecret('payload-secret')
    expect(a).toHaveLength(32)
    expect(a.equals(deriveTokenSecret('payload-secret'))).toBe(true)
    expect(a.equals(deriveTokenSecret('payload-secret', 'other-context'))).toBe(false)
    expect(a.equals(deriveTokenSecret('payload-secret2'))).toBe(false)
    expect(() => deriveTokenSecret('')).toThrow()
    const token = createToken({ expiresAt, purpose: 'manage', secret: a, subject: '1' })
    expect(
      verifyToken(token, {
        now: issuedAt,
        purpose: 'manage',
        secret: deriveTokenSecret('payload-secret'),
      }).ok,
    ).toBe(true)
  })
})
