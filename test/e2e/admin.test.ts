/**
 * Browser tests of the admin's policy components: the changes panel (diff per locale, proposal,
 * decision, version, notification, banner) and the release timeline, walked as an editor would:
 * sign in, change a section in the Lexical editor, save a draft, read the diff and the material
 * proposal, write the change notes, publish, and find 3.0 in force and on the timeline.
 *
 * One dev server (fresh seeded SQLite) and one browser page for the whole file: the tests are the
 * steps of one editing session and run in order. Screenshots: test-results/admin-*.png, and the
 * diff panel is also copied to docs/screenshots/admin-diff-panel.png for the README.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'

import { copyFileSync, mkdirSync } from 'node:fs'
import path from 'node:path'

import { signInToAdmin } from '../helpers/adminSignIn.js'
import {
  E2E_TIMEOUTS,
  type E2eServer,
  launchBrowser,
  repoRoot,
  resultsDir,
  screenshot,
  startE2eServer,
} from '../helpers/e2eServer.js'

const HEADING = 'Hvilke personoplysninger behandler vi?'
const NEW_ITEM = 'Fødselsdato og køn'

let server: E2eServer
let browser: Browser
let context: BrowserContext
let page: Page
/** Uncaught errors in the admin (hydration errors included): there must be none. */
const pageErrors: string[] = []
/** The edit view of the seeded privacy statement, found in the first test. */
let documentPath = ''
/** Wall-clock time of each step, printed at the end. */
const timings: Array<[string, number]> = []

beforeAll(async () => {
  const started = Date.now()
  server = await startE2eServer()
  browser = await launchBrowser()
  // Tall enough that the whole changes panel fits on screen for its screenshot.
  context = await browser.newContext({ locale: 'en-US', viewport: { height: 2200, width: 1400 } })
  page = await context.newPage()
  page.setDefaultTimeout(E2E_TIMEOUTS.navigation)
  page.setDefaultNavigationTimeout(E2E_TIMEOUTS.navigation)
  page.on('pageerror', (error) => pageErrors.push(error.message))
  timings.push(['server start', Date.now() - started])
}, E2E_TIMEOUTS.start)

afterAll(async () => {
  if (timings.length > 0) {
    console.log(
      `admin e2e timings:\n${timings.map(([step, ms]) => `  ${step}: ${(ms / 1000).toFixed(1)} s`).join('\n')}`,
    )
  }
  await context?.close()
  await browser?.close()
  await server?.stop()
}, 60_000)

/** Runs one step and records how long it took. */
async function timed<T>(step: string, run: () => Promise<T>): Promise<T> {
  const started = Date.now()
  try {
    return await run()
  } finally {
    timings.push([step, Date.now() - started])
  }
}

const panel = () => page.locator('[data-testid="policy-changes"]')
const timeline = () => page.locator('[data-testid="policy-timeline"]')

/**
 * Saves a screenshot of one of the components to test-results/<name>.png, once it has finished
 * loading (`aria-busy="false"`), with the page scrolled to the top so the sticky header covers nothing.
 */
async function shoot(testId: 'policy-changes' | 'policy-timeline', name: string): Promise<string> {
  mkdirSync(resultsDir, { recursive: true })
  const file = path.join(resultsDir, `${name}.png`)
  const settled = page.locator(`[data-testid="${testId}"][aria-busy="false"]`)
  await settled.waitFor({ state: 'visible' })
  await page.evaluate(() => window.scrollTo(0, 0))
  await settled.screenshot({ path: file })
  return file
}

/** Opens the edit view and waits until the panel has loaded its preview (which also means the page is hydrated). */
async function openDocument(query = ''): Promise<void> {
  await page.goto(`${server.url}${documentPath}${query}`, { waitUntil: 'load' })
  await page.locator('[data-testid="policy-preview"]').waitFor({ state: 'visible' })
}

/** Saves the draft and waits until the form is no longer modified and the panel has re-fetched. */
async function saveDraft(): Promise<void> {
  const previewAnswered = page.waitForResponse(
    (response) =>
      response.url().includes('/api/policies/privacy/preview') &&
      response.request().method() === 'GET',
  )
  await page.locator('#action-save-draft').click()
  await previewAnswered
  // The "unsaved changes" note, not any status: the checks' summary is a status too.
  await panel().locator('[data-testid="policy-unsaved"]').waitFor({ state: 'detached' })
}

/** The text of Payload's toasts, for failure messages. */
const toasts = async () =>
  (await page.locator('.payload-toast-item, [data-sonner-toast]').allTextContents()).join(' | ')

