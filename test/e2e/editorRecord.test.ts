/**
 * Browser tests for issue 15, walked in order on one seeded dev server:
 *
 * 1. a reader completes double opt-in through the development outbox (no SMTP server);
 * 2. a material change made in Danish only is refused (one readable message naming the locales and
 *    sections); published with a "translation follows" declaration, the English page, banner and
 *    notice say in English that the Danish text changed and the translation follows;
 * 3. the banner (React component and web component, both languages) reflows within 320 and 375 CSS
 *    px, and its focus ring has at least 3:1 contrast;
 * 4. the release list (version, kind, status, effective date) and the readable release view with a
 *    verified chain; the Danish admin;
 * 5. axe-core (WCAG 2.2 A/AA rules) finds no violations on the public pages, the web component and
 *    the plugin's own admin panels (Payload's own UI is not ours to fix, so those checks are scoped).
 *
 * Screenshots: test-results/record-*.png; some are copied to docs/screenshots/ for the README.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'

import { copyFileSync, mkdirSync } from 'node:fs'
import path from 'node:path'

import { axe } from '../helpers/axe.js'
import {
  DEMO_LOGIN,
  E2E_TIMEOUTS,
  type E2eServer,
  launchBrowser,
  repoRoot,
  resultsDir,
  screenshot,
  startE2eServer,
} from '../helpers/e2eServer.js'

const SECTION = 'rights'
const NEW_TEXT = { da: 'Du kan også trække dit samtykke tilbage ved at skrive til os.' }
const READER = `reader-${Date.now()}@example.com`

let server: E2eServer
let browser: Browser
let context: BrowserContext
let page: Page
let token = ''
const pageErrors: string[] = []
/** The edit view with its changes panel on screen (as in admin.test.ts). */
const ADMIN_VIEWPORT = { height: 2200, width: 1400 }

beforeAll(async () => {
  server = await startE2eServer()
  browser = await launchBrowser()
  context = await browser.newContext({
    locale: 'en-US',
    reducedMotion: 'reduce',
    viewport: { height: 1000, width: 1280 },
  })
  page = await context.newPage()
  page.setDefaultTimeout(E2E_TIMEOUTS.navigation)
  page.setDefaultNavigationTimeout(E2E_TIMEOUTS.navigation)
  page.on('pageerror', (error) => pageErrors.push(error.message))
}, E2E_TIMEOUTS.start)

afterAll(async () => {
  await context?.close()
  await browser?.close()
  await server?.stop()
}, 60_000)

async function api(
  pathAndQuery: string,
  init: RequestInit & { token?: string } = {},
): Promise<{ body: any; status: number }> {
  const { token: jwt, ...rest } = init
  const response = await fetch(`${server.url}/api${pathAndQuery}`, {
    ...rest,
    headers: {
      accept: 'application/json',
      ...(rest.body ? { 'content-type': 'application/json' } : {}),
      ...(jwt ? { authorization: `JWT ${jwt}` } : {}),
      ...(rest.headers as Record<string, string> | undefined),
    },
  })
  const text = await response.text()
  return { body: text ? JSON.parse(text) : undefined, status: response.status }
}

/** WCAG relative-luminance contrast of two `rgb(…)` colours. */
function contrast(a: string, b: string): number {
  const luminance = (rgb: string) => {
    const [r, g, bl] = (rgb.match(/\d+(\.\d+)?/g) ?? ['0', '0', '0']).slice(0, 3).map((value) => {
      const c = Number(value) / 255
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
    }) as [number, number, number]
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl
  }
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number]
  return (x + 0.05) / (y + 0.05)
}

async function signIn(): Promise<void> {
  await page.goto(`${server.url}/admin/login`, { waitUntil: 'load' })
  // The login page says where the demo login and the outbox are.
  await page.getByTestId('login-hint').waitFor({ state: 'visible' })
  expect(await page.getByTestId('login-hint').textContent()).toMatch(
    /editor@example\.com.*policy-docs-demo.*\/admin\/outbox/s,
  )
  await screenshot(page, 'record-login-hint')
  await page.locator('input[name="email"]').fill(DEMO_LOGIN.email)
  await page.locator('input[name="password"]').fill(DEMO_LOGIN.password)
  await page.locator('button[type="submit"]').click()
  await page.waitForURL((url) => url.pathname === '/admin' || url.pathname === '/admin/')
}

