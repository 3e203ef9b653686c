import type { NoticeInput } from '../../src/notices/index.js'

import { resources } from '../../src/i18n/locales/index.js'
import {
  backoffDelay,
  classifySmtpError,
  fillUrlTemplate,
  formatDate,
  listUnsubscribeHeaders,
  messageIdFor,
  pickLocale,
  renderConfirmationEmail,
  renderCorrectionNotice,
  renderManageEmail,
  renderNotice,
  urlTemplatePlaceholders,
} from '../../src/notices/index.js'

const base: NoticeInput = {
  changeNote: 'Vi bruger nu en ny leverandør til nyhedsbreve.\nDen ligger i EU.\n\nSe afsnit 5.',
  compareUrl: 'https://example.dk/da/privatliv/sammenlign?from=1.4&to=2.0',
  diffSummary: '- Afsnit 5 »Modtagere« er ændret\n- Afsnit 8 er tilføjet',
  effectiveAt: '2025-03-01',
  manageUrl: 'https://example.dk/abonnement?t=manage-token',
  previousVersion: '1.4',
  siteName: 'Eksempel A/S',
  statementUrl: 'https://example.dk/da/privatliv',
  title: 'Persondataerklæring',
  unsubscribeMailto: 'mailto:afmeld@example.dk?subject=unsubscribe',
  unsubscribeUrl: 'https://example.dk/api/policies/unsubscribe?t=unsub-token',
  version: '2.0',
}

const XSS_PAYLOADS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' onmouseover='x",
  '</title><svg/onload=alert(1)>',
  '<a href="javascript:alert(1)">klik</a>',
  '&lt;script&gt;',
  '{{siteName}} $t(notices.common.unsubscribe)',
]

const ALLOWED_TAGS = new Set([
  'a',
  'body',
  'br',
  'div',
  'h1',
  'h2',
  'head',
  'hr',
  'html',
  'li',
  'meta',
  'p',
  'title',
  'ul',
])
const ALLOWED_ATTRIBUTES = new Set([
  'aria-label',
  'aria-roledescription',
  'charset',
  'content',
  'dir',
  'href',
  'lang',
  'name',
  'role',
  'style',
])

/**
 * Asserts that `html` is made only of our own markup: every tag is on the allowlist and strictly
 * well-formed with double-quoted attribute values, no attribute is an event handler, every link is
 * http(s) or mailto, and no `<` or `>` is left in text. Returns the text content, unescaped.
 */
function expectInert(html: string): string {
  const body = html.replace(/^<!DOCTYPE html>\n/, '')
  const text: string[] = []
  let last = 0
  for (const match of body.matchAll(/<[^>]*>/g)) {
    text.push(body.slice(last, match.index))
    last = match.index + match[0].length
    const tag = /^<\/?([a-z0-9]+)((?:\s+[a-z-]+="[^"<>]*")*)\s*>$/.exec(match[0])
    expect(tag).not.toBeNull()
    expect(ALLOWED_TAGS.has(tag?.[1] ?? '')).toBe(true)
    for (const [, name, value] of (tag?.[2] ?? '').matchAll(/([a-z-]+)="([^"]*)"/g)) {
      expect(ALLOWED_ATTRIBUTES.has(name ?? '')).toBe(true)
      if (name === 'href') expect(value).toMatch(/^(https?:\/\/|mailto:)/)
    }
  }
  text.push(body.slice(last))
  const joined = text.join('')
  expect(joined).not.toMatch(/[<>]/)
  return joined
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
}

