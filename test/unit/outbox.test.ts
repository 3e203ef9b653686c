import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { outboxAdapter, readOutbox } from '../../dev/outbox/store.js'

describe('the development outbox', () => {
  it('keeps every e-mail with its text, HTML and addresses, newest last, in a file every process shares', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'outbox-'))
    try {
      const file = path.join(dir, 'outbox.json')
      const logged: string[] = []
      const adapter = outboxAdapter({
        defaultFromAddress: 'privacy@example.com',
        defaultFromName: 'Jackon',
        file,
      })({
        payload: { logger: { info: (msg: string) => logged.push(msg) } } as never,
      })
      await adapter.sendEmail({
        html: '<p>Bekræft: <a href="http://localhost:3000/c?t=1">link</a></p>',
        subject: 'Bekræft',
        text: 'Bekræft: http://localhost:3000/c?t=1',
        to: 'a@example.com',
      })
      await adapter.sendEmail({
        from: { address: 'x@example.com', name: 'X' },
        subject: 'Varsel',
        text: 'Ny version',
        to: ['b@example.com', 'c@example.com'],
      })
      const messages = readOutbox(file)
      expect(messages.map((message) => [message.subject, message.to, message.from])).toEqual([
        ['Bekræft', 'a@example.com', 'Jackon <privacy@example.com>'],
        ['Varsel', 'b@example.com, c@example.com', 'X <x@example.com>'],
      ])
      expect(messages[0]!.html).toContain('href="http://localhost:3000/c?t=1"')
      expect(logged[0]).toMatch(/\/admin\/outbox/)
      expect(readOutbox(path.join(dir, 'missing.json'))).toEqual([])
    } finally {
      rmSync(dir, { force: true, recursive: true })
    }
  })
})
