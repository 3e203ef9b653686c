import { compareSignals, sameButAddressCountries } from '../../src/materiality/signals.js'

const SIGNALS = ['contact', 'location', 'organisation'] as const

describe('a country written after a postal code and city', () => {
  it('is part of the address: writing it out or dropping it changes nothing', () => {
    const before = 'DeepL SE; Maarweg 165; D-50825 Cologne.'
    const after = 'DeepL SE; Maarweg 165; D-50825 Cologne, Germany.'
    expect(sameButAddressCountries(before, after, 'en')).toBe(true)
    expect(sameButAddressCountries(after, before, 'en')).toBe(true)
    expect(compareSignals([before], [after], 'en', [...SIGNALS])).toEqual([])
    expect(
      sameButAddressCountries(
        'Vester Voldgade 96, 1552 København V, driver BeMajor',
        'Vester Voldgade 96, 1552 København V, Danmark, driver BeMajor',
        'da',
      ),
    ).toBe(true)
  })

  it('is still a new location outside an address, and a new address is still a new contact', () => {
    expect(
      compareSignals(
        ['We store data in Germany.'],
        ['We store data in Germany and the USA.'],
        'en',
        [...SIGNALS],
      ),
    ).toEqual([{ added: ['usa'], category: 'location', removed: [] }])
    expect(
      sameButAddressCountries('We store data in Germany.', 'We store data in the USA.', 'en'),
    ).toBe(false)
    const moved = compareSignals(
      ['Usercentrics A/S, Havnegade 39, 1058 København, Danmark.'],
      ['Usercentrics A/S, Sendlinger Str. 7, 80331 München, Tyskland.'],
      'da',
      [...SIGNALS],
    )
    expect(moved.map((change) => change.category)).toEqual(['contact'])
  })
})
