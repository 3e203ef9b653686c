/**
 * Shown above the login form in development: the demo credentials (created by the seed) and where
 * the e-mails go when no SMTP server is configured.
 */
import type { ServerProps } from 'payload'

import React from 'react'

export function LoginHint({ i18n }: ServerProps) {
  const da = i18n?.language === 'da'
  return (
    <div
      data-testid="login-hint"
      style={{
        border: '1px solid var(--theme-elevation-150)',
        borderRadius: 4,
        marginBottom: '1.5rem',
        padding: '0.75rem 1rem',
      }}
    >
      <p style={{ margin: 0 }}>
        {da ? 'Demo-login' : 'Demo login'}: <code>editor@example.com</code> /{' '}
        <code>policy-docs-demo</code>
      </p>
      <p style={{ margin: '0.25rem 0 0' }}>
        {da
          ? 'Uden SMTP_HOST lander alle e-mails i udbakken: '
          : 'Without SMTP_HOST every e-mail lands in the outbox: '}
        <a href="/admin/outbox">/admin/outbox</a>
      </p>
    </div>
  )
}

/** The "Outbox" link in the admin's navigation (development only). */
export function OutboxNavLink({ i18n }: ServerProps) {
  return (
    <a
      className="nav__link"
      data-testid="outbox-nav-link"
      href="/admin/outbox"
      style={{ display: 'block', padding: '0.25rem 0' }}
    >
      {i18n?.language === 'da' ? 'Udbakke (udvikling)' : 'Outbox (development)'}
    </a>
  )
}
