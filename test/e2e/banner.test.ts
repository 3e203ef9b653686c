/**
 * Browser tests of the change banner and the subscription form on the demo site.
 *
 * The seeded 2.0 release's banner period is over, so the first test publishes a material 3.0
 * through Payload's REST API as the seeded editor (an English draft first, for its change note and
 * text, then the Danish publish), taking effect at once with a recorded short-notice reason. Then:
 * the Danish page shows the banner (a labelled region) and the new text; the banner's compare link
 * leads to the compare page with the change in <ins>; keyboard dismissal persists across a reload;
 * the <policy-banner> web component served by the plugin does the same on a plain page; and the
 * subscription form posts (double opt-in) and shows the server's confirmation.
 *
 * Screenshots: test-results/banner.png, test-results/compare.png (copied to docs/screenshots/),
 * plus test-results/banner-embed.png and test-results/subscribe.png.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'

import { copyFileSync, mkdirSync } from 'node:fs'
import path from 'node:path'

import { subscriptionDa } from '../../src/i18n/locales/subscription.da.js'
import { subscriptionEn } from '../../src/i18n/locales/subscription.en.js'
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

const NEW_TEXT = {
  da: 'Du kan nu trække dit samtykke tilbage med ét klik fra din profilside.',
  en: 'You can now withdraw your consent with one click from your profile page.',
}
const CHANGE_NOTE = {
  da: 'Nyt afsnit om at trække samtykke tilbage fra profilsiden.',
  en: 'New paragraph on withdrawing consent from the profile page.',
}
/** The section the new paragraph goes into. */
const SECTION = 'rights'
const STORAGE_KEY = 'policy-banner:privacy'

let server: E2eServer
let browser: Browser
let context: BrowserContext
let page: Page
let pageErrors: string[]
/** The Danish banner as the API answers it after 3.0 is published. */
let bannerDa: {
  ariaLabel: string
  dismissLabel: string
  links: Record<string, { href: string; label: string }>
  message: string
  version: string
}

beforeAll(async () => {
  mkdirSync(resultsDir, { recursive: true })
  server = await startE2eServer()
  browser = await launchBrowser()
}, E2E_TIMEOUTS.start)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
}, 60_000)

beforeEach(async () => {
  context = await browser.newContext({
    locale: 'da-DK',
    reducedMotion: 'reduce',
    viewport: { height: 900, width: 1280 },
  })
  page = await context.newPage()
  page.setDefaultTimeout(E2E_TIMEOUTS.navigation)
  page.setDefaultNavigationTimeout(E2E_TIMEOUTS.navigation)
  pageErrors = []
  page.on('pageerror', (error) => pageErrors.push(error.message))
})

afterEach(async () => {
  await context?.close()
})

// ─── REST helpers ───────────────────────────────────────────────────────────────────────────────

async function api(
  pathAndQuery: string,
  init: RequestInit & { token?: string } = {},
): Promise<any> {
  const { token, ...rest } = init
  const response = await fetch(`${server.url}/api${pathAndQuery}`, {
    ...rest,
    headers: {
      accept: 'application/json',
      ...(rest.body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `JWT ${token}` } : {}),
      ...(rest.headers as Record<string, string> | undefined),
    },
  })
  const text = await response.text()
  if (!response.ok) {
    throw new Error(
      `${rest.method ?? 'GET'} /api${pathAndQuery} answered ${response.status}: ${text.slice(0, 2000)}`,
    )
  }
  return text ? JSON.parse(text) : undefined
}

type LexicalNode = { children?: LexicalNode[]; type: string; [key: string]: unknown }
type SectionRow = {
  body: { root: LexicalNode }
  heading: string
  id: string
  key: string
  kind: string
}

/** A Lexical paragraph with one plain text node, in the shape Payload's editor writes. */
const paragraph = (text: string): LexicalNode => ({
  type: 'paragraph',
  children: [{ type: 'text', detail: 0, format: 0, mode: 'normal', style: '', text, version: 1 }],
  direction: 'ltr',
  format: '',
  indent: 0,
  textFormat: 0,
  textStyle: '',
  version: 1,
})

/** The document's sections with one paragraph appended to the body of SECTION. */
function withNewParagraph(sections: SectionRow[], text: string): SectionRow[] {
  expect(sections.some((row) => row.key === SECTION)).toBe(true)
  return sections.map((row) =>
    row.key === SECTION
      ? {
          ...row,
          body: {
            ...row.body,
            root: {
              ...row.body.root,
              children: [...(row.body.root.children ?? []), paragraph(text)],
            },
          },
        }
      : row,
  )
}

