import { escapeHtml, getTranslator } from '../../src/i18n/index.js'

describe('getTranslator', () => {
  it('answers in the requested language and falls back to English for unknown locales', () => {
    expect(getTranslator('da')('common.localeName')).toBe('Dansk')
    expect(getTranslator('en')('common.localeName')).toBe('English')
    expect(getTranslator('sv')('common.localeName')).toBe('English')
  })
})

describe('escapeHtml', () => {
  it('escapes every character that can break a text node or a quoted attribute', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&`)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;',
    )
  })
})
