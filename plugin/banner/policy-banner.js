/**
 * <policy-banner>: the change banner of payload-plugin-policy-docs as a dependency-free web component.
 *
 *   <script type="module" src="https://cms.example.com/api/policies/embed/banner.js"></script>
 *   <policy-banner api="https://cms.example.com/api" document="privacy" locale="da"></policy-banner>
 *
 * It asks `GET {api}/policies/{document}/banner?locale={locale}&seen={version}` whether to show a
 * banner, and shows it as a labelled region with the message, links (statement, compare) and a
 * dismiss button. Dismissing it (button, or Escape while focus is inside) stores the version in
 * localStorage under `policy-banner:{document}`, sent as `seen` next time, so the same release is
 * not shown again; a later material release is.
 *
 * Attributes: `api` (API base, default `/api`), `document` (default `privacy`), `locale` (default:
 * the page's `<html lang>`), `focus-target` (selector focused after a dismiss, default `main`).
 * Events: `policy-banner:dismiss` (detail `{ document, version }`), bubbling and composed.
 * Styling: CSS custom properties `--policy-banner-bg`, `-fg`, `-accent`, `-border`, `-focus`, `-padding`, and
 * the parts `region`, `message`, `actions`, `links`, `link`, `dismiss`.
 *
 * Everything from the server is set with textContent or as a checked href: never parsed as HTML.
 * Cross-origin use needs the CMS to allow the site's origin (Payload's `cors` option).
 */

/** localStorage key that remembers the dismissed version of a document. */
export const storageKey = (documentKey) => `policy-banner:${documentKey}`

const VERSION = /^\d{1,6}\.\d{1,6}$/

/** Whether `value` is a strict `major.minor` version (the only shape the API accepts as `seen`). */
export function isVersion(value) {
  return typeof value === 'string' && VERSION.test(value)
}

/**
 * The href to use for a link from the API, or `null` to drop the link: absolute http(s) URLs and
 * root-relative paths only. `//host` and `/\host` are protocol-relative in browsers, and control
 * characters, spaces and backslashes are refused outright (URL parsing would silently drop or
 * rewrite them).
 */
