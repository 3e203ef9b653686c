/**
 * Issue 12, browser: an editor imports a Word document as a new policy document (preview first,
 * then create), imports its English translation into the same document, and publishes it; the
 * public API then serves release 1.0 of the imported statement. Then an editor imports the
 * three-version history of another statement (a .docx and pasted Markdown), sees the errors of a
 * wrong history, previews it, creates it, and finds the releases marked "Imported history" in
 * the timeline and the release view.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'

import { makeDocx } from '../fixtures/import/makeDocx.js'
import { signInToAdmin } from '../helpers/adminSignIn.js'
import { axe } from '../helpers/axe.js'
import {
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
  page.on('pageerror', (error) => {
    // React's dev-only RSC performance track throws this when a server component redirects before
    // it renders (the admin's login redirect under `next dev`): vercel/next.js#86060, react#37561.
    // It is not an error of the page, and a production build has no such track.
    if (
      /^Failed to execute 'measure' on 'Performance': .* cannot have a negative time stamp/.test(
        error.message,
      )
    )
      return
    pageErrors.push(error.message)
  })
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

/** Signs the demo editor in, unless the context is signed in already. */
async function signIn(): Promise<void> {
  if ((await context.cookies(server.url)).some((cookie) => cookie.name === 'payload-token')) return
  await signInToAdmin(page, server.url)
}

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
    await signIn()

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

/** A statement of the shop in Markdown: a title and three sections. */
const shopMarkdown = (title: string, sections: Array<[string, string]>) =>
  [`# ${title}`, ...sections.map(([heading, body]) => `## ${heading}\n\n${body}`)].join('\n\n')
const shopDa = (recipients: string, rights = 'Du har ret til indsigt, berigtigelse og sletning.') =>
  shopMarkdown('Privatlivspolitik for butikken', [
    ['Hvem er dataansvarlig?', 'Butikken ApS, Vestergade 1, 8000 Aarhus, er dataansvarlig.'],
    ['Modtagere', recipients],
    ['Dine rettigheder', rights],
  ])
const shopEn = (
  recipients: string,
  rights = 'You have the right of access, rectification and erasure.',
) =>
  shopMarkdown('Privacy policy of the shop', [
    ['Who is the controller?', 'Butikken ApS, Vestergade 1, 8000 Aarhus, is the controller.'],
    ['Recipients', recipients],
    ['Your rights', rights],
  ])

