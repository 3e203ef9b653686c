import type { BannerInput, BannerRelease } from '../../src/banner/index.js'

import { bannerExpiresAt, renderBanner, selectBanner } from '../../src/banner/index.js'

const DAY = 86_400_000
const v10: BannerRelease = {
  effectiveAt: '2024-02-01',
  kind: 'material',
  publishedAt: '2024-01-01T09:00:00Z',
  version: '1.0',
}
const v11: BannerRelease = {
  effectiveAt: '2024-06-01',
  kind: 'minor',
  publishedAt: '2024-06-01T09:00:00Z',
  version: '1.1',
}
const v20: BannerRelease = {
  effectiveAt: '2025-03-01',
  kind: 'material',
  publishedAt: '2025-02-01T10:00:00Z',
  version: '2.0',
}
const v21: BannerRelease = {
  effectiveAt: '2025-02-15',
  kind: 'minor',
  publishedAt: '2025-02-15T10:00:00Z',
  version: '2.1',
}

const published = new Date('2025-02-01T10:00:00Z')
const effective = new Date('2025-03-01T00:00:00Z')
const windowEnd = new Date(effective.getTime() + 30 * DAY)

function select(now: Date | string, overrides: Partial<BannerInput> = {}) {
  return selectBanner({
    bannerDays: 30,
    now: new Date(now),
    releases: [v10, v11, v20],
    ...overrides,
  })
}

describe('selectBanner: the window', () => {
  it('shows nothing before the release is published', () => {
    expect(select(new Date(published.getTime() - 1))).toEqual({ reason: 'ended', show: false })
    expect(select(new Date(published.getTime() - 1), { releases: [v20] })).toEqual({
      reason: 'none',
      show: false,
    })
  })

  it('shows from the moment of publication, as upcoming until the effective date', () => {
    expect(select(published)).toEqual({
      effectiveAt: '2025-03-01',
      endsAt: windowEnd.toISOString(),
      kind: 'material',
      phase: 'upcoming',
      postponed: false,
      publishedAt: '2025-02-01T10:00:00Z',
      show: true,
      version: '2.0',
    })
    expect(select(new Date(effective.getTime() - 1))).toMatchObject({
      phase: 'upcoming',
      show: true,
    })
  })

  it('shows as in effect from the effective date until bannerDays after it, end exclusive', () => {
    expect(select(effective)).toMatchObject({ phase: 'in-effect', show: true, version: '2.0' })
    expect(select(new Date(windowEnd.getTime() - 1))).toMatchObject({ show: true, version: '2.0' })
    expect(select(windowEnd)).toEqual({ reason: 'ended', show: false })
    expect(select('2026-01-01T00:00:00Z')).toEqual({ reason: 'ended', show: false })
  })

  it('uses bannerDays from the options', () => {
    expect(select('2025-03-05T00:00:00Z', { bannerDays: 3 })).toEqual({
      reason: 'ended',
      show: false,
    })
    expect(select('2025-03-03T23:59:59Z', { bannerDays: 3 })).toMatchObject({ show: true })
    expect(select(effective, { bannerDays: 0 })).toEqual({ reason: 'ended', show: false })
    expect(select(new Date(effective.getTime() - 1), { bannerDays: 0 })).toMatchObject({
      show: true,
    })
  })

  it('shows nothing when there are no releases', () => {
    expect(select('2025-02-10T00:00:00Z', { releases: [] })).toEqual({
      reason: 'none',
      show: false,
    })
  })
})

describe('selectBanner: what the visitor has seen', () => {
  const during = '2025-02-10T00:00:00Z'

  it('hides the banner from a visitor who has seen this version or a later one', () => {
    expect(select(during, { seen: '2.0' })).toEqual({ reason: 'seen', show: false })
    expect(select(during, { seen: '2.1' })).toEqual({ reason: 'seen', show: false })
    expect(select(during, { seen: '3.0' })).toEqual({ reason: 'seen', show: false })
  })

  it('shows it to a visitor who has seen only an older version', () => {
    expect(select(during, { seen: '1.1' })).toMatchObject({ show: true, version: '2.0' })
    expect(select(during, { seen: '1.99' })).toMatchObject({ show: true, version: '2.0' })
  })

  it('compares versions numerically, so 1.10 is newer than 1.9', () => {
    const v19: BannerRelease = { ...v20, version: '1.9' }
    const v110: BannerRelease = { ...v20, version: '1.10' }
    expect(select(during, { releases: [v19], seen: '1.10' })).toEqual({
      reason: 'seen',
      show: false,
    })
    expect(select(during, { releases: [v110], seen: '1.9' })).toMatchObject({
      show: true,
      version: '1.10',
    })
    expect(
      select(during, { releases: [{ ...v19, publishedAt: '2025-01-01T00:00:00Z' }, v110] }),
    ).toMatchObject({ version: '1.10' })
  })

  it('treats a missing or garbage seen value as nothing seen', () => {
    for (const seen of [
      undefined,
      null,
      '',
      'abc',
      '2',
      '02.0',
      ' 2.0',
      '2.0.1',
      '2.x',
      ['2.0'],
      { major: 2 },
      2,
      '-1.0',
      '99999999999.0',
    ]) {
      expect(select(during, { seen })).toMatchObject({ show: true, version: '2.0' })
    }
  })
})

