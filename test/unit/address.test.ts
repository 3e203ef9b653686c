import { mailboxKey, parseEmailAddress } from '../../src/subscriptions/address.js'

describe('parseEmailAddress (issue 9, item 8)', () => {
  it.each([
    ['Anna@Example.com', 'anna@example.com'],
    ['  anna@example.com  ', 'anna@example.com'],
    ['anna@exämple.com', 'anna@xn--exmple-cua.com'],
    ['søren@example.dk'.replace('ø', 'o'), 'soren@example.dk'],
    ['a@例え.テスト', 'a@xn--r8jz45g.xn--zckzah'],
    ["o'brien+news@example.co.uk", "o'brien+news@example.co.uk"],
  ])('accepts %s as %s', (input, address) => {
    expect(parseEmailAddress(input)).toMatchObject({ address, ok: true })
  })

  it.each([
    ['ü@exämple.com', 'non-ascii-local-part'],
    ['jørgen@example.dk', 'non-ascii-local-part'],
    ['a\u0000@example.com', 'control-characters'],
    ['a@example.com\r\nBcc: b@example.com', 'control-characters'],
    ['a\u0085@example.com', 'control-characters'],
    ['a\u2028@example.com', 'control-characters'],
    [`${'a'.repeat(65)}@example.com`, 'too-long'],
    [`a@${Array(5).fill('b'.repeat(60)).join('.')}.com`, 'too-long'],
    ['"quoted"@example.com', 'invalid'],
    ['a..b@example.com', 'invalid'],
    ['a@localhost', 'invalid'],
    ['a@exa mple.com', 'invalid'],
    ['@example.com', 'invalid'],
    ['a@', 'invalid'],
    [42, 'invalid'],
    [undefined, 'invalid'],
  ])('refuses %j (%s)', (input, problem) => {
    expect(parseEmailAddress(input)).toEqual({ ok: false, problem })
  })
})

describe('mailboxKey (issue 9, item 6): one rate limit per mailbox, not per spelling', () => {
  it('ignores case and +tags', () => {
    const keys = [
      'victim+1@example.com',
      'Victim+2@Example.com',
      'victim+@example.com',
      'victim@example.com',
    ].map((a) => mailboxKey(a.toLowerCase()))
    expect(new Set(keys)).toEqual(new Set(['victim@example.com']))
  })
  it('ignores dots only where the provider does', () => {
    expect(mailboxKey('v.i.c.t.i.m@gmail.com')).toBe('victim@gmail.com')
    expect(mailboxKey('victim+x@googlemail.com')).toBe('victim@gmail.com')
    expect(mailboxKey('v.ictim@example.com')).toBe('v.ictim@example.com')
  })
})