test(
  'an editor imports a three-version history, previews it, creates it, and sees the releases marked imported',
  async () => {
    const errorsBefore = pageErrors.length
    await signIn()
    await page.goto(`${server.url}/admin/collections/policy-documents`, { waitUntil: 'load' })
    const form = page.locator('[data-testid="policy-import-history"]')
    await form.locator('summary').click()
    await form.getByLabel('Key of the new document').fill('shop-history')
    const version = (index: number) =>
      form.locator('[data-testid="policy-import-history-version"]').nth(index)
    const alert = form.getByRole('alert')

    // Version 1: the Danish text as a Word file, the English one pasted.
    await version(0).getByLabel('Published on').fill('2019-03-01')
    // Without its texts the form says which version lacks which language, before asking the server.
    await form.getByRole('button', { name: 'Preview' }).click()
    expect(await alert.textContent()).toBe(
      'Version 1 has no da text: choose a file or paste the text.',
    )
    await version(0)
      .locator('[data-locale="da"] input[type="file"]')
      .setInputFiles({
        buffer: Buffer.from(
          await makeDocx([
            { heading: 1, text: 'Privatlivspolitik for butikken' },
            { heading: 2, text: 'Hvem er dataansvarlig?' },
            { text: 'Butikken ApS, Vestergade 1, 8000 Aarhus, er dataansvarlig.' },
            { heading: 2, text: 'Modtagere' },
            { text: 'Vi deler dine data med vores fragtfirma.' },
            { heading: 2, text: 'Dine rettigheder' },
            { text: 'Du har ret til indsigt, berigtigelse og sletning.' },
          ]),
        ),
        mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        name: 'butik-2019.docx',
      })
    await version(0)
      .getByLabel('… or paste the en text (HTML or Markdown)')
      .fill(shopEn('We share your data with our carrier.'))

    // Version 2: a new recipient in another country (material), in force a month after publication.
    await form.getByRole('button', { name: 'Add a version' }).click()
    await version(1).getByLabel('Published on').fill('2021-06-01')
    await version(1).getByLabel('Took effect on (if later)').fill('2021-07-01')
    await version(1)
      .getByLabel('… or paste the da text (HTML or Markdown)')
      .fill(shopDa('Vi deler dine data med vores fragtfirma og med Mailchimp i USA.'))
    await version(1)
      .getByLabel('… or paste the en text (HTML or Markdown)')
      .fill(shopEn('We share your data with our carrier and with Mailchimp in the USA.'))
    await version(1)
      .getByLabel('Change note (en, optional)')
      .fill('Mailchimp sends our newsletter.')

    // Version 3: a wording fix (minor), first entered with a date before version 2's.
    await form.getByRole('button', { name: 'Add a version' }).click()
    await version(2).getByLabel('Published on').fill('2020-01-15')
    await version(2)
      .getByLabel('… or paste the da text (HTML or Markdown)')
      .fill(
        shopDa(
          'Vi deler dine data med vores fragtfirma og med Mailchimp i USA.',
          'Du har ret til indsigt, berigtigelse og sletning af dine data.',
        ),
      )
    await version(2)
      .getByLabel('… or paste the en text (HTML or Markdown)')
      .fill(
        shopEn(
          'We share your data with our carrier and with Mailchimp in the USA.',
          'You have the right of access, rectification and erasure of your data.',
        ),
      )
    // The server's refusal is shown as it words it, and no preview appears.
    await form.getByRole('button', { name: 'Preview' }).click()
    await alert.filter({ hasText: 'Version 3' }).waitFor({ state: 'visible' })
    expect(await alert.textContent()).toMatch(/Version 3 is not published after version 2/)
    expect(await form.locator('[data-testid="policy-import-history-preview"]').count()).toBe(0)

    await version(2).getByLabel('Published on').fill('2023-01-15')
    await form.getByRole('button', { name: 'Preview' }).click()
    const preview = form.locator('[data-testid="policy-import-history-preview"]')
    await preview.waitFor({ state: 'visible' })
    expect(await alert.count()).toBe(0)
    const rows = await preview
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [
          tr.getAttribute('data-version'),
          tr.getAttribute('data-kind'),
          tr.querySelectorAll('td li').length > 0,
        ]),
      )
    // 1.0 has no reasons (nothing to compare with); 2.0 and 2.1 have the classifier's.
    expect(rows).toEqual([
      ['1.0', 'material', false],
      ['2.0', 'material', true],
      ['2.1', 'minor', true],
    ])
    expect(await preview.locator('tr[data-version="2.0"] td').nth(2).textContent()).toMatch(/2021/)
    // A preview stores nothing.
    expect((await fetch(`${server.url}/api/policies/shop-history`)).status).toBe(404)
    expect(await axe(page, ['[data-testid="policy-import-history"]'])).toEqual([])

    await form.getByRole('button', { name: 'Create the document and its releases' }).click()
    const created = form.locator('[data-testid="policy-import-history-created"]')
    await created.waitFor({ state: 'visible' })
    expect(await created.textContent()).toContain(
      '“shop-history” was created with 3 imported releases.',
    )
    await created.getByRole('link', { name: 'Open “shop-history”' }).click()
    await page.waitForURL(/\/admin\/collections\/policy-documents\/[^/?]+$/)

    // The timeline lists the three releases, newest first, each marked as imported history.
    const items = page.locator('[data-testid="policy-timeline"] li[data-version]')
    await items.nth(2).waitFor({ state: 'visible' })
    expect(
      await items.evaluateAll((lis) =>
        lis.map((li) => [
          li.getAttribute('data-version'),
          li.getAttribute('data-kind'),
          li.querySelector('[data-testid="policy-timeline-imported"]')?.textContent ?? null,
        ]),
      ),
    ).toEqual([
      ['2.1', 'minor', 'Imported history'],
      ['2.0', 'material', 'Imported history'],
      ['1.0', 'material', 'Imported history'],
    ])
    // None of them announced anything.
    expect(await page.locator('[data-testid="policy-timeline"] [data-status]').count()).toBe(0)

    // The release view says so too.
    // Its id, from Payload's REST API as the admin reads it (the browser's session cookie).
    const found = await page.evaluate(
      async (query) => {
        const response = await fetch(`/api/policy-releases?${query}`, { credentials: 'include' })
        return {
          body: (await response.json()) as { docs?: Array<{ id: number | string }> },
          status: response.status,
        }
      },
      new URLSearchParams({
        depth: '0',
        'where[documentKey][equals]': 'shop-history',
        'where[version][equals]': '2.0',
      }).toString(),
    )
    expect(found).toMatchObject({
      body: { docs: [{ imported: true, version: '2.0' }] },
      status: 200,
    })
    await page.goto(`${server.url}/admin/collections/policy-releases/${found.body.docs![0]!.id}`, {
      waitUntil: 'load',
    })
    const mark = page.getByTestId('policy-release-imported')
    await mark.waitFor({ state: 'visible' })
    expect(await mark.textContent()).toMatch(/Imported history.*sent no notice/s)
    await page.getByTestId('policy-release-verify').waitFor({ state: 'visible' })
    expect(await page.getByTestId('policy-release-verify').getAttribute('data-intact')).toBe('true')
    expect(pageErrors.slice(errorsBefore)).toEqual([])
  },
  E2E_TIMEOUTS.test * 2,
)
