import { SECTION_KINDS } from '../../src/types.js'

describe('domain types', () => {
  it('lists every section kind once', () => {
    expect(new Set(SECTION_KINDS).size).toBe(SECTION_KINDS.length)
  })
})
