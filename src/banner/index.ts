/**
 * Whether the public site should show a "we changed this document" banner, and its copy.
 *
 * Rules: only material releases banner. A release's window runs from its publication until
 * `bannerDays` days after its effective date (a postponed release uses its new date). Withdrawn
 * releases never banner. Only the newest published material release counts: an older one is
 * superseded even if its own window is still open. A visitor who has seen that version, or a
 * later one, gets no banner.
 */
import type { ChangeKind, LocaleCode, Version } from '../types.js'

import { getTranslator } from '../i18n/index.js'
import { oneLine } from '../notices/html.js'
import { formatDate, instantOf, resolveCopyLocale } from '../notices/locale.js'
import { safeUrl } from '../notices/safeUrl.js'
import { compareVersions, parseVersion } from '../releases/version.js'

/** A release as the banner sees it. */
export type BannerRelease = {
  /** ISO date or timestamp the release was announced to apply from. */
  effectiveAt: string
  kind: ChangeKind
  /** ISO date or timestamp it was postponed to; replaces `effectiveAt`. */
  postponedTo?: string
  /** ISO timestamp of publication. */
  publishedAt: string
  /** @default 'active' */
  status?: 'active' | 'withdrawn'
  /** `major.minor`, e.g. `1.10`. */
  version: string
}

/** Input for `selectBanner` and `bannerExpiresAt`. */
export type BannerInput = {
  /** Days after the effective date that the banner keeps showing. */
  bannerDays: number
  now: Date
  releases: readonly BannerRelease[]
  /**
   * The version the visitor has already seen, straight from the query string. Anything that is
   * not a strict `major.minor` string (missing, arrays, `2`, garbage) counts as "seen nothing".
   */
  seen?: unknown
}

/** Why no banner shows. */
export type NoBannerReason = 'ended' | 'none' | 'seen'

/** The outcome of `selectBanner`. */
export type BannerSelection =
  | { reason: NoBannerReason; show: false }
  | {
      /** The date the release applies from (the postponed date if it was postponed), as given. */
      effectiveAt: string
      /** ISO timestamp when the window closes. */
      endsAt: string
      kind: 'material'
      /** Before or after the effective date; the copy differs ("takes effect" / "took effect"). */
      phase: 'in-effect' | 'upcoming'
      postponed: boolean
      publishedAt: string
      show: true
      version: string
    }

/** Options for `renderBanner`. */
export type BannerRenderOptions = {
  /** Public compare page (previous → this version): absolute http(s) URL or a root-relative path. */
  compareUrl?: string
  /** Copy locale when `locale` has none. @default 'en' */
  fallbackLocale?: LocaleCode
  /** The full statement: absolute http(s) URL or a root-relative path. */
  statementUrl: string
  /** IANA zone for formatting timestamps. @default 'UTC' */
  timeZone?: string
  /** Document title in `locale`. */
  title: string
}

/** A link in the banner. */
export type BannerLink = { href: string; label: string }

/** The banner as plain text for a JSON response; the site escapes it when it renders it. */
export type RenderedBanner = {
  /** Accessible name for the banner region. */
  ariaLabel: string
  dismissLabel: string
  effectiveAt: string
  /** `effectiveAt` formatted for `locale`. */
  effectiveDate: string
  links: { compare?: BannerLink; statement: BannerLink }
  /** The locale the copy is actually in (after fallback). */
  locale: LocaleCode
  message: string
  version: string
}

const DAY_MS = 24 * 60 * 60 * 1000

type Candidate = {
  effective: number
  end: number
  published: number
  release: BannerRelease
  version: Version
}

/** Decides whether a banner shows now; throws only on malformed release data or options. */
export function selectBanner(input: BannerInput): BannerSelection {
  const { candidate, now } = analyze(input)
  if (!candidate) return { reason: 'none', show: false }
  if (now >= candidate.end) return { reason: 'ended', show: false }
  const seen = parseVersion(input.seen)
  if (seen && compareVersions(seen, candidate.version) >= 0) return { reason: 'seen', show: false }
  const { release } = candidate
  return {
    effectiveAt: release.postponedTo ?? release.effectiveAt,
    endsAt: new Date(candidate.end).toISOString(),
    kind: 'material',
    phase: now < candidate.effective ? 'upcoming' : 'in-effect',
    postponed: release.postponedTo !== undefined,
    publishedAt: release.publishedAt,
    show: true,
    version: release.version,
  }
}

/**
 * The next moment the answer for this input can change on its own (a scheduled publication, an
 * effective date, a window closing), or `undefined` if none is scheduled. Use it to bound HTTP
 * caching; still cap max-age, because an editor can publish, postpone or withdraw at any time.
 */