test(
  'a reader subscribes on the English page and completes double opt-in through the development outbox',
  async () => {
    await page.goto(`${server.url}/en/privacy`, { waitUntil: 'load' })
    const form = page.getByTestId('subscribe')
    await form.getByLabel('E-mail address').fill(READER)
    await form.getByLabel('Language of e-mails').selectOption('en')
    await form.getByRole('button', { name: 'Subscribe' }).click()
    await page.getByTestId('subscribe-status').locator('p').waitFor({ state: 'visible' })

    await signIn()
    await page.goto(`${server.url}/admin/outbox`, { waitUntil: 'load' })
    const message = page.getByTestId('outbox-message').filter({ hasText: READER }).first()
    await message.waitFor({ state: 'visible' })
    const link = message.locator('pre a[href*="/subscriptions/confirm"]').first()
    const href = await link.getAttribute('href')
    expect(href).toMatch(/\/subscriptions\/confirm\?token=/)
    await screenshot(page, 'record-outbox')
    copyDoc('record-outbox')
    // Follow the link as the reader would, and confirm.
    await page.goto(href!, { waitUntil: 'load' })
    await page.getByRole('button', { name: 'Confirm my subscription' }).click()
    await page.getByText('Your subscription is confirmed.').waitFor({ state: 'visible' })
    const subscribers = await api(`/policy-subscribers?where[status][equals]=confirmed&depth=0`, {
      token: (await api('/users/login', { body: JSON.stringify(DEMO_LOGIN), method: 'POST' })).body
        .token,
    })
    expect(subscribers.body.docs.map((doc: { email: string }) => doc.email)).toContain(READER)
  },
  E2E_TIMEOUTS.test,
)

