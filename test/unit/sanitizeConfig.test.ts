import type { Config } from 'payload'

import { sanitizeConfig } from '../../plugin/sanitizeConfig.js'

const host = {
  localization: { defaultLocale: 'da', locales: ['da', 'en'] },
  serverURL: 'https://cms.example.com',
} as unknown as Config

describe('sanitizeConfig: a configuration mistake is a clear error at boot', () => {
  it('applies the defaults', () => {
    const config = sanitizeConfig({}, host)
    expect(config.locales).toEqual(['da', 'en'])
    expect(config.defaultLocale).toBe('da')
    expect(config.timeZone).toBe('UTC')
    expect(config.urls.statement).toBe('https://cms.example.com/{locale}/policies/{key}')
    expect(config.publication).toMatchObject({ completeness: 'warn', minNoticeDays: 30 })
  })

  it('fills {siteUrl} once and keeps the per-link placeholders', () => {
    const config = sanitizeConfig(
      {
        urls: {
          compare: '{siteUrl}/c/{key}?a={from}&b={to}&l={locale}',
          siteUrl: 'https://www.example.com/',
        },
      },
      host,
    )
    expect(config.urls.compare).toBe('https://www.example.com/c/{key}?a={from}&b={to}&l={locale}')
    expect(config.urls.siteUrl).toBe('https://www.example.com')
  })

  it.each([
    ['{siteUrl}/{lang}/privacy', '{lang}'],
    ['{siteUrl}/{locale}/{document}', '{document}'],
  ])('refuses the URL template %s naming %s', (statement, placeholder) => {
    expect(() => sanitizeConfig({ urls: { statement } }, host)).toThrow(placeholder)
    expect(() => sanitizeConfig({ urls: { statement } }, host)).toThrow('urls.statement')
  })

  it('refuses an unknown time zone and accepts IANA names', () => {
    expect(() => sanitizeConfig({ timeZone: 'Europe/Copenhagn' }, host)).toThrow('timeZone')
    expect(() => sanitizeConfig({ timeZone: 'CET+1' }, host)).toThrow('timeZone')
    expect(sanitizeConfig({ timeZone: 'Europe/Copenhagen' }, host).timeZone).toBe(
      'Europe/Copenhagen',
    )
  })

  it('refuses a short secret, locales the host lacks, bad slugs and bad numbers', () => {
    expect(() => sanitizeConfig({ secret: 'short' }, host)).toThrow('32 bytes')
    expect(() => sanitizeConfig({ locales: ['de'] }, host)).toThrow('locales')
    expect(() => sanitizeConfig({ documentsSlug: 'Policy Docs' }, host)).toThrow('documentsSlug')
    expect(() => sanitizeConfig({ publicPath: 'policies' }, host)).toThrow('publicPath')
    expect(() => sanitizeConfig({ cache: { maxAge: -1 } } as never, host)).toThrow('cache.maxAge')
    expect(() => sanitizeConfig({ banner: { days: -3 } }, host)).toThrow('banner.days')
  })

  it('refuses a host without localization', () => {
    expect(() => sanitizeConfig({}, { serverURL: 'https://x' } as unknown as Config)).toThrow(
      'localization',
    )
  })
})