describe('renderNotice', () => {
  it('writes natural Danish for Danish subscribers', () => {
    const mail = renderNotice(base, 'da', 'en')
    expect(mail.subject).toBe(
      'Vi har opdateret »Persondataerklæring« – version 2.0 gælder fra 1. marts 2025',
    )
    expect(mail.text).toContain(
      'Vi har ændret »Persondataerklæring« på Eksempel A/S. Version 2.0 afløser version 1.4.',
    )
    expect(mail.text).toContain('Hvad er ændret')
    expect(mail.text).toContain('Den nye version gælder fra 1. marts 2025.')
    expect(mail.text).toContain(
      'Se ændringerne: https://example.dk/da/privatliv/sammenlign?from=1.4&to=2.0',
    )
    expect(mail.text).toContain('Læs hele teksten: https://example.dk/da/privatliv')
    expect(mail.text).toContain('Afmeld: https://example.dk/api/policies/unsubscribe?t=unsub-token')
    expect(mail.text).toContain(
      'Se, ret eller slet dine oplysninger: https://example.dk/abonnement?t=manage-token',
    )
    expect(mail.html).toContain('<html lang="da"')
    expect(mail.html).toContain('>Afmeld</a>')
    expect(mail.html).toContain(
      '<a href="https://example.dk/da/privatliv/sammenlign?from=1.4&amp;to=2.0"',
    )
    expect(mail.text).not.toContain('See the changes')
  })

  it('writes English for English subscribers, with an English date', () => {
    const mail = renderNotice(base, 'en', 'da')
    expect(mail.subject).toBe(
      'We have updated “Persondataerklæring” – version 2.0 applies from March 1, 2025',
    )
    expect(mail.text).toContain(
      'See the changes: https://example.dk/da/privatliv/sammenlign?from=1.4&to=2.0',
    )
    expect(mail.text).toContain(
      'Unsubscribe: https://example.dk/api/policies/unsubscribe?t=unsub-token',
    )
    expect(mail.text).not.toContain('Se ændringerne')
    expect(mail.html).toContain('<html lang="en"')
  })

  it('falls back to the configured locale for a language we have no copy for, and matches regions', () => {
    expect(renderNotice(base, 'sv', 'da').subject).toMatch(/^Vi har opdateret/)
    expect(renderNotice(base, 'sv', 'en').subject).toMatch(/^We have updated/)
    expect(renderNotice(base, 'da-DK', 'en').subject).toMatch(/^Vi har opdateret/)
    expect(renderNotice(base, 'sv', 'fi').subject).toMatch(/^We have updated/)
  })

  it('carries exactly the RFC 8058 one-click headers', () => {
    expect(renderNotice(base, 'da', 'en').headers).toEqual({
      'List-Unsubscribe':
        '<https://example.dk/api/policies/unsubscribe?t=unsub-token>, <mailto:afmeld@example.dk?subject=unsubscribe>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    })
  })

  it('renders the diff summary as a list and the change note as paragraphs with line breaks', () => {
    const { html, text } = renderNotice(base, 'da', 'en')
    expect(html).toContain('<li>Afsnit 5 »Modtagere« er ændret</li><li>Afsnit 8 er tilføjet</li>')
    expect(html).toContain('Vi bruger nu en ny leverandør til nyhedsbreve.<br>Den ligger i EU.</p>')
    expect(text).toContain(
      'Overblik over ændringerne\n\n- Afsnit 5 »Modtagere« er ændret\n- Afsnit 8 er tilføjet',
    )
  })

  it('leaves out the summary section without a summary, and the compare link without a previous version', () => {
    const mail = renderNotice(
      { ...base, compareUrl: undefined, diffSummary: undefined, previousVersion: undefined },
      'da',
      'en',
    )
    expect(mail.text).not.toContain('Overblik over ændringerne')
    expect(mail.text).not.toContain('Se ændringerne')
    expect(mail.text).toContain(
      'Vi har offentliggjort version 2.0 af »Persondataerklæring« på Eksempel A/S.',
    )
    expect(renderNotice({ ...base, diffSummary: '  \n ' }, 'da', 'en').text).not.toContain(
      'Overblik',
    )
  })

  it.each(XSS_PAYLOADS)(
    'keeps %j inert in HTML and intact in text, wherever it is interpolated',
    (payload) => {
      const mail = renderNotice(
        {
          ...base,
          changeNote: `Før ${payload} efter`,
          diffSummary: `- ${payload}\nAlmindelig linje ${payload}`,
          previousVersion: payload,
          siteName: payload,
          title: payload,
          version: payload,
        },
        'da',
        'en',
      )
      const visible = expectInert(mail.html)
      expect(visible).toContain(`Før ${payload} efter`)
      expect(visible).toContain(`»${payload}«`)
      expect(mail.text).toContain(`Før ${payload} efter`)
      expect(mail.text).toContain(`Almindelig linje ${payload}`)
      // A summary made only of bullets goes through the list renderer instead of the paragraph one.
      const listed = renderNotice(
        { ...base, diffSummary: `- ${payload}\n• ${payload}` },
        'da',
        'en',
      )
      expect(expectInert(listed.html)).toContain(`${payload}${payload}`)
      expect(listed.html).toContain('<ul')
      expect(mail.text).toContain(`»${payload}«`)
      expect(mail.subject).toContain(payload)
    },
  )

  it('does not let i18next expand interpolation or nesting syntax inside values', () => {
    const mail = renderNotice(
      { ...base, title: '{{siteName}}', changeNote: '$t(notices.common.unsubscribe) {{date}}' },
      'en',
      'en',
    )
    expect(mail.text).toContain('“{{siteName}}”')
    expect(mail.text).toContain('$t(notices.common.unsubscribe) {{date}}')
  })

  it('keeps the subject on one line whatever the title contains', () => {
    const mail = renderNotice(
      { ...base, title: 'Privatliv\r\nBcc: victim@example.com\u0000' },
      'da',
      'en',
    )
    expect(mail.subject).not.toMatch(/[\r\n\u0000]/)
    expect(mail.subject).toContain('Privatliv Bcc: victim@example.com')
  })

  it.each([
    ['javascript:alert(1)'],
    ['JaVaScRiPt:alert(1)'],
    ['  javascript:alert(1)'],
    ['java\tscript:alert(1)'],
    ['data:text/html,<script>alert(1)</script>'],
    ['vbscript:msgbox(1)'],
    ['/relative/path'],
    ['//evil.example/x'],
    ['not a url'],
    [''],
  ])('refuses %j as any link instead of rendering it', (url) => {
    for (const field of [
      'compareUrl',
      'statementUrl',
      'manageUrl',
      'unsubscribeUrl',
      'unsubscribeMailto',
    ] as const) {
      expect(() => renderNotice({ ...base, [field]: url }, 'da', 'en')).toThrow(new RegExp(field))
    }
  })

  it('escapes quotes and brackets in accepted URLs for the attribute and the header', () => {
    const mail = renderNotice(
      {
        ...base,
        compareUrl: `https://example.dk/x"><img src=x onerror=alert(1)>?q=' onmouseover='x`,
        unsubscribeMailto: 'mailto:afmeld@example.dk?subject=a>b,<c>',
        unsubscribeUrl: 'https://example.dk/u?t=a>b,<c>',
      },
      'da',
      'en',
    )
    expectInert(mail.html)
    expect(mail.html).toContain(
      'href="https://example.dk/x%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E?q=%27%20onmouseover=%27x"',
    )
    expect(mail.html).not.toContain("' onmouseover")
    const header = mail.headers['List-Unsubscribe'] ?? ''
    expect(header.match(/[<>]/g)).toEqual(['<', '>', '<', '>'])
  })

  it('only allows plain http for the unsubscribe link on loopback hosts', () => {
    expect(() => listUnsubscribeHeaders('http://example.dk/u', 'mailto:a@example.dk')).toThrow(
      /RFC 8058/,
    )
    expect(
      listUnsubscribeHeaders('http://localhost:3000/u', 'mailto:a@example.dk')['List-Unsubscribe'],
    ).toBe('<http://localhost:3000/u>, <mailto:a@example.dk>')
    expect(() => listUnsubscribeHeaders('https://example.dk/u', 'https://example.dk/mail')).toThrow(
      /unsubscribeMailto/,
    )
  })

  it('refuses empty required text and an invalid effective date', () => {
    expect(() => renderNotice({ ...base, changeNote: '  ' }, 'da', 'en')).toThrow(/changeNote/)
    expect(() => renderNotice({ ...base, title: '' }, 'da', 'en')).toThrow(/title/)
    expect(() => renderNotice({ ...base, effectiveAt: 'soon' }, 'da', 'en')).toThrow(/ISO date/)
  })
})

describe('copy', () => {
  const strings = (value: unknown, path = ''): Array<[string, string]> =>
    typeof value === 'string'
      ? [[path, value]]
      : Object.entries(value as Record<string, unknown>).flatMap(([key, child]) =>
          strings(child, path ? `${path}.${key}` : key),
        )

  it('has the same keys in Danish and English for notices and banner', () => {
    for (const ns of ['notices', 'banner'] as const) {
      const da = strings(resources.da.translation[ns]).map(([key]) => key)
      const en = strings(resources.en.translation[ns]).map(([key]) => key)
      expect(da.sort()).toEqual(en.sort())
      expect(da.length).toBeGreaterThan(5)
    }
  })

  it('contains no HTML-special characters, because HTML renderers escape values, not copy', () => {
    for (const lang of ['da', 'en'] as const) {
      for (const ns of ['notices', 'banner'] as const) {
        for (const [key, value] of strings(resources[lang].translation[ns])) {
          expect(`${lang}:${ns}.${key} ${value}`).not.toMatch(/[<>&"']/)
        }
      }
    }
  })

  it('keeps the Danish and English text apart', () => {
    expect(resources.da.translation.notices.common.unsubscribe).toBe('Afmeld')
    expect(resources.da.translation.notices.change.compare).toBe('Se ændringerne')
    expect(resources.en.translation.notices.common.unsubscribe).toBe('Unsubscribe')
  })
})

describe('renderConfirmationEmail', () => {
  const input = {
    confirmUrl: 'https://example.dk/api/policies/confirm?t=abc&l=da',
    expiresAt: '2025-03-01T12:00:00Z',
    siteName: 'Eksempel A/S',
    timeZone: 'Europe/Copenhagen',
    title: 'Persondataerklæring',
  }

  it('asks the subscriber to confirm, with the link, its expiry in local time, and no list headers', () => {
    const mail = renderConfirmationEmail(input, 'da', 'en')
    expect(mail.subject).toBe('Bekræft din tilmelding til ændringer i »Persondataerklæring«')
    expect(mail.text).toContain(
      'Bekræft tilmelding:\nhttps://example.dk/api/policies/confirm?t=abc&l=da',
    )
    expect(mail.html).toContain('<a href="https://example.dk/api/policies/confirm?t=abc&amp;l=da"')
    expect(mail.html).not.toContain('t=abc&l=da')
    expect(mail.text).toContain(
      'Linket virker indtil 1. marts 2025 kl. 13.00 CET og kan kun bruges én gang.',
    )
    expect(mail.headers).toEqual({})
    expect(expectInert(mail.html)).toContain('Bekræft tilmelding')
    expect(renderConfirmationEmail(input, 'en', 'da').subject).toBe(
      'Confirm your subscription to changes to “Persondataerklæring”',
    )
  })

  it('refuses a javascript: confirmation link', () => {
    expect(() =>
      renderConfirmationEmail({ ...input, confirmUrl: 'javascript:alert(1)' }, 'da', 'en'),
    ).toThrow(/confirmUrl/)
  })
})

describe('renderManageEmail', () => {
  it('links to the export, correction and erasure page', () => {
    const mail = renderManageEmail(
      {
        expiresAt: '2025-03-02T12:00:00Z',
        manageUrl: 'https://example.dk/abonnement?t=m',
        siteName: 'Eksempel A/S',
        title: '<b>x</b>',
      },
      'da',
      'en',
    )
    expect(mail.subject).toBe('Dit link til at administrere din tilmelding på Eksempel A/S')
    expect(mail.text).toContain(
      'Se, ret eller slet dine oplysninger:\nhttps://example.dk/abonnement?t=m',
    )
    expect(mail.text).toContain('hente en kopi af de oplysninger')
    expect(expectInert(mail.html)).toContain('»<b>x</b>«')
    const noExpiry = renderManageEmail(
      { manageUrl: 'https://example.dk/a', siteName: 'S', title: 'T' },
      'en',
      'en',
    )
    expect(noExpiry.text).not.toContain('The link works until')
  })
})

describe('renderCorrectionNotice', () => {
  it('announces a postponement with the old and new dates, with list headers', () => {
    const mail = renderCorrectionNotice(
      {
        ...base,
        effectiveAt: '2025-04-01',
        kind: 'postponed',
        note: 'Vi har brug for <mere> tid.',
        previousEffectiveAt: '2025-03-01',
      },
      'da',
      'en',
    )
    expect(mail.subject).toBe(
      'Ny dato: version 2.0 af »Persondataerklæring« gælder fra 1. april 2025',
    )
    expect(mail.text).toContain('gælder nu først fra 1. april 2025 i stedet for 1. marts 2025.')
    expect(mail.text).toContain('Vi har brug for <mere> tid.')
    expect(mail.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click')
    expect(expectInert(mail.html)).toContain('Vi har brug for <mere> tid.')
  })

  it('announces a withdrawal in English', () => {
    const mail = renderCorrectionNotice({ ...base, kind: 'withdrawn' }, 'en', 'da')
    expect(mail.subject).toBe('Withdrawn: version 2.0 of “Persondataerklæring”')
    expect(mail.text).toContain(
      'It will not take effect, and the current version continues to apply.',
    )
    expect(mail.text).not.toContain('More about this')
  })
})

describe('messageIdFor', () => {
  const input = { domain: 'Example.DK', kind: 'notice', releaseId: 12, subscriberId: 'abc' }

  it('is deterministic and well-formed', () => {
    const id = messageIdFor(input)
    expect(id).toBe(messageIdFor({ ...input }))
    expect(id).toMatch(/^<policy-notice\.[0-9a-f]{32}@example\.dk>$/)
    expect(messageIdFor({ ...input, releaseId: '12' })).toBe(id)
  })

  it('differs for every part of the identity', () => {
    const ids = [
      messageIdFor(input),
      messageIdFor({ ...input, kind: 'correction' }),
      messageIdFor({ ...input, releaseId: 13 }),
      messageIdFor({ ...input, subscriberId: 'abd' }),
      messageIdFor({ ...input, variant: '2025-04-01' }),
      messageIdFor({ ...input, releaseId: '1', subscriberId: '2:abc' }),
      messageIdFor({ ...input, releaseId: '1:2', subscriberId: 'abc' }),
    ]
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('refuses a domain or kind that would break the header', () => {
    expect(() => messageIdFor({ ...input, domain: 'example.dk>\r\nBcc: x' })).toThrow(/domain/)
    expect(() => messageIdFor({ ...input, domain: '' })).toThrow(/domain/)
    expect(() => messageIdFor({ ...input, kind: 'No tice' })).toThrow(/kind/)
    expect(() => messageIdFor({ ...input, subscriberId: '' })).toThrow(/subscriberId/)
  })
})

describe('classifySmtpError', () => {
  const error = (props: Record<string, unknown>): Error => Object.assign(new Error('smtp'), props)

  it.each([
    ['421 service not available', 'temporary', error({ code: 'EPROTOCOL', responseCode: 421 })],
    ['450 mailbox busy', 'temporary', error({ code: 'EENVELOPE', responseCode: 450 })],
    ['451 local error', 'temporary', error({ code: 'EMESSAGE', responseCode: 451 })],
    ['452 insufficient storage', 'temporary', error({ responseCode: 452 })],
    ['550 no such user', 'permanent', error({ code: 'EENVELOPE', responseCode: 550 })],
    ['552 message too big', 'permanent', error({ code: 'EMESSAGE', responseCode: 552 })],
    ['554 transaction failed', 'permanent', error({ responseCode: 554 })],
    ['535 auth failed', 'permanent', error({ code: 'EAUTH', responseCode: 535 })],
    [
      'reply code only in the response text',
      'permanent',
      error({ response: '550 5.1.1 <x@example.dk>: Recipient address rejected' }),
    ],
    [
      '4xx only in the response text',
      'temporary',
      error({ response: '451 4.7.1 Greylisted, try again' }),
    ],
    ['dropped connection', 'temporary', error({ code: 'ECONNECTION' })],
    ['timeout', 'temporary', error({ code: 'ETIMEDOUT' })],
    ['socket error', 'temporary', error({ code: 'ESOCKET' })],
    ['server down', 'temporary', error({ code: 'ECONNREFUSED', errno: -111, syscall: 'connect' })],
    ['connection reset', 'temporary', error({ code: 'ECONNRESET' })],
    ['DNS failure', 'temporary', error({ code: 'EDNS' })],
    ['invalid recipient before sending', 'permanent', error({ code: 'EENVELOPE' })],
    ['bad message', 'permanent', error({ code: 'EMESSAGE' })],
    ['missing credentials', 'permanent', error({ code: 'EAUTH' })],
    ['unknown error', 'temporary', new Error('something odd')],
    ['a thrown string', 'temporary', 'boom'],
    ['null', 'temporary', null],
  ])('%s → %s', (_name, expected, err) => {
    expect(classifySmtpError(err)).toBe(expected)
  })
})

describe('backoffDelay', () => {
  const options = { baseMs: 1000, jitter: 'none' as const, maxMs: 60_000 }

  it('doubles per attempt up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((attempt) => backoffDelay(attempt, options))).toEqual([
      1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000,
    ])
    expect(backoffDelay(10_000, options)).toBe(60_000)
    expect(backoffDelay(0, options)).toBe(1000)
    expect(backoffDelay(Number.NaN, options)).toBe(1000)
  })

  it('jitters deterministically when given a random source', () => {
    expect(backoffDelay(3, { ...options, jitter: 'equal', random: () => 0 })).toBe(2000)
    expect(backoffDelay(3, { ...options, jitter: 'equal', random: () => 0.5 })).toBe(3000)
    expect(backoffDelay(3, { ...options, jitter: 'full', random: () => 0.25 })).toBe(1000)
    expect(backoffDelay(3, { baseMs: 1000, maxMs: 60_000, random: () => 0.999 })).toBe(3998)
  })

  it('stays within bounds with real randomness', () => {
    for (let i = 0; i < 200; i++) {
      const delay = backoffDelay(4, { baseMs: 1000, maxMs: 60_000 })
      expect(delay).toBeGreaterThanOrEqual(4000)
      expect(delay).toBeLessThanOrEqual(8000)
    }
  })
})

describe('pickLocale', () => {
  it.each([
    ['da', ['da', 'en'], 'en', 'da'],
    ['EN', ['da', 'en'], 'da', 'en'],
    ['da-DK', ['da', 'en'], 'en', 'da'],
    ['da_DK', ['da', 'en'], 'en', 'da'],
    ['en', ['da', 'en-GB'], 'da', 'en-GB'],
    ['sv', ['da', 'en'], 'da', 'da'],
    [undefined, ['da', 'en'], 'da', 'da'],
    [null, ['da', 'en'], 'en', 'en'],
    ['', ['da', 'en'], 'en', 'en'],
  ] as const)('%j from %j with fallback %j → %j', (wanted, available, fallback, expected) => {
    expect(pickLocale(wanted, available, fallback)).toBe(expected)
  })
})

describe('fillUrlTemplate', () => {
  it('fills placeholders with URI-component-encoded values', () => {
    expect(
      fillUrlTemplate('https://example.com/{locale}/privacy/compare?from={from}&to={to}', {
        from: '1.4',
        locale: 'da',
        to: '2.0',
      }),
    ).toBe('https://example.com/da/privacy/compare?from=1.4&to=2.0')
    expect(
      fillUrlTemplate('https://example.com/{key}/v/{version}', {
        key: 'privacy & cookies/x',
        version: '2.0?#',
      }),
    ).toBe('https://example.com/privacy%20%26%20cookies%2Fx/v/2.0%3F%23')
  })

  it('throws on unknown placeholders and missing values', () => {
    expect(() => fillUrlTemplate('https://example.com/{lang}', { locale: 'da' })).toThrow(
      /unknown placeholder \{lang\}/,
    )
    expect(() => fillUrlTemplate('https://example.com/?from={from}', {})).toThrow(
      /no value for \{from\}/,
    )
    expect(urlTemplatePlaceholders('https://x/{locale}?a={from}&b={to}')).toEqual([
      'locale',
      'from',
      'to',
    ])
  })
})

describe('formatDate', () => {
  it('keeps a date-only value on its calendar day in any time zone', () => {
    expect(formatDate('2025-03-01', 'da', { timeZone: 'America/Los_Angeles' })).toBe(
      '1. marts 2025',
    )
    expect(formatDate('2025-03-01', 'en', { timeZone: 'Pacific/Kiritimati' })).toBe('March 1, 2025')
  })

  it('formats timestamps in the configured zone', () => {
    expect(formatDate('2025-02-28T23:30:00Z', 'da', { timeZone: 'Europe/Copenhagen' })).toBe(
      '1. marts 2025',
    )
    expect(formatDate('2025-02-28T23:30:00Z', 'da')).toBe('28. februar 2025')
  })
})
