'use client'
/**
 * <PolicyBanner>: the change banner as a React client component, the same behaviour as the
 * <policy-banner> web component (./policy-banner.js, whose checked helpers it reuses).
 *
 *   import { PolicyBanner } from 'payload-plugin-policy-docs/banner'
 *   <PolicyBanner api="https://cms.example.com/api" document="privacy" locale="da" />
 *
 * After mounting it asks `GET {api}/policies/{document}/banner?locale=…&seen=…` whether to show a
 * banner. It renders nothing on the server and nothing when there is no banner, so it never
 * causes a hydration mismatch. The banner is a labelled region (the API's `ariaLabel`) with the
 * message, the links and a dismiss button; Escape dismisses it while focus is inside. Dismissing
 * stores the version under `policy-banner:{document}` (shared with the web component), and focus
 * moves to the main content. Every string is rendered as React text; links are http(s) or
 * root-relative only.
 */
import { type KeyboardEvent, useCallback, useEffect, useRef, useState } from 'react'

import type { BannerModel } from './policy-banner.js'

import { BANNER_CSS, bannerUrl, isVersion, storageKey, toBannerModel } from './policy-banner.js'

/** Where the dismissed version is remembered. Defaults to `window.localStorage`. */
export type PolicyBannerStorage = Pick<Storage, 'getItem' | 'setItem'>

export type PolicyBannerProps = {
  /** The Payload API base, e.g. `https://cms.example.com/api` or `/api` on the same origin. */
  api: string
  /** Extra class on the region. */
  className?: string
  /** The policy document key, e.g. `privacy`. */
  document: string
  /** Selector of the element focused after a dismiss from inside the banner. @default 'main, [role="main"]' */
  focusTarget?: string
  /** A locale the CMS knows, e.g. `da`. */
  locale: string
  /** Called after the visitor dismissed the banner. */
  onDismiss?: (dismissed: { document: string; version: string }) => void
  /** Storage for the dismissed version; `null` remembers nothing. @default window.localStorage */
  storage?: null | PolicyBannerStorage
  /** Leave out the built-in styles (the class names stay). */
  unstyled?: boolean
}

const FETCH_TIMEOUT_MS = 10_000

function defaultStorage(): null | PolicyBannerStorage {
  try {
    return typeof window === 'undefined' ? null : window.localStorage
  } catch {
    // Access to localStorage throws in some privacy modes and sandboxed frames.
    return null
  }
}

function readSeen(storage: null | PolicyBannerStorage, key: string): string | undefined {
  try {
    const value = storage?.getItem(storageKey(key))
    return isVersion(value) ? value : undefined
  } catch {
    return undefined
  }
}

function writeSeen(storage: null | PolicyBannerStorage, key: string, version: string): void {
  try {
    storage?.setItem(storageKey(key), version)
  } catch {
    // Not remembered: the banner shows again on the next page, the safe failure.
  }
}

export function PolicyBanner({
  api,
  className,
  document: documentKey,
  focusTarget = 'main, [role="main"]',
  locale,
  onDismiss,
  storage,
  unstyled = false,
}: PolicyBannerProps) {
  const [model, setModel] = useState<BannerModel | null>(null)
  const regionRef = useRef<HTMLDivElement>(null)
  // `undefined` means "the default"; resolved on the client only.
  const storageRef = useRef<null | PolicyBannerStorage | undefined>(storage)
  storageRef.current = storage
  const store = () => (storageRef.current === undefined ? defaultStorage() : storageRef.current)

  useEffect(() => {
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), FETCH_TIMEOUT_MS)
    const target = store()
    fetch(bannerUrl(api, documentKey, locale, readSeen(target, documentKey)), {
      credentials: 'omit',
      headers: { accept: 'application/json' },
      signal: controller.signal,
    })
      .then(async (response) => (response.ok ? toBannerModel(await response.json()) : null))
      .then((next) => {
        if (controller.signal.aborted) return
        setModel(next && readSeen(target, documentKey) === next.version ? null : next)
      })
      .catch(() => {
        // No banner when the API cannot be reached: the page itself must never break.
        if (!controller.signal.aborted) setModel(null)
      })
      .finally(() => clearTimeout(timer))
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [api, documentKey, locale])

  // Dismissed in another tab: hide here too.
  useEffect(() => {
    if (!model || typeof window === 'undefined') return
    const onStorage = (event: StorageEvent) => {
      if (event.key === storageKey(documentKey) && event.newValue === model.version) setModel(null)
    }
    window.addEventListener('storage', onStorage)
    return () => window.removeEventListener('storage', onStorage)
  }, [documentKey, model])

  const dismiss = useCallback(() => {
    if (!model) return
    const region = regionRef.current
    const hadFocus = Boolean(
      region && typeof window !== 'undefined' && region.contains(window.document.activeElement),
    )
    writeSeen(store(), documentKey, model.version)
    setModel(null)
    if (hadFocus) moveFocus(focusTarget)
    onDismiss?.({ document: documentKey, version: model.version })
  }, [documentKey, focusTarget, model, onDismiss])

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape' && !event.defaultPrevented) {
      event.preventDefault()
      dismiss()
    }
  }

  if (!model) return null
  return (
    <>
      {!unstyled && (
        <style href="payload-plugin-policy-docs-banner" precedence="default">
          {BANNER_CSS}
        </style>
      )}
      <div
        aria-label={model.ariaLabel}
        className={className ? `policy-banner ${className}` : 'policy-banner'}
        data-phase={model.phase}
        data-policy-banner={documentKey}
        data-version={model.version}
        lang={model.lang || undefined}
        onKeyDown={onKeyDown}
        ref={regionRef}
        role="region"
      >
        <p className="policy-banner__message">
          {model.note ? `${model.message} ${model.note}` : model.message}
        </p>
        <div className="policy-banner__actions">
          {model.links.length > 0 && (
            <ul className="policy-banner__links">
              {model.links.map((link) => (
                <li key={link.name}>
                  <a data-link={link.name} href={link.href}>
                    {link.label}
                  </a>
                </li>
              ))}
            </ul>
          )}
          <button className="policy-banner__dismiss" onClick={dismiss} type="button">
            {model.dismissLabel}
          </button>
        </div>
      </div>
    </>
  )
}

/** Focus goes to the page's main content after a dismiss, rather than to nowhere (the removed button). */
function moveFocus(selector: string): void {
  let target: Element | null
  try {
    target = window.document.querySelector(selector)
  } catch {
    // An invalid selector from the host: no focus target.
    target = null
  }
  if (target instanceof HTMLElement) {
    if (!target.hasAttribute('tabindex') && target.tabIndex < 0)
      target.setAttribute('tabindex', '-1')
    target.focus({ preventScroll: true })
  }
}
