import { releaseStatus } from '../../src/releases/index.js'

const entries = [
  { effectiveAt: '2026-01-01T00:00:00.000Z', version: '1.0' },
  { effectiveAt: '2026-03-01T00:00:00.000Z', version: '1.1' },
  { effectiveAt: '2026-06-01T00:00:00.000Z', status: 'withdrawn' as const, version: '2.0' },
  { effectiveAt: '2026-09-01T00:00:00.000Z', version: '3.0' },
]

describe('releaseStatus', () => {
  it('names the release in force, the superseded ones, the upcoming one and a withdrawn one', () => {
    const at = new Date('2026-07-01T00:00:00.000Z')
    expect(entries.map((entry) => releaseStatus(entries, entry.version, at))).toEqual([
      'superseded',
      'in-force',
      'withdrawn',
      'upcoming',
    ])
    expect(releaseStatus(entries, '9.9', at)).toBeUndefined()
  })

  it('moves with time alone', () => {
    expect(releaseStatus(entries, '3.0', new Date('2026-09-01T00:00:00.000Z'))).toBe('in-force')
    expect(releaseStatus(entries, '1.1', new Date('2026-09-01T00:00:00.000Z'))).toBe('superseded')
  })
})