test(
  'an editor signs in and opens the privacy statement: nothing has changed since 2.0',
  async () => {
    await timed('sign in', () => signInToAdmin(page, server.url))

    await timed('open the document', async () => {
      await page.goto(`${server.url}/admin/collections/policy-documents`, { waitUntil: 'load' })
      await page.locator('table tbody tr a').first().click()
      await page.waitForURL(/\/admin\/collections\/policy-documents\/[^/?]+/)
      documentPath = new URL(page.url()).pathname
      await page.locator('[data-testid="policy-preview"]').waitFor({ state: 'visible' })
    })

    expect(await panel().locator('h2').first().textContent()).toBe('Changes since the last release')
    expect(await page.locator('[data-testid="policy-no-changes"]').textContent()).toContain(
      'No changes since release 2.0',
    )
    // The timeline lists the seeded history, newest first, with 2.0 in force.
    await timeline().locator('li[data-version="2.0"]').waitFor()
    expect(
      await timeline()
        .locator('li')
        .evaluateAll((items) => items.map((item) => item.getAttribute('data-version'))),
    ).toEqual(['2.0', '1.1', '1.0'])
    expect(await timeline().locator('li[data-version="2.0"]').textContent()).toMatch(
      /Material.*In force/,
    )
  },
  E2E_TIMEOUTS.test,
)

test(
  'the editor adds a bullet in the Lexical editor, saves a draft, and sees the inserted words and a material proposal with its reason',
  async () => {
    await timed('edit a section', async () => {
      const rows = page.locator('[id^="sections-row-"]')
      // Rows are labelled "Section 01" etc.; find the one whose (hidden) heading input holds the heading.
      const index = await rows.evaluateAll(
        (elements, heading) =>
          elements.findIndex(
            (row) =>
              row.querySelector<HTMLInputElement>('input[name$=".heading"]')?.value === heading,
          ),
        HEADING,
      )
      expect(index).toBeGreaterThanOrEqual(0)
      const row = rows.nth(index)
      await row.locator('button.collapsible__toggle').first().click()
      const editor = row.locator('[contenteditable="true"]').first()
      await editor.waitFor({ state: 'visible' })
      await editor.locator('li', { hasText: 'Firmanavn' }).first().click()
      await page.keyboard.press('End')
      await page.keyboard.press('Enter')
      await page.keyboard.type(NEW_ITEM)
      expect(await editor.locator('li').allTextContents()).toContain(NEW_ITEM)
      // Unsaved: the panel says it still shows the saved draft.
      await panel().locator('[data-testid="policy-unsaved"]').waitFor({ state: 'visible' })
    })

    await timed('save draft and refresh the panel', async () => {
      await saveDraft()
      await panel()
        .locator('[data-testid="policy-diff"] ins', { hasText: 'Fødselsdato' })
        .first()
        .waitFor({ state: 'visible' })
    })

    // The diff of the Danish text: the new bullet is marked as inserted, nothing deleted.
    const diff = panel().locator('[data-testid="policy-diff"]')
    expect(await diff.getAttribute('data-locale')).toBe('da')
    expect((await diff.locator('ins').allTextContents()).join(' ')).toContain(NEW_ITEM)
    expect(await diff.locator('del').count()).toBe(0)
    expect(await panel().locator('button[role="tab"][data-locale="da"]').textContent()).toContain(
      'changed',
    )
    expect(await panel().locator('button[role="tab"][data-locale="en"]').textContent()).toContain(
      'no changes',
    )
    // Unchanged sections stay folded.
    expect(await diff.locator('details').count()).toBeGreaterThan(0)
    expect(await diff.locator('details[open]').count()).toBe(0)

    // The proposal, its reason, and what the current decision leads to.
    expect(await panel().locator('[data-testid="policy-proposal"]').getAttribute('data-kind')).toBe(
      'material',
    )
    const reasons = await panel().locator('[data-testid="policy-reasons"] li').allTextContents()
    expect(reasons.join('\n')).toContain(NEW_ITEM)
    expect(
      await panel().locator('[data-testid="policy-version"]').getAttribute('data-version'),
    ).toBe('3.0')
    expect(await panel().locator('[data-testid="policy-banner"]').textContent()).toMatch(
      /30 days after it takes effect/,
    )
    // At once is short notice for a material change: the panel says the publish would be refused.
    expect(await panel().locator('[data-check="short-notice"]').count()).toBe(1)
    await page.evaluate(() => window.scrollTo(0, 0))
    await screenshot(page, 'admin-edit-view-draft')
  },
  E2E_TIMEOUTS.test,
)