test(
  'a material change made in Danish only is refused, then published with "the English translation follows"; the English page, banner and notice say so',
  async () => {
    token = (await api('/users/login', { body: JSON.stringify(DEMO_LOGIN), method: 'POST' })).body
      .token
    const found = await api(
      '/policy-documents?where[key][equals]=privacy&draft=true&locale=da&depth=0',
      { token },
    )
    const id = found.body.docs[0].id
    const danish = (await api(`/policy-documents/${id}?locale=da&draft=true&depth=0`, { token }))
      .body
    await api(`/policy-documents/${id}?locale=en&draft=true&depth=0`, {
      body: JSON.stringify({
        release: {
          changeNote:
            'You can also withdraw consent by writing to us (Danish text first; this translation follows).',
        },
      }),
      method: 'PATCH',
      token,
    })
    const sections = danish.sections.map(
      (row: { body: { root: { children: unknown[] } }; key: string }) =>
        row.key === SECTION
          ? {
              ...row,
              body: {
                ...row.body,
                root: {
                  ...row.body.root,
                  children: [
                    ...row.body.root.children,
                    {
                      children: [
                        {
                          detail: 0,
                          format: 0,
                          mode: 'normal',
                          style: '',
                          text: NEW_TEXT.da,
                          type: 'text',
                          version: 1,
                        },
                      ],
                      direction: 'ltr',
                      format: '',
                      indent: 0,
                      textFormat: 0,
                      type: 'paragraph',
                      version: 1,
                    },
                  ],
                },
              },
            }
          : row,
    )
    const release = {
      changeKind: 'material',
      changeNote: 'Du kan nu også trække samtykket tilbage ved at skrive til os.',
      effectiveAt: null,
      justification: 'E2E: a new way to withdraw consent is material.',
      shortNoticeJustification: 'E2E: it only adds a right, so it applies at once.',
    }
    const refused = await api(`/policy-documents/${id}?locale=da&draft=false&depth=0`, {
      body: JSON.stringify({ _status: 'published', release, sections }),
      headers: { 'accept-language': 'en' },
      method: 'PATCH',
      token,
    })
    expect(refused.status).toBe(400)
    expect(refused.body.message).toMatch(
      /^Publishing was refused\. One thing to fix: The Danish text changed in “[^”]+”, but the English text did not/,
    )
    expect(refused.body.errors[0].data.problems).toEqual([
      expect.objectContaining({
        code: 'translation-gap',
        params: expect.objectContaining({ changedIn: ['da'], locale: 'en' }),
      }),
    ])
    const published = await api(`/policy-documents/${id}?locale=da&draft=false&depth=0`, {
      body: JSON.stringify({
        _status: 'published',
        release: {
          ...release,
          translationFollows: [{ locale: 'en', reason: 'E2E: the translator delivers next week.' }],
        },
        sections,
      }),
      method: 'PATCH',
      token,
    })
    expect(published.status).toBe(200)
    const en = (await api('/policies/privacy?locale=en')).body
    expect(en.version).toBe('3.0')
    expect(en.translationNotice).toMatch(
      /^The authoritative Danish text was changed on .* \(version 3\.0\)\. This English translation does not include the change yet; it will follow\.$/,
    )
    expect((await api('/policies/privacy?locale=da')).body.translationNotice).toBeNull()

    // The English page and its banner say so, in English.
    await page.goto(`${server.url}/en/privacy`, { waitUntil: 'load' })
    await page.getByTestId('translation-notice').waitFor({ state: 'visible' })
    expect(await page.getByTestId('translation-notice').textContent()).toBe(en.translationNotice)
    const banner = page.locator('[data-policy-banner]')
    await banner.waitFor({ state: 'visible' })
    expect(await banner.textContent()).toContain(
      'This English translation does not include the change yet; it will follow.',
    )
    await screenshot(page, 'record-english-translation-follows')
    copyDoc('record-english-translation-follows')

    // The notice to the English subscriber says so too (jobs run every 10 s in development).
    await page.goto(`${server.url}/admin/outbox`, { waitUntil: 'load' })
    const deadline = Date.now() + 90_000
    let notice = page
      .getByTestId('outbox-message')
      .filter({ hasText: READER })
      .filter({ hasText: '3.0' })
    while ((await notice.count()) === 0 && Date.now() < deadline) {
      await page.waitForTimeout(3000)
      await page.reload({ waitUntil: 'load' })
      notice = page
        .getByTestId('outbox-message')
        .filter({ hasText: READER })
        .filter({ hasText: '3.0' })
    }
    expect(await notice.first().textContent()).toContain(
      'This English translation does not include the change yet; it will follow.',
    )
  },
  E2E_TIMEOUTS.test,
)

