/**
 * The `subscriptions.rateLimiter` option: the subscription rate limits on a store the host
 * chooses (shared by its processes), made at the first request, with a limiter's "over the
 * limit" answer told apart from a failing store whatever copy of rate-limiter-flexible it comes from.
 */
import type { Config, PayloadRequest } from 'payload'

import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'

import type { RateLimiterFactory } from '../../plugin/index.js'

import { setRemoteAddress } from '../../plugin/http/clientAddress.js'
import { sanitizeConfig } from '../../plugin/sanitizeConfig.js'
import { createGuard } from '../../plugin/subscriptions/guard.js'
import { createRateLimit, isRateLimitRejection } from '../../plugin/subscriptions/rateLimits.js'

const host = {
  localization: { defaultLocale: 'da', locales: ['da', 'en'] },
  serverURL: 'https://cms.example.com',
} as unknown as Config

const logged: unknown[] = []
/** A subscription request from `socket`, as the plugin's endpoints see it. */
function request(socket?: string): PayloadRequest {
  const req = new Request('http://localhost/api/policies/subscriptions', { method: 'POST' })
  setRemoteAddress(req, socket)
  return Object.assign(req, {
    payload: {
      logger: { error: (entry: unknown) => logged.push(entry), warn: () => undefined },
    },
  }) as unknown as PayloadRequest
}

/** Whether `limit` lets the request through (false: the limiter said no). */
async function passes(
  limit: ReturnType<typeof createRateLimit>,
  mailbox: string,
  socket?: string,
): Promise<boolean> {
  try {
    await limit(request(socket), mailbox)
    return true
  } catch (error) {
    if (isRateLimitRejection(error)) return false
    throw error
  }
}

describe('subscriptions.rateLimiter', () => {
  it('by default counts in memory, 20 per client and 3 per mailbox an hour; undefined keeps a default', () => {
    const config = sanitizeConfig(
      { subscriptions: { perClientPerHour: undefined, rateLimiter: undefined } },
      host,
    )
    expect(config.subscriptions.perClientPerHour).toBe(20)
    expect(config.subscriptions.perAddressPerHour).toBe(3)
    expect(
      config.subscriptions.rateLimiter({ duration: 1, keyPrefix: 'x', points: 1 }),
    ).toBeInstanceOf(RateLimiterMemory)
  })

  it('refuses a value that is not a function, naming the option', () => {
    expect(() =>
      sanitizeConfig(
        { subscriptions: { rateLimiter: 'redis' as unknown as RateLimiterFactory } },
        host,
      ),
    ).toThrow('subscriptions.rateLimiter')
  })

  it('makes both limiters at the first request, with the configured limits', async () => {
    const made: unknown[] = []
    const config = sanitizeConfig(
      {
        subscriptions: {
          perAddressPerHour: 2,
          perClientPerHour: 5,
          rateLimiter: (limit) => {
            made.push(limit)
            return new RateLimiterMemory(limit)
          },
        },
      },
      host,
    )
    const limit = createRateLimit(config)
    expect(made).toEqual([])
    expect(await passes(limit, 'a@example.com', '192.0.2.1')).toBe(true)
    expect(made).toEqual(
      expect.arrayContaining([
        { duration: 3600, keyPrefix: 'client', points: 5 },
        { duration: 3600, keyPrefix: 'mailbox', points: 2 },
      ]),
    )
    expect(made).toHaveLength(2)
  })

  it('two processes on one shared store count together; in memory each counts alone', async () => {
    // One store both "processes" reach (as Redis or Postgres would be), keyed by the limit's prefix.
    const store = new Map<string, RateLimiterMemory>()
    const shared: RateLimiterFactory = (limit) => {
      if (!store.has(limit.keyPrefix)) store.set(limit.keyPrefix, new RateLimiterMemory(limit))
      return store.get(limit.keyPrefix)!
    }
    const sharedLimits = [1, 2].map(() =>
      createRateLimit(sanitizeConfig({ subscriptions: { rateLimiter: shared } }, host)),
    )
    const memoryLimits = [1, 2].map(() => createRateLimit(sanitizeConfig({}, host)))
    const answers = async (limits: typeof sharedLimits) => {
      const results: boolean[] = []
      for (let i = 0; i < 6; i++) {
        results.push(await passes(limits[i % 2]!, 'victim@example.com', `192.0.2.${i}`))
      }
      return results
    }
    expect(await answers(sharedLimits)).toEqual([true, true, true, false, false, false])
    expect(await answers(memoryLimits)).toEqual([true, true, true, true, true, true])
  })

  it('tells an over-the-limit answer from a failing store, whichever copy of the library made it', () => {
    // A host's limiter may come from its own copy of rate-limiter-flexible: same shape, other class.
    const foreign = {
      consumedPoints: 4,
      isFirstInDuration: false,
      msBeforeNext: 1500,
      remainingPoints: 0,
    }
    expect(isRateLimitRejection(new RateLimiterRes(0, 1500, 4, false))).toBe(true)
    expect(isRateLimitRejection(foreign)).toBe(true)
    expect(isRateLimitRejection(new Error('connect ECONNREFUSED 127.0.0.1:6379'))).toBe(false)
    expect(isRateLimitRejection(null)).toBe(false)
    expect(isRateLimitRejection({ msBeforeNext: 'soon' })).toBe(false)
  })

  it('answers 429 with Retry-After over the limit, and a logged 503 when the store fails', async () => {
    const { guard } = createGuard(sanitizeConfig({}, host))
    const overLimit = guard(() =>
      Promise.reject({
        consumedPoints: 4,
        isFirstInDuration: false,
        msBeforeNext: 1500,
        remainingPoints: 0,
      }),
    )
    const storeDown = guard(() => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379')))

    const limited = await overLimit(request('192.0.2.1'))
    expect(limited.status).toBe(429)
    expect(limited.headers.get('Retry-After')).toBe('2')

    logged.length = 0
    const failed = await storeDown(request('192.0.2.1'))
    expect(failed.status).toBe(503)
    expect(await failed.text()).not.toContain('ECONNREFUSED')
    expect(logged).toHaveLength(1)
  })
})
