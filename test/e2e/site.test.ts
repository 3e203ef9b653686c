/**
 * Browser tests of the dev app: the Payload admin with the seeded editor, and the demo public site
 * (statement in force, both locales, the archive, the compare page). Screenshots: test-results/.
 *
 * One dev server and one browser for the whole file; each test gets its own browser context.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'

import { signInToAdmin } from '../helpers/adminSignIn.js'
import {
  E2E_TIMEOUTS,
  type E2eServer,
  launchBrowser,
  screenshot,
  startE2eServer,
} from '../helpers/e2eServer.js'

let server: E2eServer
let browser: Browser
let context: BrowserContext
let page: Page
/** Uncaught errors in the page (hydration errors included): the site must have none. */
let pageErrors: string[]

beforeAll(async () => {
  server = await startE2eServer()
  browser = await launchBrowser()
}, E2E_TIMEOUTS.start)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
}, 60_000)

beforeEach(async () => {
  context = await browser.newContext({ locale: 'en-US', viewport: { height: 900, width: 1280 } })
  page = await context.newPage()
  page.setDefaultTimeout(E2E_TIMEOUTS.navigation)
  page.setDefaultNavigationTimeout(E2E_TIMEOUTS.navigation)
  pageErrors = []
  page.on('pageerror', (error) => pageErrors.push(error.message))
})

afterEach(async () => {
  await context?.close()
})

const open = async (path: string) => {
  const response = await page.goto(`${server.url}${path}`, { waitUntil: 'load' })
  expect(response?.status()).toBe(200)
}

const text = async (selector: string) =>
  ((await page.locator(selector).first().textContent()) ?? '').trim()

/** `data-version` of each archive entry, in page order. */
const archiveVersions = () =>
  page
    .locator('[data-testid="archive"] > li')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-version')))

test(
  'an editor signs in to /admin with the seeded login and sees the Policy documents collection',
  async () => {
    await signInToAdmin(page, server.url, { beforeSubmit: () => screenshot(page, 'admin-login') })

    // The dashboard card of the plugin's collection (the sidebar link is hidden while the nav is closed).
    const card = page.locator('#card-policy-documents')
    await card.waitFor({ state: 'visible' })
    expect(await card.locator('.card__title').textContent()).toMatch(/policy documents/i)
    // Let the dashboard finish its client-side requests before the screenshot (best effort).
    await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined)
    await screenshot(page, 'admin-dashboard')

    await card.locator('.card__click').click()
    await page.waitForURL(/\/admin\/collections\/policy-documents/)
    // The seeded statement is listed.
    await page.locator('table tbody tr').first().waitFor({ state: 'visible' })
    expect(await page.locator('table tbody tr').count()).toBeGreaterThanOrEqual(1)
    await screenshot(page, 'admin-policy-documents')
  },
  E2E_TIMEOUTS.test,
)

test(
  'the Danish page shows the statement in force (2.0, with location data) and the archive 2.0, 1.1, 1.0',
  async () => {
    await open('/da/privatlivspolitik')
    expect(await page.getAttribute('html', 'lang')).toBe('da')
    expect(await text('h1')).toBe('Persondataerklæring; netbaseret behandling af personoplysninger')
    expect(await text('[data-testid="release-version"]')).toBe('2.0')
    expect(await text('[data-testid="policy-html"]')).toContain(
      'Lokationsdata (omtrentlig placering baseret på IP-adresse)',
    )
    expect(await page.title()).toContain('Persondataerklæring')

    expect(await archiveVersions()).toEqual(['2.0', '1.1', '1.0'])
    const current = page.locator('[data-testid="archive"] > li[data-version="2.0"]')
    expect(await current.getAttribute('aria-current')).toBe('page')
    expect(await current.textContent()).toContain('Gældende')

    // The slots other components will fill are in the layout.
    expect(await page.locator('[data-slot="banner"]').count()).toBe(1)
    expect(await page.locator('[data-slot="subscribe"]').count()).toBe(1)
    await screenshot(page, 'site-da-statement')
    expect(pageErrors).toEqual([])
  },
  E2E_TIMEOUTS.test,
)

test(
  'the English page shows the English statement in force',
  async () => {
    await open('/en/privacy')
    expect(await page.getAttribute('html', 'lang')).toBe('en')
    expect(await text('h1')).toBe('Privacy statement: online processing of personal data')
    expect(await text('[data-testid="release-version"]')).toBe('2.0')
    expect(await text('[data-testid="policy-html"]')).toContain(
      'Location data (approximate location based on IP address)',
    )
    expect(await archiveVersions()).toEqual(['2.0', '1.1', '1.0'])
    expect(await text('#archive-heading')).toBe('Version history')
    await screenshot(page, 'site-en-statement')
    expect(pageErrors).toEqual([])
  },
  E2E_TIMEOUTS.test,
)

test(
  'an archived release opens from the archive and says it is no longer in force',
  async () => {
    await open('/da/privatlivspolitik')
    await page.getByRole('link', { name: 'Læs version 1.1' }).click()
    await page.waitForURL(/\/da\/privatlivspolitik\/1\.1$/)
    expect(await text('[data-testid="release-version"]')).toBe('1.1')
    expect(await text('.notice')).toContain('Den gældende version er 2.0')
    expect(await text('[data-testid="policy-html"]')).not.toContain('Lokationsdata')
    await screenshot(page, 'site-da-release-1.1')
    expect(pageErrors).toEqual([])
  },
  E2E_TIMEOUTS.test,
)

test(
  'the compare page shows the diff from the API, or says plainly that it is unavailable',
  async () => {
    for (const path of [
      '/da/privatlivspolitik/sammenlign?from=1.1&to=2.0',
      '/en/privacy/compare?from=1.1&to=2.0',
    ]) {
      await open(path)
      expect(await page.locator('select[name="from"]').inputValue()).toBe('1.1')
      expect(await page.locator('select[name="to"]').inputValue()).toBe('2.0')
      const diff = page.locator('[data-testid="diff-html"]')
      if ((await diff.count()) > 0) {
        // The diff endpoint exists: the location-data bullet was added in 2.0.
        expect(await diff.locator('ins').allTextContents()).toEqual(
          expect.arrayContaining([expect.stringMatching(/Lokationsdata|Location data/)]),
        )
        // Unchanged sections are folded (by the server's markup or by the page).
        const folded = await diff.locator('details').count()
        expect(folded).toBeGreaterThan(0)
        expect(await diff.locator('details[open]').count()).toBe(0)
      } else {
        expect(await text('[data-testid="diff-unavailable"]')).toMatch(
          /ikke tilgængelig|not available/,
        )
      }
      await screenshot(page, path.startsWith('/da') ? 'site-da-compare' : 'site-en-compare')
    }
    expect(pageErrors).toEqual([])
  },
  E2E_TIMEOUTS.test,
)

test(
  "the plugin's default URLs redirect to the localized pages",
  async () => {
    await open('/da/policies/privacy/compare?from=1.0&to=1.1')
    expect(new URL(page.url()).pathname).toBe('/da/privatlivspolitik/sammenlign')
    expect(new URL(page.url()).searchParams.get('from')).toBe('1.0')
    await open('/en/policies/privacy')
    expect(new URL(page.url()).pathname).toBe('/en/privacy')
  },
  E2E_TIMEOUTS.test,
)