test(
  'the banner reflows within 320 and 375 CSS px, as React component and web component, in both languages, with a visible focus ring',
  async () => {
    const embedPage = `${server.url}/__embed-reflow`
    await page.route(`${embedPage}*`, (route) => {
      const locale = new URL(route.request().url()).searchParams.get('locale') ?? 'en'
      return route.fulfill({
        body: `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Embed</title>
<script type="module" src="/api/policies/embed/banner.js"></script></head>
<body style="margin:0;font-family:system-ui,sans-serif"><policy-banner api="/api" document="privacy" locale="${locale}"></policy-banner>
<main><h1 style="margin:1rem">A site that embeds the banner</h1></main></body></html>`,
        contentType: 'text/html; charset=utf-8',
      })
    })
    for (const width of [320, 375]) {
      await page.setViewportSize({ height: 800, width })
      for (const [url, locale] of [
        [`${server.url}/da/privatlivspolitik`, 'da'],
        [`${server.url}/en/privacy`, 'en'],
        [`${embedPage}?locale=da`, 'da'],
        [`${embedPage}?locale=en`, 'en'],
      ] as const) {
        await page.evaluate(() => localStorage.clear()).catch(() => undefined)
        await page.goto(url, { waitUntil: 'load' })
        const region = page.locator('.policy-banner')
        await region.first().waitFor({ state: 'visible' })
        // Nothing in the banner reaches past the viewport, and the banner itself scrolls nothing sideways.
        const fit = await region.first().evaluate((element) => ({
          overflow: element.scrollWidth - element.clientWidth,
          right: Math.max(
            ...[element, ...element.querySelectorAll('*')].map(
              (node) => node.getBoundingClientRect().right,
            ),
          ),
        }))
        expect({
          locale,
          overflow: fit.overflow,
          tooWide: fit.right > width + 0.5,
          url,
          width,
        }).toEqual({ locale, overflow: 0, tooWide: false, url, width })
        if (width === 320 && locale === 'en' && url.includes('__embed'))
          await screenshot(page, 'record-banner-320-embed')
        if (width === 320 && locale === 'da' && !url.includes('__embed'))
          await screenshot(page, 'record-banner-320-site')
      }
    }
    // Focus ring: at least 3:1 against the banner's background (WCAG 1.4.11).
    await page.setViewportSize({ height: 900, width: 1280 })
    await page.goto(`${server.url}/en/privacy`, { waitUntil: 'load' })
    const dismiss = page.locator('.policy-banner__dismiss').first()
    await dismiss.waitFor({ state: 'visible' })
    await dismiss.focus()
    await page.keyboard.press('Shift+Tab')
    await page.keyboard.press('Tab')
    const colours = await dismiss.evaluate((element) => ({
      background: getComputedStyle(element.closest('.policy-banner')!).backgroundColor,
      outline: getComputedStyle(element).outlineColor,
      style: getComputedStyle(element).outlineStyle,
    }))
    expect(colours.style).not.toBe('none')
    expect(contrast(colours.outline, colours.background)).toBeGreaterThanOrEqual(3)
  },
  E2E_TIMEOUTS.test,
)

test(
  'the release list shows version, kind, status and effective date; the release view is readable and verifies the chain',
  async () => {
    await page.goto(`${server.url}/admin/collections/policy-releases`, { waitUntil: 'load' })
    const cells = page.getByTestId('policy-release-status-cell')
    await cells.first().waitFor({ state: 'visible' })
    const header = (await page.locator('table thead').textContent()) ?? ''
    expect(header).toMatch(/Version.*Kind.*Status.*Effective date/s)
    const statuses = await cells.evaluateAll((elements) =>
      elements.map((element) => element.getAttribute('data-status')),
    )
    expect(statuses).toContain('in-force')
    expect(statuses).toContain('superseded')
    await screenshot(page, 'record-release-list')
    await page.locator('table tbody tr', { hasText: '3.0' }).first().locator('a').first().click()
    const view = page.getByTestId('policy-release-view')
    await view.waitFor({ state: 'visible' })
    await page.getByTestId('policy-release-verify').waitFor({ state: 'visible' })
    expect(await page.getByTestId('policy-release-verify').getAttribute('data-intact')).toBe('true')
    expect(await view.textContent()).toMatch(/Translation follows.*English translation follows/s)
    // No JSON editor (Monaco would load from a CDN).
    expect(await page.locator('.monaco-editor, [data-field-type="json"]').count()).toBe(0)
    await screenshot(page, 'record-release-view')
    copyDoc('record-release-view')
    const violations = await axe(page, ['[data-testid="policy-release-view"]'])
    expect(violations).toEqual([])
  },
  E2E_TIMEOUTS.test,
)