/** Waits for the banner endpoint's answer to the page's own request and returns its JSON. */
const bannerResponse = (target: Page) =>
  target.waitForResponse(
    (response) =>
      /\/api\/policies\/privacy\/banner\?/.test(response.url()) &&
      response.request().method() === 'GET',
  )

/** Moves focus with Tab until it is on the element `isTarget` accepts (at most `max` presses). */
async function tabTo(target: Page, isTarget: () => Promise<boolean>, max = 12): Promise<number> {
  for (let presses = 1; presses <= max; presses++) {
    await target.keyboard.press('Tab')
    if (await isTarget()) return presses
  }
  throw new Error(`Focus did not reach the target within ${max} Tab presses.`)
}

function copyToDocs(file: string, name: string): void {
  const docs = path.join(repoRoot, 'docs/screenshots')
  mkdirSync(docs, { recursive: true })
  copyFileSync(file, path.join(docs, name))
}

// ─── Tests ──────────────────────────────────────────────────────────────────────────────────────

test(
  'the editor publishes a material release 3.0 through the REST API, and the banner API announces it',
  async () => {
    const started = Date.now()
    const { token } = await api('/users/login', {
      body: JSON.stringify(DEMO_LOGIN),
      method: 'POST',
    })
    expect(typeof token).toBe('string')

    const found = await api(
      '/policy-documents?where[key][equals]=privacy&draft=true&locale=da&depth=0',
      { token },
    )
    const id = found.docs[0]?.id
    expect(id).toBeDefined()
    const english = await api(`/policy-documents/${id}?locale=en&draft=true&depth=0`, { token })
    const danish = await api(`/policy-documents/${id}?locale=da&draft=true&depth=0`, { token })

    const release = {
      changeKind: 'material',
      // Every value below is new: settings a previous publish already saw are never reused.
      effectiveAt: null,
      justification: `E2E ${started}: a new way to withdraw consent is a material change.`,
      shortNoticeJustification: `E2E ${started}: the new withdrawal option only adds a right, so it applies at once.`,
    }
    // English first, as a draft: its change note and its text go out with the Danish publish.
    await api(`/policy-documents/${id}?locale=en&draft=true&depth=0`, {
      body: JSON.stringify({
        release: { ...release, changeNote: CHANGE_NOTE.en },
        sections: withNewParagraph(english.sections, NEW_TEXT.en),
      }),
      method: 'PATCH',
      token,
    })
    await api(`/policy-documents/${id}?locale=da&draft=false&depth=0`, {
      body: JSON.stringify({
        _status: 'published',
        release: { ...release, changeNote: CHANGE_NOTE.da },
        sections: withNewParagraph(danish.sections, NEW_TEXT.da),
      }),
      method: 'PATCH',
      token,
    })

    // The public API: 3.0 is in force, in both languages, with its change notes.
    const da = await api('/policies/privacy?locale=da')
    expect(da).toMatchObject({
      changeNote: CHANGE_NOTE.da,
      kind: 'material',
      previousVersion: '2.0',
      version: '3.0',
    })
    expect(da.html).toContain(NEW_TEXT.da)
    const en = await api('/policies/privacy?locale=en')
    expect(en).toMatchObject({ changeNote: CHANGE_NOTE.en, version: '3.0' })
    expect(en.html).toContain(NEW_TEXT.en)

    bannerDa = await api('/policies/privacy/banner?locale=da&seen=2.0')
    expect(bannerDa).toMatchObject({ phase: 'in-effect', show: true, version: '3.0' })
    expect(bannerDa.links.compare?.href).toContain('from=2.0&to=3.0')
    expect(await api('/policies/privacy/banner?locale=da&seen=3.0')).toMatchObject({
      reason: 'seen',
      show: false,
    })
  },
  E2E_TIMEOUTS.test,
)