describe('selectBanner: kinds, withdrawals and postponements', () => {
  it('never shows a banner for a minor release', () => {
    expect(select('2024-06-02T00:00:00Z', { releases: [v11] })).toEqual({
      reason: 'none',
      show: false,
    })
  })

  it('keeps showing the material release when a minor one follows it', () => {
    const releases = [v10, v11, v20, v21]
    expect(select('2025-02-20T00:00:00Z', { releases })).toMatchObject({
      show: true,
      version: '2.0',
    })
    expect(select('2025-02-20T00:00:00Z', { releases, seen: '2.1' })).toEqual({
      reason: 'seen',
      show: false,
    })
  })

  it('ignores a withdrawn release and falls back to the previous material one if its window is open', () => {
    const withdrawn: BannerRelease = { ...v20, status: 'withdrawn' }
    expect(select('2025-02-10T00:00:00Z', { releases: [v10, withdrawn] })).toEqual({
      reason: 'ended',
      show: false,
    })
    const v30: BannerRelease = {
      effectiveAt: '2025-03-10',
      kind: 'material',
      publishedAt: '2025-02-05T00:00:00Z',
      status: 'withdrawn',
      version: '3.0',
    }
    expect(select('2025-02-10T00:00:00Z', { releases: [v10, v20, v30] })).toMatchObject({
      show: true,
      version: '2.0',
    })
    expect(select('2025-02-10T00:00:00Z', { releases: [v10, v20, v30], seen: '2.0' })).toEqual({
      reason: 'seen',
      show: false,
    })
    expect(
      select('2025-02-10T00:00:00Z', { releases: [{ ...v30, status: 'active' }] }),
    ).toMatchObject({ version: '3.0' })
  })

  it('uses the new date of a postponed release for the window and the answer', () => {
    const postponed: BannerRelease = { ...v20, postponedTo: '2025-04-01' }
    // Without the postponement the window would have closed on 31 March.
    expect(select('2025-04-15T00:00:00Z', { releases: [postponed] })).toMatchObject({
      effectiveAt: '2025-04-01',
      phase: 'in-effect',
      postponed: true,
      show: true,
    })
    expect(select('2025-03-15T00:00:00Z', { releases: [postponed] })).toMatchObject({
      phase: 'upcoming',
      show: true,
    })
    expect(select('2025-05-01T00:00:00Z', { releases: [postponed] })).toEqual({
      reason: 'ended',
      show: false,
    })
    expect(select('2025-04-15T00:00:00Z', { releases: [v20] })).toEqual({
      reason: 'ended',
      show: false,
    })
  })

  it('does not fall back to an older release once a newer material one is out, even if its window is longer', () => {
    const older: BannerRelease = { ...v10, postponedTo: '2025-06-01' }
    expect(select('2025-04-15T00:00:00Z', { releases: [older, v20] })).toEqual({
      reason: 'ended',
      show: false,
    })
  })

  it('does not banner a release scheduled for publication in the future', () => {
    expect(select('2025-01-15T00:00:00Z', { releases: [v20] })).toEqual({
      reason: 'none',
      show: false,
    })
  })

  it('throws on malformed release data and options', () => {
    expect(() =>
      select('2025-02-10T00:00:00Z', { releases: [{ ...v20, version: 'two' }] }),
    ).toThrow(/version/)
    expect(() =>
      select('2025-02-10T00:00:00Z', { releases: [{ ...v20, effectiveAt: 'soon' }] }),
    ).toThrow(/invalid date/)
    expect(() => select('2025-02-10T00:00:00Z', { bannerDays: -1 })).toThrow(/bannerDays/)
    expect(() => select('not a date')).toThrow(/now/)
  })
})

