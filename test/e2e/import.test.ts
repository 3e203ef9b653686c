/**
 * Issue 12, browser: an editor imports a Word document as a new policy document (preview first,
 * then create), imports its English translation into the same document, and publishes it; the
 * public API then serves release 1.0 of the imported statement.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'

import { makeDocx } from '../fixtures/import/makeDocx.js'
import {
  DEMO_LOGIN,
  E2E_TIMEOUTS,
  type E2eServer,
  launchBrowser,
  startE2eServer,
} from '../helpers/e2eServer.js'

let server: E2eServer
let browser: Browser
let context: BrowserContext
let page: Page
const pageErrors: string[] = []

beforeAll(async () => {
  server = await startE2eServer()
  browser = await launchBrowser()
  context = await browser.newContext({ locale: 'en-US', viewport: { height: 1600, width: 1400 } })
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

const toasts = async () =>
  (await page.locator('.payload-toast-item, [data-sonner-toast]').allTextContents()).join(' | ')

const danish = () =>
  makeDocx([
    { heading: 1, text: 'Persondatapolitik for nyhedsbrevet' },
    { heading: 2, text: 'Hvem er dataansvarlig?' },
    { bold: 'dataansvarlig', text: 'Jackon Danmark A/S er ' },
    { heading: 2, text: 'Dine rettigheder' },
    { bullet: 'Ret til indsigt' },
    { bullet: 'Ret til sletning' },
  ])
const english = () =>
  makeDocx([
    { heading: 1, text: 'Newsletter privacy policy' },
    { heading: 2, text: 'Who is the controller?' },
    { bold: 'controller', text: 'Jackon Danmark A/S is the ' },
    { heading: 2, text: 'Your rights' },
    { bullet: 'Right of access' },
    { bullet: 'Right to erasure' },
  ])

/** Opens the import form on the documents list, uploads `bytes`, previews and creates. */
async function importDocx(
  name: string,
  bytes: Uint8Array,
  options: { into?: boolean; locale: 'da' | 'en' },
): Promise<void> {
  await page.goto(`${server.url}/admin/collections/policy-documents`, { waitUntil: 'load' })
  const form = page.locator('[data-testid="policy-import"]')
  await form.locator('summary').click()
  await form.locator('[data-testid="policy-import-file"]').setInputFiles({
    buffer: Buffer.from(bytes),
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    name,
  })
  await form.locator('select').selectOption(options.locale)
  await form.locator('[data-testid="policy-import-key"]').fill('newsletter')
  if (options.into) await form.locator('[data-testid="policy-import-into"]').check()
  await form.getByRole('button', { name: 'Preview' }).click()
  const preview = form.locator('[data-testid="policy-import-preview"]')
  await preview.waitFor({ state: 'visible' })
  await form.getByRole('button', { name: 'Create draft' }).click()
  await page.waitForURL(/\/admin\/collections\/policy-documents\/[^/?]+\?locale=/)
}

test(
  'an editor imports a .docx and its translation, previews both, and publishes the statement',
  async () => {
    await page.goto(`${server.url}/admin`, { waitUntil: 'load' })
    await page.waitForURL(/\/admin\/login/)
    await page.locator('input[name="email"]').fill(DEMO_LOGIN.email)
    await page.locator('input[name="password"]').fill(DEMO_LOGIN.password)
    await page.locator('button[type="submit"]').click()
    await page.waitForURL((url) => url.pathname === '/admin' || url.pathname === '/admin/')

    // The preview names the sections, their keys and the kinds the text suggests, before anything exists.
    await page.goto(`${server.url}/admin/collections/policy-documents`, { waitUntil: 'load' })
    const form = page.locator('[data-testid="policy-import"]')
    await form.locator('summary').click()
    await form.locator('[data-testid="policy-import-file"]').setInputFiles({
      buffer: Buffer.from(await danish()),
      mimeType: 'application/octet-stream',
      name: 'nyhedsbrev.docx',
    })
    await form.getByRole('button', { name: 'Preview' }).click()
    const preview = form.locator('[data-testid="policy-import-preview"]')
    await preview.waitFor({ state: 'visible' })
    expect(
      await preview
        .locator('li[data-section]')
        .evaluateAll((items) =>
          items.map((li) => [li.getAttribute('data-section'), li.getAttribute('data-kind')]),
        ),
    ).toEqual([
      ['hvem-er-dataansvarlig', 'controller'],
      ['dine-rettigheder', 'rights'],
    ])
    // Each section shows its heading in bold, then its text as it will be imported; the body's bold word
    // stays bold (the heading "Hvem er dataansvarlig?" is a <strong> of its own, so look in the body only).
    const controller = preview.locator('li[data-section="hvem-er-dataansvarlig"]')
    expect(await controller.locator(':scope > strong').textContent()).toBe('Hvem er dataansvarlig?')
    expect(await controller.locator(':scope > div strong').allTextContents()).toEqual([
      'dataansvarlig',
    ])

    await importDocx('nyhedsbrev.docx', await danish(), { locale: 'da' })
    await importDocx('newsletter.docx', await english(), { into: true, locale: 'en' })

    // Publish from the edit view, as always; the first release needs no change note.
    await page.locator('#action-save').click()
    const deadline = Date.now() + 60_000
    let current: { html?: string; version?: string } = {}
    while (Date.now() < deadline) {
      const response = await fetch(`${server.url}/api/policies/newsletter?locale=en`, {
        cache: 'no-store',
      })
      current = (await response.json()) as typeof current
      if (current.version === '1.0') break
      await page.waitForTimeout(1000)
    }
    if (current.version !== '1.0')
      throw new Error(`the imported statement was not published; toasts: ${await toasts()}`)
    expect(current.html).toContain('<strong>controller</strong>')
    const da = (await (await fetch(`${server.url}/api/policies/newsletter?locale=da`)).json()) as {
      html: string
    }
    expect(da.html).toContain('<li>Ret til sletning</li>')
    expect(pageErrors).toEqual([])
  },
  E2E_TIMEOUTS.test * 2,
)
