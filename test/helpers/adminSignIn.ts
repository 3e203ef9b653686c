import type { Page } from 'playwright-core'

import { DEMO_LOGIN } from './e2eServer.js'

/**
 * Signs the demo editor in through the admin's login form: opens /admin, is sent to the login
 * page, fills the seeded login and waits for the dashboard. `beforeSubmit` runs with the form
 * filled in (e.g. for a screenshot).
 */
export async function signInToAdmin(
  page: Page,
  baseUrl: string,
  options: { beforeSubmit?: () => Promise<unknown> } = {},
): Promise<void> {
  await page.goto(`${baseUrl}/admin`, { waitUntil: 'load' })
  await page.waitForURL(/\/admin\/login/)
  await page.locator('input[name="email"]').fill(DEMO_LOGIN.email)
  await page.locator('input[name="password"]').fill(DEMO_LOGIN.password)
  await options.beforeSubmit?.()
  await page.locator('button[type="submit"]').click()
  await page.waitForURL((url) => url.pathname === '/admin' || url.pathname === '/admin/')
}
