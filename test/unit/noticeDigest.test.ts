import { deliveryKeyFor, normalizeAddress } from '../../plugin/notices/fanOut.js'
import { type NoticeSender, type OutgoingNotice, rateLimited } from '../../plugin/notices/sender.js'
import { noticeDigest } from '../../src/notices/index.js'

const message: OutgoingNotice = {
  from: { address: 'privacy@example.com', name: 'Jackon Danmark A/S' },
  headers: {
    'List-Unsubscribe': '<https://example.com/u?t=1>',
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  },
  html: '<p>Vi har ændret vores persondataerklæring.</p>',
  messageId: '<policy-notice.abc@example.com>',
  subject: 'Vi har opdateret vores persondataerklæring',
  text: 'Vi har ændret vores persondataerklæring.',
  to: 'ane@example.com',
}

describe('noticeDigest (proof of delivery)', () => {
  it('gives the same SHA-256 for the same message, whatever the header order', () => {
    const reordered = {
      ...message,
      headers: {
        'List-Unsubscribe-Post': message.headers['List-Unsubscribe-Post']!,
        'List-Unsubscribe': message.headers['List-Unsubscribe']!,
      },
    }
    expect(noticeDigest(message)).toMatch(/^[0-9a-f]{64}$/)
    expect(noticeDigest(reordered)).toBe(noticeDigest(message))
  })

  it('changes when anything the reader sees or the recipient changes', () => {
    const base = noticeDigest(message)
    for (const changed of [
      { ...message, text: `${message.text} ` },
      { ...message, html: message.html.replace('ændret', 'opdateret') },
      { ...message, subject: 'Other' },
      { ...message, to: 'bo@example.com' },
      { ...message, messageId: '<other@example.com>' },
      {
        ...message,
        headers: { ...message.headers, 'List-Unsubscribe': '<https://example.com/u?t=2>' },
      },
    ]) {
      expect(noticeDigest(changed)).not.toBe(base)
    }
  })
})

describe('delivery keys', () => {
  it('are one per normalized address and notice, so an address in two audiences is planned once', () => {
    expect(normalizeAddress('  Ane@Example.COM ')).toBe('ane@example.com')
    expect(deliveryKeyFor(7, 'Ane@Example.com')).toBe(deliveryKeyFor(7, 'ane@example.com '))
    expect(deliveryKeyFor(7, 'ane@example.com')).not.toBe(deliveryKeyFor(8, 'ane@example.com'))
    expect(deliveryKeyFor(7, 'ane@example.com')).toMatch(/^7:[0-9a-f]{32}$/)
  })
})

describe('the sender seam', () => {
  it('caps a sender at maxPerSecond and keeps one result per message, in order', async () => {
    const sent: string[] = []
    const double: NoticeSender = {
      send: async (messages) => {
        sent.push(...messages.map((m) => m.to))
        return messages.map((m) =>
          m.to.startsWith('bad')
            ? { error: new Error('550 no such user'), ok: false }
            : { ok: true, response: '250 queued' },
        )
      },
    }
    const limited = rateLimited(double, 20)
    const started = Date.now()
    const results = await limited.send(
      ['a@x.dk', 'bad@x.dk', 'c@x.dk', 'd@x.dk', 'e@x.dk'].map((to) => ({ ...message, to })),
    )
    // 5 messages at 20/s: the last one waits for its slot, 4 × 50 ms after the first.
    expect(Date.now() - started).toBeGreaterThanOrEqual(190)
    expect(results.map((r) => r.ok)).toEqual([true, false, true, true, true])
    expect(sent).toEqual(['a@x.dk', 'bad@x.dk', 'c@x.dk', 'd@x.dk', 'e@x.dk'])
  })
})