describe('bannerExpiresAt', () => {
  const expires = (now: string, overrides: Partial<BannerInput> = {}) =>
    bannerExpiresAt({ bannerDays: 30, now: new Date(now), releases: [v10, v11, v20], ...overrides })

  it('is the effective date while the banner is upcoming, then the end of the window', () => {
    expect(expires('2025-02-10T00:00:00Z')).toEqual(effective)
    expect(expires('2025-03-10T00:00:00Z')).toEqual(windowEnd)
    expect(expires(windowEnd.toISOString())).toBeUndefined()
  })

  it('is the next scheduled publication of a material release when that comes first', () => {
    expect(expires('2025-01-15T00:00:00Z')).toEqual(published)
    const scheduledMinor: BannerRelease = { ...v21, publishedAt: '2025-01-20T00:00:00Z' }
    expect(expires('2025-01-15T00:00:00Z', { releases: [v10, scheduledMinor, v20] })).toEqual(
      published,
    )
  })

  it('never lies later than the moment selectBanner changes its answer', () => {
    const releases = [v10, v11, { ...v20, postponedTo: '2025-03-20' }, v21]
    let now = new Date('2025-01-01T00:00:00Z').getTime()
    while (now < new Date('2025-06-01T00:00:00Z').getTime()) {
      const answer = JSON.stringify(selectBanner({ bannerDays: 30, now: new Date(now), releases }))
      const next = bannerExpiresAt({ bannerDays: 30, now: new Date(now), releases })
      const probe = next ? next.getTime() - 1 : now + 150 * DAY
      for (const t of [now + 1, Math.floor((now + probe) / 2), probe]) {
        if (t > now)
          expect(JSON.stringify(selectBanner({ bannerDays: 30, now: new Date(t), releases }))).toBe(
            answer,
          )
      }
      now = next ? next.getTime() : now + 150 * DAY
    }
  })
})

describe('renderBanner', () => {
  const selection = select('2025-02-10T00:00:00Z')
  const after = select('2025-03-10T00:00:00Z')
  if (!selection.show || !after.show) throw new Error('fixture: banner should show')
  const options = {
    compareUrl: 'https://example.dk/da/privatliv/sammenlign?from=1.1&to=2.0',
    statementUrl: '/da/privatliv',
    title: 'Persondataerklæring',
  }

  it('writes the Danish message, labels and links', () => {
    expect(renderBanner(selection, 'da', options)).toEqual({
      ariaLabel: 'Ændringer i »Persondataerklæring«',
      dismissLabel: 'Luk',
      effectiveAt: '2025-03-01',
      effectiveDate: '1. marts 2025',
      links: {
        compare: {
          href: 'https://example.dk/da/privatliv/sammenlign?from=1.1&to=2.0',
          label: 'Se ændringerne',
        },
        statement: { href: '/da/privatliv', label: 'Læs hele teksten' },
      },
      locale: 'da',
      message:
        'Vi har opdateret »Persondataerklæring«. Version 2.0 træder i kraft den 1. marts 2025.',
      version: '2.0',
    })
    expect(renderBanner(after, 'da', options).message).toBe(
      'Vi har opdateret »Persondataerklæring«. Version 2.0 trådte i kraft den 1. marts 2025.',
    )
  })

  it('writes English, and falls back for locales without copy', () => {
    const en = renderBanner(selection, 'en', { ...options, title: 'Privacy statement' })
    expect(en.message).toBe(
      'We have updated “Privacy statement”. Version 2.0 takes effect on March 1, 2025.',
    )
    expect(en.links.compare?.label).toBe('See the changes')
    expect(renderBanner(after, 'en', { ...options, title: 'Privacy statement' }).message).toContain(
      'took effect on March 1, 2025',
    )
    expect(renderBanner(selection, 'sv', { ...options, fallbackLocale: 'da' })).toMatchObject({
      dismissLabel: 'Luk',
      locale: 'da',
    })
    expect(renderBanner(selection, 'sv', options)).toMatchObject({
      dismissLabel: 'Close',
      locale: 'en',
    })
  })

  it('leaves out the compare link when there is none', () => {
    expect(renderBanner(selection, 'da', { ...options, compareUrl: undefined }).links).toEqual({
      statement: { href: '/da/privatliv', label: 'Læs hele teksten' },
    })
  })

  it('passes title text through as plain text and refuses unsafe links', () => {
    expect(
      renderBanner(selection, 'da', { ...options, title: '<script>alert(1)</script>\n' }).message,
    ).toContain('»<script>alert(1)</script>«')
    for (const url of [
      'javascript:alert(1)',
      '//evil.example/x',
      '/\\evil.example',
      '/\t/evil.example',
      'data:text/html,x',
    ]) {
      expect(() => renderBanner(selection, 'da', { ...options, statementUrl: url })).toThrow(
        /statementUrl/,
      )
    }
    expect(
      renderBanner(selection, 'da', { ...options, statementUrl: '/da/privat liv?x="y"' }).links
        .statement.href,
    ).toBe('/da/privat%20liv?x=%22y%22')
  })
})
