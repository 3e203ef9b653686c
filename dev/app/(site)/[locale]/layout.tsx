/**
 * Root layout of the demo public site (the Payload admin has its own root layout in (payload)/).
 * `<html lang>` follows the URL's locale. The banner and subscription-form slots are in
 * dev/site/slots.tsx.
 */
import type { Metadata } from 'next'
import type { ReactNode } from 'react'

import { DEFAULT_LOCALE, isLocale, otherLocales, statementPath } from '../../../site/config.js'
import { t } from '../../../site/i18n.js'
import { BannerSlot, SubscribeSlot } from '../../../site/slots.js'
import './site.css'

type Props = { children: ReactNode; params: Promise<{ locale: string }> }

export async function generateMetadata({ params }: Omit<Props, 'children'>): Promise<Metadata> {
  const { locale: raw } = await params
  const m = t(isLocale(raw) ? raw : DEFAULT_LOCALE)
  return { title: { default: m.siteName, template: `%s · ${m.siteName}` } }
}

export default async function SiteLayout({ children, params }: Props) {
  const { locale: raw } = await params
  // An unknown locale still gets a valid document; its page answers 404.
  const locale = isLocale(raw) ? raw : DEFAULT_LOCALE
  const m = t(locale)
  return (
    <html lang={locale}>
      <body>
        <a className="skip-link" href="#main">
          {m.skipToContent}
        </a>
        {/* SLOT: change-notice banner (dev/site/slots.tsx) */}
        <BannerSlot locale={locale} />
        <header className="site-header">
          <div className="container header-inner">
            <a className="site-name" href={statementPath(locale, 'privacy')}>
              {m.siteName}
            </a>
            <nav aria-label={m.navLabel}>
              <ul className="nav-list">
                <li>
                  <a href={statementPath(locale, 'privacy')}>{m.navPrivacy}</a>
                </li>
                {otherLocales(locale).map((other) => (
                  <li key={other}>
                    <a href={statementPath(other, 'privacy')} hrefLang={other} lang={other}>
                      <span className="visually-hidden">{t(other).languageLabel}: </span>
                      {t(other).languageName}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
        </header>
        <main className="container" id="main" tabIndex={-1}>
          {children}
        </main>
        <div className="container">
          {/* SLOT: subscription form (dev/site/slots.tsx) */}
          <SubscribeSlot locale={locale} />
        </div>
        <footer className="site-footer">
          <div className="container">
            <p>{m.footer}</p>
          </div>
        </footer>
      </body>
    </html>
  )
}
