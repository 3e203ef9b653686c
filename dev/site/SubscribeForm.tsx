'use client'
/**
 * "Tell me when this changes": the subscription form of the demo site (double opt-in).
 *
 * It POSTs `{ email, locale, documents }` as JSON to `{api}/policies/subscriptions` and shows the
 * server's answer (202: "check your inbox", in the language chosen for e-mails). Without
 * JavaScript the same form posts form-encoded and the API answers with its own small page.
 * Every string is rendered as React text.
 */
import { type FormEvent, useId, useRef, useState } from 'react'

import type { Locale } from './config.js'

import { LOCALES } from './config.js'

const copy = {
  da: {
    email: 'E-mailadresse',
    emailHint:
      'Vi sender en e-mail med et link, som du skal klikke på for at bekræfte tilmeldingen.',
    failed: 'Tilmeldingen kunne ikke sendes lige nu. Prøv igen senere.',
    heading: 'Få besked, når erklæringen ændres',
    intro:
      'Vi skriver til dig, når vi ændrer privatlivspolitikken væsentligt. Du kan altid afmelde dig igen.',
    invalidEmail: 'Skriv en gyldig e-mailadresse, fx navn@eksempel.dk.',
    language: 'Sprog for e-mails',
    languageNames: { da: 'Dansk', en: 'English' } as Record<Locale, string>,
    rateLimited: 'Der er sendt for mange tilmeldinger herfra. Prøv igen om en time.',
    sending: 'Sender …',
    sent: 'Tjek din indbakke: vi har sendt en e-mail med et link, der bekræfter tilmeldingen.',
    submit: 'Tilmeld',
  },
  en: {
    email: 'E-mail address',
    emailHint: 'We will send you an e-mail with a link to click to confirm the subscription.',
    failed: 'The subscription could not be sent right now. Please try again later.',
    heading: 'Get notified when the statement changes',
    intro:
      'We will write to you when we make a material change to the privacy statement. You can unsubscribe at any time.',
    invalidEmail: 'Enter a valid e-mail address, e.g. name@example.com.',
    language: 'Language of e-mails',
    languageNames: { da: 'Dansk', en: 'English' } as Record<Locale, string>,
    rateLimited: 'Too many subscriptions were sent from here. Please try again in an hour.',
    sending: 'Sending …',
    sent: 'Check your inbox: we have sent an e-mail with a link that confirms the subscription.',
    submit: 'Subscribe',
  },
} satisfies Record<Locale, unknown>

/** `lang`: the language the text is in (the server answers in the language chosen for e-mails). */
type Outcome = { kind: 'error' | 'success'; lang?: Locale; text: string } | null

/** The first message of Payload's error shape (`{ errors: [{ message }] }`) or a plain `{ message }`. */
function messageOf(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined
  const { errors, message } = body as { errors?: Array<{ message?: unknown }>; message?: unknown }
  const first = Array.isArray(errors) ? errors[0]?.message : message
  return typeof first === 'string' && first.trim() ? first.trim() : undefined
}

export function SubscribeForm({
  api,
  documentKey,
  locale,
}: {
  api: string
  documentKey: string
  locale: Locale
}) {
  const m = copy[locale]
  const id = useId()
  const formRef = useRef<HTMLFormElement>(null)
  const [pending, setPending] = useState(false)
  const [outcome, setOutcome] = useState<Outcome>(null)
  const endpoint = `${api.replace(/\/+$/, '')}/policies/subscriptions`

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (pending) return
    const data = new FormData(event.currentTarget)
    const email = String(data.get('email') ?? '').trim()
    const chosen = String(data.get('locale') ?? locale)
    const language: Locale = (LOCALES as readonly string[]).includes(chosen)
      ? (chosen as Locale)
      : locale
    setPending(true)
    setOutcome(null)
    try {
      const response = await fetch(endpoint, {
        body: JSON.stringify({ documents: [documentKey], email, locale: language }),
        headers: { accept: 'application/json', 'content-type': 'application/json' },
        method: 'POST',
      })
      let body: unknown
      try {
        body = await response.json()
      } catch {
        body = undefined
      }
      const text = messageOf(body)
      if (response.ok) {
        setOutcome(
          text
            ? { kind: 'success', lang: language, text }
            : { kind: 'success', lang: locale, text: m.sent },
        )
        formRef.current?.reset()
      } else if (response.status === 400) {
        // The only input a reader can correct is the address; the API's own wording is for developers.
        setOutcome({ kind: 'error', lang: locale, text: m.invalidEmail })
      } else if (response.status === 429) {
        // The API's 429 text is in the CMS's default language; the reader gets it in the page's.
        setOutcome({ kind: 'error', lang: locale, text: m.rateLimited })
      } else {
        setOutcome(text ? { kind: 'error', text } : { kind: 'error', lang: locale, text: m.failed })
      }
    } catch {
      setOutcome({ kind: 'error', lang: locale, text: m.failed })
    } finally {
      setPending(false)
    }
  }

  return (
    <section aria-labelledby={`${id}-heading`} className="subscribe" data-testid="subscribe">
      <h2 id={`${id}-heading`}>{m.heading}</h2>
      <p className="muted">{m.intro}</p>
      <form
        action={endpoint}
        className="subscribe-form"
        method="post"
        onSubmit={onSubmit}
        ref={formRef}
      >
        <input name="documents" type="hidden" value={documentKey} />
        <div className="field subscribe-email">
          <label htmlFor={`${id}-email`}>{m.email}</label>
          <input
            // The error, when there is one, is part of the field's description (WCAG 3.3.1).
            aria-describedby={outcome?.kind === 'error' ? `${id}-hint ${id}-error` : `${id}-hint`}
            aria-invalid={
              outcome?.kind === 'error' && outcome.text === m.invalidEmail ? true : undefined
            }
            autoComplete="email"
            id={`${id}-email`}
            inputMode="email"
            maxLength={254}
            name="email"
            required
            type="email"
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-locale`}>{m.language}</label>
          <select defaultValue={locale} id={`${id}-locale`} name="locale">
            {LOCALES.map((code) => (
              <option key={code} lang={code} value={code}>
                {m.languageNames[code]}
              </option>
            ))}
          </select>
        </div>
        <button aria-disabled={pending || undefined} type="submit">
          {pending ? m.sending : m.submit}
        </button>
      </form>
      <p className="muted subscribe-hint" id={`${id}-hint`}>
        {m.emailHint}
      </p>
      {/* Live regions exist before they are filled, so screen readers announce the change. */}
      <div
        aria-live="polite"
        className="subscribe-result"
        data-testid="subscribe-status"
        role="status"
      >
        {outcome?.kind === 'success' && (
          <p className="notice notice-info" lang={outcome.lang}>
            {outcome.text}
          </p>
        )}
      </div>
      <div className="subscribe-result" data-testid="subscribe-error" role="alert">
        {outcome?.kind === 'error' && (
          <p className="notice notice-error" id={`${id}-error`} lang={outcome.lang}>
            {outcome.text}
          </p>
        )}
      </div>
    </section>
  )
}
