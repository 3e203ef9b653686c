/**
 * The pure parts of the <policy-banner> web component (plugin/banner/policy-banner.js), which the
 * React <PolicyBanner> reuses: which hrefs are allowed, the endpoint URL, and the checks on the
 * endpoint's answer. Runs in Node, with no DOM (the module only defines the element in a browser).
 */
import {
  bannerUrl,
  isVersion,
  safeHref,
  storageKey,
  toBannerModel,
} from '../../plugin/banner/policy-banner.js'

describe('safeHref', () => {
  it.each([
    ['https://www.example.com/da/policies/privacy', 'https://www.example.com/da/policies/privacy'],
    [
      'http://localhost:3000/da/policies/privacy/compare?from=2.0&to=3.0',
      'http://localhost:3000/da/policies/privacy/compare?from=2.0&to=3.0',
    ],
    ['/da/privatlivspolitik', '/da/privatlivspolitik'],
    [
      '/da/privatlivspolitik/sammenlign?from=2.0&to=3.0#top',
      '/da/privatlivspolitik/sammenlign?from=2.0&to=3.0#top',
    ],
  ])('keeps %s', (href, expected) => {
    expect(safeHref(href)).toBe(expected)
  })

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'mailto:someone@example.com',
    '//evil.example/path',
    '/\\evil.example/path',
    '/\t/evil.example',
    ' javascript:alert(1)',
    'java\nscript:alert(1)',
    'https://user:pass@example.com/',
    'da/privatlivspolitik',
    '',
    'x'.repeat(3000),
  ])('drops %j', (href) => {
    expect(safeHref(href)).toBeNull()
  })

  it('drops anything that is not a string', () => {
    for (const value of [undefined, null, 42, {}, ['/a'], { toString: () => '/a' }]) {
      expect(safeHref(value)).toBeNull()
    }
  })
})

describe('isVersion and storageKey', () => {
  it('accepts only strict major.minor versions', () => {
    expect(isVersion('3.0')).toBe(true)
    expect(isVersion('1.10')).toBe(true)
    for (const value of [
      '3',
      '3.0.1',
      'v3.0',
      ' 3.0',
      '3.0 ',
      '',
      null,
      undefined,
      3,
      '1234567.0',
    ]) {
      expect(isVersion(value)).toBe(false)
    }
  })

  it('keys the dismissed version by document', () => {
    expect(storageKey('privacy')).toBe('policy-banner:privacy')
  })
})

describe('bannerUrl', () => {
  it('builds the endpoint URL with the locale and a valid seen version', () => {
    expect(bannerUrl('https://cms.example.com/api/', 'privacy', 'da', '2.0')).toBe(
      'https://cms.example.com/api/policies/privacy/banner?locale=da&seen=2.0',
    )
    expect(bannerUrl('/api', 'privacy', 'en')).toBe('/api/policies/privacy/banner?locale=en')
  })

  it('leaves out a stored value that is not a version (the API would answer 400)', () => {
    expect(bannerUrl('/api', 'privacy', 'da', 'garbage')).toBe(
      '/api/policies/privacy/banner?locale=da',
    )
    expect(bannerUrl('/api', 'privacy', 'da', '2')).toBe('/api/policies/privacy/banner?locale=da')
  })

  it('defaults the API base and encodes the document key and locale', () => {
    expect(bannerUrl(null, 'a/b?c', 'd&e')).toBe('/api/policies/a%2Fb%3Fc/banner?locale=d%26e')
  })
})

describe('toBannerModel', () => {
  const answer = {
    ariaLabel: 'Ændringer i »Persondataerklæring«',
    dismissLabel: 'Luk',
    document: 'privacy',
    effectiveAt: '2026-05-01T00:00:00.000Z',
    effectiveDate: '1. maj 2026',
    endsAt: '2026-05-31T00:00:00.000Z',
    links: {
      compare: {
        href: 'http://localhost:3000/da/policies/privacy/compare?from=2.0&to=3.0',
        label: 'Se ændringerne',
      },
      statement: { href: 'http://localhost:3000/da/policies/privacy', label: 'Læs hele teksten' },
    },
    locale: 'da',
    message: 'Vi har opdateret »Persondataerklæring«. Version 3.0 trådte i kraft den 1. maj 2026.',
    phase: 'in-effect',
    show: true,
    version: '3.0',
  }

  it('keeps what the banner shows, statement link first', () => {
    expect(toBannerModel(answer)).toEqual({
      ariaLabel: answer.ariaLabel,
      dismissLabel: 'Luk',
      lang: 'da',
      links: [
        { href: answer.links.statement.href, label: 'Læs hele teksten', name: 'statement' },
        { href: answer.links.compare.href, label: 'Se ændringerne', name: 'compare' },
      ],
      message: answer.message,
      note: '',
      phase: 'in-effect',
      version: '3.0',
    })
  })

  it('shows nothing for show: false, or for an answer not shaped as documented', () => {
    expect(
      toBannerModel({ document: 'privacy', locale: 'da', reason: 'seen', show: false }),
    ).toBeNull()
    expect(toBannerModel({ ...answer, show: 'true' })).toBeNull()
    expect(toBannerModel({ ...answer, version: '3' })).toBeNull()
    expect(toBannerModel({ ...answer, message: '' })).toBeNull()
    expect(toBannerModel({ ...answer, message: { toString: () => 'x' } })).toBeNull()
    expect(toBannerModel(null)).toBeNull()
    expect(toBannerModel('<b>hi</b>')).toBeNull()
  })

  it('drops unsafe or unlabelled links, keeps the text as text, and falls back for missing labels', () => {
    const model = toBannerModel({
      ...answer,
      ariaLabel: undefined,
      dismissLabel: 7,
      links: {
        compare: { href: 'javascript:alert(1)', label: 'x' },
        statement: { href: '/da/privatlivspolitik', label: '' },
      },
      locale: '"><script>',
      message: '<img src=x onerror=alert(1)>',
    })
    expect(model).toMatchObject({
      ariaLabel: '<img src=x onerror=alert(1)>',
      dismissLabel: 'Close',
      lang: '',
      links: [],
      message: '<img src=x onerror=alert(1)>',
    })
  })
})
