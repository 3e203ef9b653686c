import {
  normalizeOrigins,
  PUBLIC_CORS_HEADERS,
  publicPreflightHeaders,
  subscriptionCorsHeaders,
  subscriptionPreflightHeaders,
} from '../../plugin/http/cors.js'

describe('CORS rules (issue 9, item 11)', () => {
  it('public read answers allow every origin, never with credentials, and expose the ETag', () => {
    expect(PUBLIC_CORS_HEADERS['Access-Control-Allow-Origin']).toBe('*')
    expect(PUBLIC_CORS_HEADERS).not.toHaveProperty('Access-Control-Allow-Credentials')
    expect(PUBLIC_CORS_HEADERS['Access-Control-Expose-Headers']).toMatch(/ETag/)
    expect(publicPreflightHeaders()['Access-Control-Allow-Methods']).toBe('GET, HEAD, OPTIONS')
  })

  it('subscription answers echo an allowed origin only, and always say they vary by origin', () => {
    const allowed = { origins: ['https://www.example.com'] }
    expect(subscriptionCorsHeaders('https://www.example.com', allowed)).toEqual({
      'Access-Control-Allow-Origin': 'https://www.example.com',
      Vary: 'Origin',
    })
    expect(subscriptionCorsHeaders('https://evil.example', allowed)).toEqual({ Vary: 'Origin' })
    expect(subscriptionCorsHeaders(null, allowed)).toEqual({ Vary: 'Origin' })
    expect(subscriptionCorsHeaders('https://www.example.com', { origins: [] })).toEqual({
      Vary: 'Origin',
    })
    expect(
      subscriptionPreflightHeaders('https://www.example.com', allowed)[
        'Access-Control-Allow-Methods'
      ],
    ).toMatch(/POST/)
    expect(subscriptionPreflightHeaders('https://evil.example', allowed)).toEqual({
      Vary: 'Origin',
    })
  })

  it('the allow-list takes origins only', () => {
    expect(normalizeOrigins(undefined)).toEqual({ origins: [] })
    expect(normalizeOrigins(['https://www.example.com', 'http://localhost:3000/'])).toEqual({
      origins: ['https://www.example.com', 'http://localhost:3000'],
    })
    for (const bad of [
      ['https://www.example.com/path'],
      ['*'],
      ['ftp://x.example'],
      [42],
      'https://www.example.com',
    ]) {
      expect(normalizeOrigins(bad)).toHaveProperty('error')
    }
  })
})
