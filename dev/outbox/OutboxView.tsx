/**
 * `/admin/outbox` (development only): the e-mails the demo "sent" without an SMTP server, newest
 * first, each with its text part (links clickable) and its HTML part in a sandboxed frame. This is
 * how a developer completes double opt-in or follows a notice's links locally.
 */
import type { AdminViewServerProps } from 'payload'

import { DefaultTemplate } from '@payloadcms/next/templates'
import { Gutter } from '@payloadcms/ui'
import React from 'react'

import { readOutbox } from './store.js'

const COPY = {
  da: {
    empty:
      'Ingen e-mails endnu. Tilmeld dig på demosiden (fx /da/privatliv), så kommer bekræftelsen her.',
    html: 'HTML-udgave',
    intro:
      'E-mails, som demoen har sendt uden SMTP-server (SMTP_HOST er ikke sat). De nyeste står øverst.',
    signIn: 'Log ind for at se udbakken.',
    text: 'Tekstudgave',
    title: 'Udbakke (udvikling)',
    to: 'Til',
  },
  en: {
    empty:
      'No e-mails yet. Subscribe on the demo site (e.g. /en/privacy) and the confirmation shows up here.',
    html: 'HTML part',
    intro: 'E-mails the demo sent without an SMTP server (SMTP_HOST is not set). Newest first.',
    signIn: 'Sign in to see the outbox.',
    text: 'Text part',
    title: 'Outbox (development)',
    to: 'To',
  },
} as const

const URL_PATTERN = /(https?:\/\/[^\s<>"')]+)/g

/** The text part with its URLs as links (React escapes the rest). */
function LinkedText({ text }: { text: string }) {
  const parts = text.split(URL_PATTERN)
  return (
    <pre style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
      {parts.map((part, index) =>
        index % 2 === 1 ? (
          <a href={part} key={index} rel="noreferrer" target="_blank">
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </pre>
  )
}

export function OutboxView({ initPageResult, params, searchParams }: AdminViewServerProps) {
  const { req } = initPageResult
  const copy = req.i18n.language === 'da' ? COPY.da : COPY.en
  const file = (req.payload.config.custom as { outboxFile?: string } | undefined)?.outboxFile
  const messages = req.user && file ? [...readOutbox(file)].reverse() : []
  return (
    <DefaultTemplate
      i18n={req.i18n}
      locale={initPageResult.locale}
      params={params}
      payload={req.payload}
      permissions={initPageResult.permissions}
      searchParams={searchParams}
      user={req.user || undefined}
      visibleEntities={initPageResult.visibleEntities}
    >
      <Gutter>
        <h1>{copy.title}</h1>
        <p>{req.user ? copy.intro : copy.signIn}</p>
        {req.user && messages.length === 0 && <p data-testid="outbox-empty">{copy.empty}</p>}
        <ol data-testid="outbox" style={{ listStyle: 'none', padding: 0 }}>
          {messages.map((message) => (
            <li
              data-testid="outbox-message"
              key={message.id}
              style={{ borderTop: '1px solid var(--theme-elevation-150)', padding: '1rem 0' }}
            >
              <h2 style={{ fontSize: '1.1rem', margin: 0 }}>{message.subject}</h2>
              <p style={{ margin: '0.25rem 0' }}>
                {copy.to}: {message.to} ·{' '}
                <time dateTime={message.sentAt}>
                  {new Date(message.sentAt).toLocaleString(req.i18n.language, {
                    timeZone: 'Europe/Copenhagen',
                    timeZoneName: 'short',
                  })}
                </time>
              </p>
              <details open={messages[0]?.id === message.id}>
                <summary>{copy.text}</summary>
                <LinkedText text={message.text} />
              </details>
              {message.html && (
                <details>
                  <summary>{copy.html}</summary>
                  {/* Sandboxed: scripts never run; links open in a new tab. */}
                  <iframe
                    sandbox="allow-popups allow-popups-to-escape-sandbox"
                    srcDoc={`<base target="_blank">${message.html}`}
                    style={{
                      background: '#fff',
                      border: '1px solid var(--theme-elevation-150)',
                      height: '32rem',
                      width: '100%',
                    }}
                    title={`${copy.html}: ${message.subject}`}
                  />
                </details>
              )}
            </li>
          ))}
        </ol>
      </Gutter>
    </DefaultTemplate>
  )
}