test(
  'overriding the proposal asks for a justification and shows the resulting version',
  async () => {
    const decision = panel().locator('[data-testid="policy-decision"]')
    const checks = panel().locator('[data-testid="policy-checks"]')
    // Payload's select is a react-select: open it by its control.
    const changeKind = page.locator('#field-release__changeKind .rs__control')
    await changeKind.click()
    await page.locator('.rs__option', { hasText: /^Minor$/ }).click()
    await page.locator('#field-release__justification').fill('')
    // The panel runs the server's own rules on the form: the missing justification shows at once.
    await checks.locator('[data-check="missing-justification"]').waitFor({ state: 'visible' })
    expect(await checks.locator('[data-check="missing-justification"]').textContent()).toMatch(
      /Write a “Justification” under “Release”/,
    )
    expect(await decision.getAttribute('data-overriding')).toBe('true')
    expect(await decision.textContent()).toMatch(/Override: Minor/)
    expect(
      await panel().locator('[data-testid="policy-version"]').getAttribute('data-version'),
    ).toBe('2.1')
    expect(await panel().locator('[data-testid="policy-banner"]').textContent()).toContain(
      'No banner',
    )

    // Back to the proposal: no justification needed, 3.0 again.
    await changeKind.click()
    await page.locator('.rs__option', { hasText: 'Use the proposal' }).click()
    await checks.locator('[data-check="missing-justification"]').waitFor({ state: 'detached' })
    expect(
      await panel().locator('[data-testid="policy-version"]').getAttribute('data-version'),
    ).toBe('3.0')
  },
  E2E_TIMEOUTS.test,
)

test(
  'a material change made in Danish only is refused in one readable toast; every failing rule shows at once in the panel',
  async () => {
    const checks = panel().locator('[data-testid="policy-checks"]')
    // Every rule that fails, at once: notice period, both change notes, and the English translation.
    expect(
      (
        await checks
          .locator('li')
          .evaluateAll((items) => items.map((item) => item.getAttribute('data-check')))
      ).sort(),
    ).toEqual(['missing-change-note', 'missing-change-note', 'short-notice', 'translation-gap'])
    expect(await checks.locator('[data-check="translation-gap"]').textContent()).toMatch(
      /The Danish text changed in “Hvilke personoplysninger behandler vi\?”, but the English text did not/,
    )
    // The message speaks of what the editor typed (nothing: "on publication"), never raw ISO dates.
    expect(await checks.textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}T/)

    await timed('write the Danish change note', async () => {
      await page
        .locator('#field-release__changeNote')
        .fill('Vi behandler nu også fødselsdato og køn.')
      await page
        .locator('#field-release__shortNoticeJustification')
        .fill('E2E test: the change takes effect at once.')
      // The panel reads the form live: the short-notice problem is gone before saving.
      await checks.locator('[data-check="short-notice"]').waitFor({ state: 'detached' })
      await saveDraft()
    })

    const shot = await shoot('policy-changes', 'admin-diff-panel')
    const docs = path.join(repoRoot, 'docs/screenshots')
    mkdirSync(docs, { recursive: true })
    copyFileSync(shot, path.join(docs, 'admin-diff-panel.png'))

    await timed('write the English change note', async () => {
      await openDocument('?locale=en')
      await page
        .locator('#field-release__changeNote')
        .fill('We now also process date of birth and gender.')
      await checks.locator('[data-check="missing-change-note"]').waitFor({ state: 'detached' })
    })

    await timed('publish, refused', async () => {
      await page.locator('#action-save').click()
      const toast = page.locator('[data-sonner-toast]', { hasText: 'Publishing was refused' })
      await toast.waitFor({ state: 'visible' })
      // One toast, the whole sentence, not cut at its commas into a list.
      expect(await toast.count()).toBe(1)
      expect(
        await toast.locator('[data-testid="field-errors"], [data-testid="field-error"]').count(),
      ).toBe(0)
      expect(await toast.textContent()).toMatch(
        /Publishing was refused\. One thing to fix: The Danish text changed in “Hvilke personoplysninger behandler vi\?”, but the English text did not, .*“Translation follows”/,
      )
      await screenshot(page, 'admin-publish-refused-toast')
    })
    const current = (await (
      await fetch(`${server.url}/api/policies/privacy?locale=da`, { cache: 'no-store' })
    ).json()) as { version?: string }
    expect(current.version).toBe('2.0')
  },
  E2E_TIMEOUTS.test,
)