test(
  'the Danish admin names the collections, groups, fields and kinds in Danish',
  async () => {
    await context.addCookies([{ name: 'payload-lng', url: server.url, value: 'da' }])
    // The next test's admin is English even when this one fails.
    try {
      await page.goto(`${server.url}/admin/collections/policy-releases`, { waitUntil: 'load' })
      await page.getByTestId('policy-release-status-cell').first().waitFor({ state: 'visible' })
      const text = (await page.locator('body').textContent()) ?? ''
      expect(text).toMatch(/Politikker/)
      expect(text).toMatch(/Versioner/)
      expect(await page.locator('table thead').textContent()).toMatch(
        /Version.*Type.*Status.*Gælder fra/s,
      )
      expect(await page.getByTestId('policy-release-status-cell').allTextContents()).toContain(
        'Gældende',
      )
      await screenshot(page, 'record-admin-da')
      copyDoc('record-admin-da')
      // Payload renders a field only once it comes within 1000 px of the viewport: tall enough for the panel.
      await page.setViewportSize(ADMIN_VIEWPORT)
      await page.goto(`${server.url}/admin/collections/policy-documents`, { waitUntil: 'load' })
      await page.locator('table tbody tr a').first().click()
      await page.waitForURL(/\/admin\/collections\/policy-documents\/[^/?]+/)
      await page
        .locator('[data-testid="policy-changes"][aria-busy="false"]')
        .waitFor({ state: 'visible' })
      // Section rows are labelled with their heading, not "Afsnit 01".
      const labels = await page.getByTestId('policy-section-label').allTextContents()
      expect(labels.some((label) => /Rettigheder/.test(label))).toBe(true)
      // Payload renders a field only once it comes within 1000 px of the viewport: scroll to the end of "Udgivelse".
      const follows = page.locator('#field-release__translationFollows')
      for (
        const until = Date.now() + E2E_TIMEOUTS.navigation;
        (await follows.count()) === 0 && Date.now() < until;
      ) {
        await page
          .locator('#field-release')
          .evaluate((element) => element.scrollIntoView({ block: 'end' }))
        await page.waitForTimeout(250)
      }
      expect(await follows.textContent()).toMatch(/Oversættelse følger/)
    } finally {
      await context.clearCookies({ name: 'payload-lng' })
    }
  },
  E2E_TIMEOUTS.test,
)

test(
  'axe finds no WCAG A/AA violations on the public pages, the web component and the plugin’s admin panels',
  async () => {
    await page.setViewportSize({ height: 1000, width: 1280 })
    const pages: Array<[string, string[] | undefined]> = [
      [`${server.url}/da/privatlivspolitik`, undefined],
      [`${server.url}/en/privacy`, undefined],
      [`${server.url}/da/privatlivspolitik/sammenlign?from=2.0&to=3.0`, undefined],
      [`${server.url}/__embed-reflow?locale=en`, undefined],
    ]
    for (const [url, include] of pages) {
      await page.evaluate(() => localStorage.clear()).catch(() => undefined)
      await page.goto(url, { waitUntil: 'load' })
      await page.waitForTimeout(500)
      expect({ url, violations: await axe(page, include) }).toEqual({ url, violations: [] })
    }
    // The plugin's panels in the edit view (Payload's own UI is not ours to fix).
    await page.setViewportSize(ADMIN_VIEWPORT)
    await page.goto(`${server.url}/admin/collections/policy-documents`, { waitUntil: 'load' })
    await page.locator('table tbody tr a').first().click()
    await page
      .locator('[data-testid="policy-changes"][aria-busy="false"]')
      .waitFor({ state: 'visible' })
    await page.locator('[data-testid="policy-timeline"]').waitFor({ state: 'visible' })
    // Scanned at rest: while the panel re-fetches, its Refresh button is disabled (an inactive
    // control, which WCAG 1.4.3 exempts from contrast) and axe would flag its greyed label.
    await page.waitForLoadState('networkidle').catch(() => undefined)
    await page
      .locator('[data-testid="policy-changes"][aria-busy="false"]')
      .waitFor({ state: 'visible' })
    const violations = await axe(page, [
      '[data-testid="policy-changes"]',
      '[data-testid="policy-timeline"]',
    ])
    expect(violations).toEqual([])
    expect(pageErrors).toEqual([])
  },
  E2E_TIMEOUTS.test,
)

/** Copies a screenshot from test-results/ to docs/screenshots/ for the README. */
function copyDoc(name: string): void {
  const docs = path.join(repoRoot, 'docs/screenshots')
  mkdirSync(docs, { recursive: true })
  copyFileSync(path.join(resultsDir, `${name}.png`), path.join(docs, `${name}.png`))
}