test(
  'the Danish page shows the banner (a labelled region with links and a close button) and the new text',
  async () => {
    expect(bannerDa).toBeDefined()
    const answer = bannerResponse(page)
    const response = await page.goto(`${server.url}/da/privatlivspolitik`, { waitUntil: 'load' })
    expect(response?.status()).toBe(200)
    // A first visit sends no `seen`.
    expect(new URL((await answer).url()).searchParams.get('seen')).toBeNull()

    const region = page.getByRole('region', { name: bannerDa.ariaLabel })
    await region.waitFor({ state: 'visible' })
    expect(await region.getAttribute('data-version')).toBe('3.0')
    expect(await region.getAttribute('lang')).toBe('da')
    expect(((await region.locator('p').textContent()) ?? '').trim()).toBe(bannerDa.message)
    expect(bannerDa.message).toContain('3.0')
    const statement = region.getByRole('link', { name: bannerDa.links.statement!.label })
    expect(await statement.getAttribute('href')).toBe(bannerDa.links.statement!.href)
    const compare = region.getByRole('link', { name: bannerDa.links.compare!.label })
    expect(await compare.getAttribute('href')).toBe(bannerDa.links.compare!.href)
    expect(await region.getByRole('button', { name: bannerDa.dismissLabel }).count()).toBe(1)
    // The banner comes before the site header, at the top of the page.
    expect(
      await page.evaluate(() => {
        const banner = document.querySelector('[data-policy-banner]')
        const header = document.querySelector('.site-header')
        return Boolean(
          banner &&
          header &&
          banner.compareDocumentPosition(header) & Node.DOCUMENT_POSITION_FOLLOWING,
        )
      }),
    ).toBe(true)

    // The statement in force is 3.0 with the new paragraph.
    expect(
      ((await page.locator('[data-testid="release-version"]').first().textContent()) ?? '').trim(),
    ).toBe('3.0')
    expect(await page.locator('[data-testid="policy-html"]').textContent()).toContain(NEW_TEXT.da)
    expect(await page.locator('.change-note').textContent()).toContain(CHANGE_NOTE.da)

    await page.screenshot({ fullPage: false, path: path.join(resultsDir, 'banner.png') })
    copyToDocs(path.join(resultsDir, 'banner.png'), 'banner.png')
    expect(pageErrors).toEqual([])
  },
  E2E_TIMEOUTS.test,
)

test(
  "the banner's compare link leads to the compare page, which shows the change (2.0 → 3.0)",
  async () => {
    await page.goto(`${server.url}/da/privatlivspolitik`, { waitUntil: 'load' })
    const region = page.getByRole('region', { name: bannerDa.ariaLabel })
    await region.getByRole('link', { name: bannerDa.links.compare!.label }).click()
    // The plugin's default compare URL redirects to the localized page.
    await page.waitForURL((url) => url.pathname === '/da/privatlivspolitik/sammenlign')
    const url = new URL(page.url())
    expect(url.searchParams.get('from')).toBe('2.0')
    expect(url.searchParams.get('to')).toBe('3.0')

    expect(await page.locator('select[name="from"]').inputValue()).toBe('2.0')
    expect(await page.locator('select[name="to"]').inputValue()).toBe('3.0')
    const diff = page.locator('[data-testid="diff-html"]')
    await diff.waitFor({ state: 'visible' })
    const inserted = (await diff.locator('ins').allTextContents()).join(' ').replace(/\s+/g, ' ')
    expect(inserted).toContain('samtykke tilbage med ét klik')
    // Nothing was removed, and the unchanged sections are folded.
    expect(await diff.locator('del').count()).toBe(0)
    expect(await diff.locator('details').count()).toBeGreaterThan(0)

    const file = await screenshot(page, 'compare')
    copyToDocs(file, 'compare.png')
    expect(pageErrors).toEqual([])
  },
  E2E_TIMEOUTS.test,
)

test(
  'the banner is dismissed with the keyboard (Tab to the close button, Enter) and stays hidden after a reload',
  async () => {
    await page.goto(`${server.url}/da/privatlivspolitik`, { waitUntil: 'load' })
    const region = page.getByRole('region', { name: bannerDa.ariaLabel })
    await region.waitFor({ state: 'visible' })
    const close = region.getByRole('button', { name: bannerDa.dismissLabel })

    // Focus order: skip link, the banner's two links, then its close button.
    const presses = await tabTo(page, () =>
      close.evaluate((button) => button === document.activeElement),
    )
    expect(presses).toBe(4)
    await page.keyboard.press('Enter')
    await region.waitFor({ state: 'detached' })
    // Focus moves to the main content, not to nowhere.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main')
    expect(await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY)).toBe('3.0')

    const answer = bannerResponse(page)
    await page.reload({ waitUntil: 'load' })
    const reloaded = await answer
    expect(new URL(reloaded.url()).searchParams.get('seen')).toBe('3.0')
    expect(await reloaded.json()).toMatchObject({ reason: 'seen', show: false })
    // Give React a moment after the answer; the banner must still not be there.
    await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined)
    expect(await page.getByRole('region', { name: bannerDa.ariaLabel }).count()).toBe(0)
    expect(await page.locator('[data-policy-banner]').count()).toBe(0)
    // The page itself is unaffected.
    expect(await page.locator('[data-testid="policy-html"]').textContent()).toContain(NEW_TEXT.da)

    // The same visitor in English: the dismissal is per version, not per language.
    await page.goto(`${server.url}/en/privacy`, { waitUntil: 'load' })
    await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined)
    expect(await page.locator('[data-policy-banner]').count()).toBe(0)
    expect(pageErrors).toEqual([])
  },
  E2E_TIMEOUTS.test,
)