test(
  'with a "translation follows" declaration for English the editor publishes 3.0; it is in force and on the timeline',
  async () => {
    await timed('declare that the English translation follows', async () => {
      const field = page.locator('#field-release__translationFollows')
      await field.locator('.array-field__add-row').first().click()
      await page.locator('#field-release__translationFollows__0__locale .rs__control').click()
      await page.locator('.rs__option', { hasText: /^English$/ }).click()
      await page
        .locator('#field-release__translationFollows__0__reason')
        .fill('The translator delivers the English text next week.')
      await panel()
        .locator('[data-testid="policy-translation-follows"][data-locale="en"]')
        .waitFor({ state: 'visible' })
      await panel()
        .locator('[data-testid="policy-checks"] li')
        .first()
        .waitFor({ state: 'detached' })
    })

    await timed('publish', async () => {
      await page.locator('#action-save').click()
      // The public API answers 3.0 once the release exists (the publishing process clears its cache).
      const deadline = Date.now() + 60_000
      let current: { version?: string } = {}
      while (Date.now() < deadline) {
        const response = await fetch(`${server.url}/api/policies/privacy?locale=da`, {
          cache: 'no-store',
        })
        current = (await response.json()) as { version?: string }
        if (current.version === '3.0') break
        await page.waitForTimeout(1000)
      }
      if (current.version !== '3.0') {
        throw new Error(
          `3.0 was not published (in force: ${current.version}); toasts: ${await toasts()}`,
        )
      }
    })

    const statement = (await (
      await fetch(`${server.url}/api/policies/privacy?locale=da`)
    ).json()) as {
      html: string
      kind: string
      version: string
    }
    expect(statement.version).toBe('3.0')
    expect(statement.kind).toBe('material')
    expect(statement.html).toContain(NEW_ITEM)

    await timed('timeline and panel after publishing', async () => {
      const release = timeline().locator('li[data-version="3.0"]')
      await release.waitFor({ state: 'visible' })
      expect(await release.textContent()).toMatch(/Material.*In force/)
      // The English change note, since the admin shows the English locale now.
      expect(await release.textContent()).toContain('We now also process date of birth and gender.')
      await page.locator('[data-testid="policy-no-changes"]').waitFor({ state: 'visible' })
      expect(await page.locator('[data-testid="policy-no-changes"]').textContent()).toContain(
        'release 3.0',
      )
    })
    await shoot('policy-timeline', 'admin-release-timeline')
    expect(pageErrors).toEqual([])
  },
  E2E_TIMEOUTS.test,
)

test(
  'the second publish starts from empty settings: nothing stale from 3.0 is shown as a decision',
  async () => {
    // The form after publishing: the settings of 3.0 are gone (the release keeps them).
    await openDocument('?locale=en')
    expect(await page.locator('#field-release__changeNote').inputValue()).toBe('')
    expect(await page.locator('#field-release__shortNoticeJustification').inputValue()).toBe('')
    expect(
      await page
        .locator(
          '#field-release__translationFollows .array-field__row, #field-release__translationFollows [id^="release.translationFollows-row-"]',
        )
        .count(),
    ).toBe(0)
    // A small edit for the next release: the Danish note typed for 3.0 (another locale, which a
    // publish cannot clear) is named as "from release 3.0, will not be reused", not taken as new.
    const title = await page.locator('#field-title').inputValue()
    await page.locator('#field-title').fill(`${title} (updated)`)
    await saveDraft()
    const leftovers = panel().locator('[data-testid="policy-leftovers"]')
    await leftovers.waitFor({ state: 'visible' })
    expect(await leftovers.textContent()).toMatch(
      /From release 3\.0, will not be reused.*The change note in Danish/,
    )
    const text = await panel().textContent()
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/)
    expect(text).not.toMatch(/before that of release/)
    await shoot('policy-changes', 'admin-second-publish')
    // Undo, so the Danish admin below sees no changes.
    await page.locator('#field-title').fill(title)
    await saveDraft()
  },
  E2E_TIMEOUTS.test,
)

test(
  'with the admin in Danish, the panel and the timeline speak Danish',
  async () => {
    // Payload keeps the admin language in the `payload-lng` cookie.
    await context.addCookies([{ name: 'payload-lng', url: server.url, value: 'da' }])
    await openDocument()
    expect(await panel().locator('h2').first().textContent()).toBe(
      'Ændringer siden seneste udgivelse',
    )
    expect(await timeline().locator('h2').first().textContent()).toBe('Udgivelsesforløb')
    expect(await timeline().locator('li[data-version="3.0"]').textContent()).toMatch(
      /Væsentlig.*Gældende/,
    )
    await shoot('policy-timeline', 'admin-release-timeline-da')
    expect(pageErrors).toEqual([])
  },
  E2E_TIMEOUTS.test,
)