export function safeHref(value) {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return null

  if (/[\u0000-\u0020\u007f-\u009f\\]/.test(value)) return null
  if (value.startsWith('/')) {
    return value.startsWith('//') ? null : value
  }
  let url
  try {
    url = new URL(value)
  } catch {
    return null
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null
  if (url.username || url.password) return null
  return url.href
}

/** The banner endpoint's URL for an API base, a document key, a locale and the version already seen. */
export function bannerUrl(api, documentKey, locale, seen) {
  const base = String(api || '/api').replace(/\/+$/, '')
  const query = new URLSearchParams()
  if (locale) query.set('locale', locale)
  if (isVersion(seen)) query.set('seen', seen)
  const search = query.toString()
  return `${base}/policies/${encodeURIComponent(documentKey)}/banner${search ? `?${search}` : ''}`
}

/**
 * Checks the endpoint's JSON and keeps only what the banner uses, as strings; `null` when there is
 * nothing to show (or the answer is not shaped as documented).
 */
export function toBannerModel(body) {
  if (!body || typeof body !== 'object' || body.show !== true) return null
  const text = (value) => (typeof value === 'string' ? value.trim() : '')
  const version = text(body.version)
  const message = text(body.message)
  if (!isVersion(version) || !message) return null
  const links = []
  const source = body.links && typeof body.links === 'object' ? body.links : {}
  for (const name of ['statement', 'compare']) {
    const link = source[name]
    const href = link && typeof link === 'object' ? safeHref(link.href) : null
    const label = link && typeof link === 'object' ? text(link.label) : ''
    if (href && label) links.push({ href, label, name })
  }
  return {
    ariaLabel: text(body.ariaLabel) || message,
    dismissLabel: text(body.dismissLabel) || 'Close',
    // A BCP 47 tag for the `lang` attribute; anything else is left out.
    lang: /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(text(body.locale)) ? text(body.locale) : '',
    links,
    message,
    // Set when the reader's language lags behind: "the authoritative … text changed …; it will follow".
    note: text(body.translationNotice),
    phase: body.phase === 'upcoming' ? 'upcoming' : 'in-effect',
    version,
  }
}

/** localStorage, or nothing when the browser refuses it (privacy modes, sandboxed frames). */
function readSeen(documentKey) {
  try {
    const value = globalThis.localStorage?.getItem(storageKey(documentKey))
    return isVersion(value) ? value : undefined
  } catch {
    return undefined
  }
}

function writeSeen(documentKey, version) {
  try {
    globalThis.localStorage?.setItem(storageKey(documentKey), version)
  } catch {
    // Not remembered: the banner shows again on the next page, which is the safe failure.
  }
}

/**
 * The banner's styles, shared by the web component (inside its shadow root) and the React
 * component. Custom properties (`--policy-banner-bg`, `-fg`, `-border`, `-accent`, `-focus`,
 * `-padding`) let a site restyle it without touching the markup.
 */
export const BANNER_CSS = `
.policy-banner {
  box-sizing: border-box;
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 0.5rem 1.25rem;
  padding: var(--policy-banner-padding, 0.75rem 1.25rem);
  background: var(--policy-banner-bg, #fff4d6);
  color: var(--policy-banner-fg, #1b1f24);
  border-bottom: 2px solid var(--policy-banner-border, #a86b00);
  font: inherit;
  line-height: 1.5;
  animation: policy-banner-in 180ms ease-out;
}
/* Reflow (WCAG 1.4.10): every part may shrink and wrap, so the banner fits 320 CSS px without scrolling. */
.policy-banner__message { margin: 0; flex: 1 1 16rem; min-width: 0; overflow-wrap: anywhere; }
.policy-banner__actions { display: flex; flex: 1 1 auto; min-width: 0; max-width: 100%; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; }
.policy-banner__links { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; margin: 0; padding: 0; list-style: none; min-width: 0; }
.policy-banner__links li { min-width: 0; overflow-wrap: anywhere; }
.policy-banner__links a { color: var(--policy-banner-accent, #0b57d0); text-underline-offset: 0.15em; font-weight: 600; }
.policy-banner__dismiss {
  margin-inline-start: auto;
  font: inherit;
  cursor: pointer;
  padding: 0.35rem 0.9rem;
  border-radius: 0.25rem;
  border: 1px solid currentColor;
  background: transparent;
  color: inherit;
}
.policy-banner__dismiss:hover { background: rgba(0, 0, 0, 0.06); }
.policy-banner a:focus-visible, .policy-banner__dismiss:focus-visible {
  /* 4.3:1 against the banner, 4.7:1 against white (WCAG 1.4.11 asks for 3:1). */
  outline: 3px solid var(--policy-banner-focus, #b35c00);
  outline-offset: 2px;
}
@keyframes policy-banner-in { from { opacity: 0; transform: translateY(-0.5rem); } to { opacity: 1; transform: none; } }
@media (prefers-reduced-motion: reduce) { .policy-banner { animation: none; } }
@media (prefers-color-scheme: dark) {
  .policy-banner {
    background: var(--policy-banner-bg, #3a2e0c);
    color: var(--policy-banner-fg, #e6e9ed);
    border-bottom-color: var(--policy-banner-border, #f2b640);
  }
  .policy-banner__links a { color: var(--policy-banner-accent, #8ab4f8); }
  .policy-banner__dismiss:hover { background: rgba(255, 255, 255, 0.08); }
  .policy-banner a:focus-visible, .policy-banner__dismiss:focus-visible { outline-color: var(--policy-banner-focus, #ffb454); }
}
`

const STYLE = `
:host { display: block; }
:host([hidden]), [hidden] { display: none !important; }
${BANNER_CSS}`

const FETCH_TIMEOUT_MS = 10_000

/** Server-side rendering and Node have no HTMLElement; the pure helpers above still import there. */
const Base = typeof HTMLElement === 'undefined' ? class {} : HTMLElement

export class PolicyBannerElement extends Base {
  static get observedAttributes() {
    return ['api', 'document', 'locale']
  }

  constructor() {
    super()
    this._controller = null
    this._model = null
    this._region = null
    this._root = this.attachShadow({ mode: 'open' })
    const style = document.createElement('style')
    style.textContent = STYLE
    this._root.append(style)
    // No attributes here: a constructor that sets them breaks document.createElement('policy-banner').
  }

  get document() {
    return this.getAttribute('document') || 'privacy'
  }

  get locale() {
    return this.getAttribute('locale') || document.documentElement.lang || ''
  }

  connectedCallback() {
    // Takes no space until there is something to show.
    if (!this._model) this.hidden = true
    this._load()
  }

  disconnectedCallback() {
    this._controller?.abort()
    this._controller = null
  }

  attributeChangedCallback(_name, oldValue, newValue) {
    if (oldValue !== newValue && this.isConnected) this._load()
  }

  /** Dismisses the banner now (as the button does) and remembers its version. */
  dismiss() {
    const model = this._model
    if (!model) return
    const hadFocus = this._region?.contains(this._root.activeElement) ?? false
    writeSeen(this.document, model.version)
    this._render(null)
    if (hadFocus) this._moveFocus()
    this.dispatchEvent(
      new CustomEvent('policy-banner:dismiss', {
        bubbles: true,
        composed: true,
        detail: { document: this.document, version: model.version },
      }),
    )
  }

  async _load() {
    this._controller?.abort()
    const controller = new AbortController()
    this._controller = controller
    const timer = setTimeout(() => controller.abort(), FETCH_TIMEOUT_MS)
    const key = this.document
    try {
      const response = await fetch(
        bannerUrl(this.getAttribute('api'), key, this.locale, readSeen(key)),
        {
          credentials: 'omit',
          headers: { accept: 'application/json' },
          signal: controller.signal,
        },
      )
      const model = response.ok ? toBannerModel(await response.json()) : null
      if (controller !== this._controller) return
      // Dismissed in another tab (or the server did not know): trust the local record too.
      this._render(model && readSeen(key) === model.version ? null : model)
    } catch {
      // No banner when the API cannot be reached: the page itself must never break.
      if (controller === this._controller) this._render(null)
    } finally {
      clearTimeout(timer)
    }
  }

  _render(model) {
    this._model = model
    this._region?.remove()
    this._region = null
    this.hidden = !model
    if (!model) return

    const region = document.createElement('div')
    region.className = 'policy-banner'
    region.setAttribute('part', 'region')
    region.setAttribute('role', 'region')
    region.setAttribute('aria-label', model.ariaLabel)
    if (model.lang) region.lang = model.lang
    region.dataset.version = model.version
    region.dataset.phase = model.phase

    const message = document.createElement('p')
    message.className = 'policy-banner__message'
    message.setAttribute('part', 'message')
    message.textContent = model.note ? `${model.message} ${model.note}` : model.message
    region.append(message)

    // Links and the button wrap together, below the message when the banner is narrow.
    const actions = document.createElement('div')
    actions.className = 'policy-banner__actions'
    actions.setAttribute('part', 'actions')
    region.append(actions)

    if (model.links.length > 0) {
      const list = document.createElement('ul')
      list.className = 'policy-banner__links'
      list.setAttribute('part', 'links')
      for (const link of model.links) {
        const item = document.createElement('li')
        const anchor = document.createElement('a')
        anchor.href = link.href
        anchor.textContent = link.label
        anchor.setAttribute('part', 'link')
        anchor.dataset.link = link.name
        item.append(anchor)
        list.append(item)
      }
      actions.append(list)
    }

    const button = document.createElement('button')
    button.type = 'button'
    button.className = 'policy-banner__dismiss'
    button.setAttribute('part', 'dismiss')
    button.textContent = model.dismissLabel
    button.addEventListener('click', () => this.dismiss())
    actions.append(button)

    region.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && !event.defaultPrevented) {
        event.preventDefault()
        this.dismiss()
      }
    })

    this._region = region
    this._root.append(region)
  }

  /** After a dismiss from inside the banner, focus goes to the page's main content, not to nowhere. */
  _moveFocus() {
    let target
    try {
      target = document.querySelector(this.getAttribute('focus-target') || 'main, [role="main"]')
    } catch {
      target = null
    }
    if (target instanceof HTMLElement) {
      if (!target.hasAttribute('tabindex') && target.tabIndex < 0)
        target.setAttribute('tabindex', '-1')
      target.focus({ preventScroll: true })
    } else if (document.activeElement instanceof HTMLElement) {
      document.activeElement.blur()
    }
  }
}

if (typeof customElements !== 'undefined' && !customElements.get('policy-banner')) {
  customElements.define('policy-banner', PolicyBannerElement)
}