test(
  'the <policy-banner> web component served by the plugin shows the banner, closes on Escape and remembers it',
  async () => {
    // The embed script as the plugin serves it.
    const script = await fetch(`${server.url}/api/policies/embed/banner.js`)
    expect(script.status).toBe(200)
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/)
    expect(script.headers.get('cache-control')).toMatch(/max-age=\d{5,}/)
    expect(script.headers.get('access-control-allow-origin')).toBe('*')
    const etag = script.headers.get('etag')
    expect(etag).toBeTruthy()
    expect(await script.text()).toContain("customElements.define('policy-banner'")
    const again = await fetch(`${server.url}/api/policies/embed/banner.js`, {
      headers: { 'If-None-Match': etag! },
    })
    expect(again.status).toBe(304)

    // A plain HTML page on the site's origin that embeds it, as a third-party site would.
    const embedPage = `${server.url}/__embed-test`
    await page.route(embedPage, (route) =>
      route.fulfill({
        body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Embed test</title>
<script type="module" src="/api/policies/embed/banner.js"></script></head>
<body style="margin:0;font-family:system-ui,sans-serif">
<policy-banner api="/api" document="privacy" locale="en"></policy-banner>
<main id="main"><h1 style="margin:1rem 1.25rem">A site that embeds the banner</h1></main>
</body></html>`,
        contentType: 'text/html; charset=utf-8',
      }),
    )
    const english = await api('/policies/privacy/banner?locale=en')
    expect(english).toMatchObject({ show: true, version: '3.0' })
    await page.goto(embedPage, { waitUntil: 'load' })
    const region = page.getByRole('region', { name: english.ariaLabel })
    await region.waitFor({ state: 'visible' })
    expect(((await region.locator('p').textContent()) ?? '').trim()).toBe(english.message)
    expect(
      await region.getByRole('link', { name: english.links.compare.label }).getAttribute('href'),
    ).toBe(english.links.compare.href)
    await page.screenshot({
      clip: { height: 220, width: 1280, x: 0, y: 0 },
      path: path.join(resultsDir, 'banner-embed.png'),
    })

    // Escape while focus is inside closes it; focus goes to <main>.
    await region.getByRole('link', { name: english.links.statement.label }).focus()
    await page.keyboard.press('Escape')
    await region.waitFor({ state: 'detached' })
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main')
    expect(await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY)).toBe('3.0')
    expect(await page.evaluate(() => document.querySelector('policy-banner')?.hidden)).toBe(true)

    const answer = bannerResponse(page)
    await page.reload({ waitUntil: 'load' })
    expect(new URL((await answer).url()).searchParams.get('seen')).toBe('3.0')
    await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined)
    expect(await page.getByRole('region').count()).toBe(0)

    // Created from script too (the constructor sets no attributes), e.g. for another visitor.
    await page.evaluate((key) => {
      localStorage.removeItem(key)
      const element = document.createElement('policy-banner')
      element.setAttribute('api', '/api')
      element.setAttribute('document', 'privacy')
      element.setAttribute('locale', 'da')
      document.body.prepend(element)
    }, STORAGE_KEY)
    await page.getByRole('region', { name: bannerDa.ariaLabel }).waitFor({ state: 'visible' })
    expect(pageErrors).toEqual([])
  },
  E2E_TIMEOUTS.test,
)

test(
  'the subscription form posts to the subscribe endpoint (double opt-in) and shows the confirmation message',
  async () => {
    await page.goto(`${server.url}/en/privacy`, { waitUntil: 'load' })
    const form = page.getByTestId('subscribe')
    await form.scrollIntoViewIfNeeded()
    const email = `reader-${Date.now()}@example.com`
    await form.getByLabel('E-mail address').fill(email)
    // English page, Danish e-mails: the answer comes in the chosen language.
    await form.getByLabel('Language of e-mails').selectOption('da')
    const posted = page.waitForResponse(
      (response) =>
        response.url().endsWith('/api/policies/subscriptions') &&
        response.request().method() === 'POST',
    )
    await form.getByRole('button', { name: 'Subscribe' }).click()
    const response = await posted
    expect(response.status()).toBe(202)
    expect(JSON.parse(response.request().postData() ?? '{}')).toEqual({
      documents: ['privacy'],
      email,
      locale: 'da',
    })

    const status = page.getByTestId('subscribe-status')
    await status.getByText(subscriptionDa.accepted).waitFor({ state: 'visible' })
    expect(subscriptionDa.accepted).not.toBe(subscriptionEn.accepted)
    expect(await page.getByTestId('subscribe-error').textContent()).toBe('')
    // The form is cleared for the next address.
    expect(await form.getByLabel('E-mail address').inputValue()).toBe('')

    // Without SMTP the dev server keeps the confirmation e-mail in its outbox (/admin/outbox) and logs that.
    const deadline = Date.now() + 15_000
    while (!server.logs().includes(`to ${email}: see /admin/outbox`) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
    if (!process.env.E2E_BASE_URL) expect(server.logs()).toContain(`to ${email}: see /admin/outbox`)
    await form.screenshot({ path: path.join(resultsDir, 'subscribe.png') })
    expect(pageErrors).toEqual([])
  },
  E2E_TIMEOUTS.test,
)

test(
  'XSS payloads published in a heading, a body and the change notes stay inert on the statement, compare page and banner',
  async () => {
    const payloads = [
      '<img src=x onerror="window.__xss=1;alert(1)">',
      '<script>window.__xss=1;alert(1)</script>',
      '"><svg/onload="window.__xss=1;alert(1)">',
      "' onmouseover='window.__xss=1' x='",
      'javascript:window.__xss=1',
    ]
    const { token } = await api('/users/login', {
      body: JSON.stringify(DEMO_LOGIN),
      method: 'POST',
    })
    const found = await api(
      '/policy-documents?where[key][equals]=privacy&draft=true&locale=da&depth=0',
      { token },
    )
    const id = found.docs[0]!.id
    const stamp = Date.now()
    const release = {
      changeKind: 'material',
      effectiveAt: null,
      justification: `E2E XSS ${stamp}`,
      shortNoticeJustification: `E2E XSS ${stamp}: at once`,
    }
    for (const [locale, draft] of [
      ['en', true],
      ['da', false],
    ] as const) {
      const current = await api(`/policy-documents/${id}?locale=${locale}&draft=true&depth=0`, {
        token,
      })
      const saved = await api(`/policy-documents/${id}?locale=${locale}&draft=${draft}&depth=0`, {
        body: JSON.stringify({
          ...(draft ? {} : { _status: 'published' }),
          release: { ...release, changeNote: payloads.join(' ') },
          sections: (current.sections as SectionRow[]).map((row) =>
            row.key === SECTION
              ? {
                  ...withNewParagraph([row], payloads.join(' '))[0],
                  heading: `${row.heading} ${payloads[0]}`,
                }
              : row,
          ),
        }),
        method: 'PATCH',
        token,
      })
      // The publish went through (a refusal would leave nothing to look for on the pages).
      expect(saved.errors).toBeUndefined()
    }
    const dialogs: string[] = []
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message())
      void dialog.dismiss()
    })
    await context.clearCookies()
    await page.addInitScript(() => localStorage.clear())
    for (const url of [
      '/da/privatlivspolitik',
      '/en/privacy',
      '/da/privatlivspolitik/sammenlign?from=3.0&to=4.0',
    ]) {
      await page.goto(`${server.url}${url}`, { waitUntil: 'load' })
      await page.waitForTimeout(500)
      // The payloads are on the page, as text.
      expect(await page.locator('body').innerText()).toContain('<img src=x onerror=')
      await page.mouse.move(200, 300)
      expect([
        url,
        await page.evaluate(() => (window as { __xss?: number }).__xss ?? null),
      ]).toEqual([url, null])
    }
    expect(dialogs).toEqual([])
    expect(pageErrors).toEqual([])
  },
  E2E_TIMEOUTS.test,
)