export function bannerExpiresAt(input: BannerInput): Date | undefined {
  const { candidate, now, parsed } = analyze(input)
  const moments = parsed
    .filter((entry) => isBannerable(entry.release) && entry.published > now)
    .map((entry) => entry.published)
  if (candidate) moments.push(candidate.effective, candidate.end)
  const future = moments.filter((moment) => moment > now)
  return future.length === 0 ? undefined : new Date(Math.min(...future))
}

/** The banner's copy through i18next (`banner.*`), in `locale` or else `options.fallbackLocale`. */
export function renderBanner(
  selection: Extract<BannerSelection, { show: true }>,
  locale: LocaleCode,
  options: BannerRenderOptions,
): RenderedBanner {
  const fallbackLocale = options.fallbackLocale ?? 'en'
  const lang = resolveCopyLocale(locale, fallbackLocale)
  const t = getTranslator(lang, fallbackLocale)
  if (typeof options.title !== 'string' || oneLine(options.title).length === 0) {
    throw new Error('renderBanner: title must be a non-empty string')
  }
  const effectiveDate = formatDate(selection.effectiveAt, lang, { timeZone: options.timeZone })
  const values = {
    date: effectiveDate,
    title: oneLine(options.title),
    version: oneLine(selection.version),
  }
  const compareHref =
    options.compareUrl === undefined ? undefined : safeLink(options.compareUrl, 'compareUrl')
  return {
    ariaLabel: String(t('banner.label', values)),
    dismissLabel: String(t('banner.dismiss')),
    effectiveAt: selection.effectiveAt,
    effectiveDate,
    links: {
      ...(compareHref === undefined
        ? {}
        : { compare: { href: compareHref, label: String(t('banner.compare')) } }),
      statement: {
        href: safeLink(options.statementUrl, 'statementUrl'),
        label: String(t('banner.statement')),
      },
    },
    locale: lang,
    message: String(
      t(
        selection.phase === 'upcoming' ? 'banner.messageUpcoming' : 'banner.messageInEffect',
        values,
      ),
    ),
    version: selection.version,
  }
}

function analyze(input: BannerInput): {
  candidate: Candidate | undefined
  now: number
  parsed: Candidate[]
} {
  const now = input.now instanceof Date ? input.now.getTime() : Number.NaN
  if (!Number.isFinite(now)) throw new Error('selectBanner: now must be a valid Date')
  if (
    typeof input.bannerDays !== 'number' ||
    !Number.isFinite(input.bannerDays) ||
    input.bannerDays < 0
  ) {
    throw new Error('selectBanner: bannerDays must be a non-negative number')
  }
  const parsed = input.releases.map((release): Candidate => {
    const version = parseVersion(release.version)
    if (!version)
      throw new Error(
        `selectBanner: release version ${JSON.stringify(release.version)} is not major.minor`,
      )
    const effective = parseInstant(release.postponedTo ?? release.effectiveAt, release.version)
    return {
      effective,
      end: effective + input.bannerDays * DAY_MS,
      published: parseInstant(release.publishedAt, release.version),
      release,
      version,
    }
  })
  let candidate: Candidate | undefined
  for (const entry of parsed) {
    if (!isBannerable(entry.release) || entry.published > now) continue
    const order = candidate ? compareVersions(entry.version, candidate.version) : 1
    if (order > 0 || (order === 0 && candidate && entry.published > candidate.published))
      candidate = entry
  }
  return { candidate, now, parsed }
}

function isBannerable(release: BannerRelease): boolean {
  return release.kind === 'material' && release.status !== 'withdrawn'
}

function parseInstant(value: string, version: string): number {
  // A date-only effective date means the start of that day in UTC, as in formatDate.
  const time = instantOf(value)
  if (Number.isNaN(time))
    throw new Error(`selectBanner: release ${version} has an invalid date ${JSON.stringify(value)}`)
  return time
}

function safeLink(value: string, field: string): string {
  // Root-relative paths are fine for a banner on our own site; `//host` and `/\host` are not
  // paths but protocol-relative URLs in browsers, so they must pass the absolute-URL check.
  if (typeof value === 'string' && /^\/(?![/\\])/.test(value)) {
    const url = new URL(value, 'https://relative.invalid')
    // URL parsing drops tabs and newlines, so `/\t/evil.example` would become protocol-relative.
    if (url.origin === 'https://relative.invalid') return `${url.pathname}${url.search}${url.hash}`
  }
  return safeUrl(value, field, ['https', 'http'])
}
