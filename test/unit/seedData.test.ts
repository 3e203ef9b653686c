import type { SeedLocale, SeedStatement } from '../../seed/types.js'
import type { Block, ListItem } from '../../src/types.js'

import { seedReleases } from '../../seed/data/history.js'
import { buildSeedStatement, SECTION_TABLE, seedStatement } from '../../seed/data/privacy.js'
import { escapeHtml } from '../../src/i18n/index.js'
import { SECTION_KINDS } from '../../src/types.js'
import { inlineTexts } from '../helpers/blocks.js'

const LOCALES: SeedLocale[] = ['da', 'en']

/** The shape of a body without its words: block types, list kinds, item counts and nesting. */
function shape(blocks: readonly Block[]): unknown {
  const items = (list: readonly ListItem[]): unknown => list.map((item) => items(item.children))
  return blocks.map((block) =>
    block.type === 'list' ? { items: items(block.items), ordered: block.ordered } : 'p',
  )
}

/** Every text in a statement with a path that is the same in both locales, e.g. `purposes/1/0`. */
function texts(statement: SeedStatement, locale: SeedLocale): Map<string, string> {
  const out = new Map<string, string>([['title', statement.title[locale]]])
  const walk = (prefix: string, list: readonly ListItem[]): void => {
    list.forEach((item, index) => {
      out.set(`${prefix}/${index}`, item.text)
      walk(`${prefix}/${index}`, item.children)
    })
  }
  for (const section of statement.sections) {
    out.set(`${section.key}/heading`, section.heading[locale])
    section.blocks[locale].forEach((block, index) => {
      if (block.type === 'list') {
        walk(`${section.key}/${index}`, block.items)
      } else if (block.type === 'paragraph') {
        out.set(`${section.key}/${index}`, block.text)
      }
    })
  }
  return out
}

/** Paths whose text differs between two statements of the same structure, per locale. */
function changedPaths(before: SeedStatement, after: SeedStatement, locale: SeedLocale): string[] {
  const a = texts(before, locale)
  const b = texts(after, locale)
  expect([...b.keys()]).toEqual([...a.keys()])
  return [...a.keys()].filter((key) => a.get(key) !== b.get(key))
}

function listOf(statement: SeedStatement, key: string, locale: SeedLocale): ListItem[] {
  const block = statement.sections
    .find((section) => section.key === key)
    ?.blocks[locale].find((candidate) => candidate.type === 'list')
  if (block?.type !== 'list') {
    throw new Error(`no list in ${key}`)
  }
  return block.items
}

function release(version: string): SeedStatement {
  const found = seedReleases.find((candidate) => candidate.version === version)
  if (!found) {
    throw new Error(`no release ${version}`)
  }
  return found.statement
}

describe('seedStatement', () => {
  it('has the nine sections with stable keys and kinds, in document order', () => {
    expect(seedStatement.sections.map((section) => [section.key, section.kind])).toEqual([
      ['introduction', 'controller'],
      ['key-concepts', 'definitions'],
      ['personal-data', 'data-categories'],
      ['collection', 'sources'],
      ['purposes', 'purposes'],
      ['security', 'security'],
      ['rights', 'rights'],
      ['correction-erasure', 'rights'],
      ['third-parties', 'recipients'],
    ])
    expect(seedStatement.sections.every((section) => SECTION_KINDS.includes(section.kind))).toBe(
      true,
    )
    expect(new Set(seedStatement.sections.map((section) => section.key)).size).toBe(
      SECTION_TABLE.length,
    )
  })

  it('takes the Danish from the source text and the introduction names the data controller', () => {
    expect(seedStatement.title.da).toBe(
      'Persondataerklæring; netbaseret behandling af personoplysninger',
    )
    expect(seedStatement.sections[0]?.heading).toEqual({ da: 'Indledning', en: 'Introduction' })
    const controller = seedStatement.sections[0]?.blocks
    expect(controller && inlineTexts(controller.da)[1]?.text).toMatch(
      /^Jackon Danmark A\/S er dataansvarlig/,
    )
    expect(controller && inlineTexts(controller.en)[1]?.text).toMatch(
      /^Jackon Danmark A\/S is the data controller/,
    )
  })

  it('has the same structure in Danish and English, section by section', () => {
    for (const section of seedStatement.sections) {
      expect({ key: section.key, shape: shape(section.blocks.en) }).toEqual({
        key: section.key,
        shape: shape(section.blocks.da),
      })
    }
    expect(
      shape(
        seedStatement.sections.find((section) => section.key === 'collection')?.blocks.en ?? [],
      ),
    ).toEqual(['p', { items: [[], [[[], []]]], ordered: false }])
  })

  it('translates every text: English differs from Danish everywhere and has no Danish letters', () => {
    const da = texts(seedStatement, 'da')
    const en = texts(seedStatement, 'en')
    expect([...en.keys()]).toEqual([...da.keys()])
    for (const [path, english] of en) {
      expect({ path, same: english === da.get(path) }).toEqual({ path, same: false })
      expect({ path, english }).toEqual({ path, english: expect.not.stringMatching(/[æøåÆØÅ]/) })
    }
  })

  it('stores normalized text with html equal to the escaped text, in both locales', () => {
    for (const section of seedStatement.sections) {
      for (const locale of LOCALES) {
        expect(section.heading[locale].trim()).not.toBe('')
        for (const inline of inlineTexts(section.blocks[locale])) {
          expect(inline.html).toBe(escapeHtml(inline.text))
          expect(inline.text).toBe(inline.text.replace(/\s+/g, ' ').trim())
          expect(inline.text).not.toBe('')
        }
      }
    }
  })

  it('refuses source text whose headings do not match the section table', () => {
    expect(() => buildSeedStatement('Titel\n\nIntro.\n\nEn anden overskrift\n\nTekst.')).toThrow(
      /SECTION_TABLE/,
    )
  })
})

describe('seedReleases', () => {
  it('lists 1.0, 1.1 and 2.0 in order with their kinds and effective dates', () => {
    expect(seedReleases.map((entry) => [entry.version, entry.kind, entry.effectiveAt])).toEqual([
      ['1.0', 'material', '2025-01-01T00:00:00.000Z'],
      ['1.1', 'minor', '2025-06-01T00:00:00.000Z'],
      ['2.0', 'material', '2026-03-01T00:00:00.000Z'],
    ])
    for (const entry of seedReleases) {
      expect(new Date(entry.effectiveAt).toISOString()).toBe(entry.effectiveAt)
      expect(entry.changeNote.da.trim()).not.toBe('')
      expect(entry.changeNote.en.trim()).not.toBe('')
    }
  })

  it('1.0 is the seed statement, as an independent copy', () => {
    const v1 = release('1.0')
    expect(v1).toEqual(seedStatement)
    expect(v1).not.toBe(seedStatement)
    expect(v1.sections[0]?.blocks.da).not.toBe(seedStatement.sections[0]?.blocks.da)
  })

  it('keeps Danish and English structurally identical in every release', () => {
    for (const entry of seedReleases) {
      for (const section of entry.statement.sections) {
        expect({
          version: entry.version,
          key: section.key,
          shape: shape(section.blocks.en),
        }).toEqual({
          version: entry.version,
          key: section.key,
          shape: shape(section.blocks.da),
        })
      }
    }
  })

  it('1.1 only fixes wording: same structure, three texts changed in each locale', () => {
    const before = release('1.0')
    const after = release('1.1')
    for (const locale of LOCALES) {
      for (const [index, section] of after.sections.entries()) {
        expect(shape(section.blocks[locale])).toEqual(
          shape(before.sections[index]?.blocks[locale] ?? []),
        )
      }
      expect(changedPaths(before, after, locale)).toEqual([
        'personal-data/0',
        'purposes/1/0',
        'correction-erasure/0',
      ])
      // The first two edits only add the missing closing period.
      const a = texts(before, locale)
      const b = texts(after, locale)
      expect(b.get('personal-data/0')).toBe(`${a.get('personal-data/0')}.`)
      expect(b.get('purposes/1/0')).toBe(`${a.get('purposes/1/0')}.`)
    }
    expect(texts(after, 'da').get('correction-erasure/0')).toBe(
      'Information rettes eller slettes på anmodning ved at kontakte vores kundeservice.',
    )
    expect(texts(before, 'da').get('correction-erasure/0')).toContain('på opfordring')
  })

  it('2.0 adds exactly a location data category and a location-based purpose, in both locales', () => {
    const before = release('1.1')
    const after = release('2.0')
    const added: Record<SeedLocale, { category: string; purpose: string }> = {
      da: {
        category: 'Lokationsdata (omtrentlig placering baseret på IP-adresse)',
        purpose:
          'For at forebygge svindel og udarbejde statistik over, hvorfra vores digitale kanaler bruges, ud fra din omtrentlige placering.',
      },
      en: {
        category: 'Location data (approximate location based on IP address)',
        purpose:
          'To prevent fraud and to compile statistics on where our digital channels are used from, based on your approximate location.',
      },
    }
    for (const locale of LOCALES) {
      const categories = listOf(after, 'personal-data', locale)
      const purposes = listOf(after, 'purposes', locale)
      expect(categories).toHaveLength(listOf(before, 'personal-data', locale).length + 1)
      expect(purposes).toHaveLength(listOf(before, 'purposes', locale).length + 1)
      expect(categories[6]).toEqual({
        children: [],
        html: escapeHtml(added[locale].category),
        text: added[locale].category,
      })
      expect(purposes[5]).toEqual({
        children: [],
        html: escapeHtml(added[locale].purpose),
        text: added[locale].purpose,
      })

      // Taking the two new items out gives back 1.1 exactly: nothing else changed.
      const reverted = structuredClone(after)
      listOf(reverted, 'personal-data', locale).splice(6, 1)
      listOf(reverted, 'purposes', locale).splice(5, 1)
      const other: SeedLocale = locale === 'da' ? 'en' : 'da'
      listOf(reverted, 'personal-data', other).splice(6, 1)
      listOf(reverted, 'purposes', other).splice(5, 1)
      expect(reverted).toEqual(before)
    }
    expect(after.sections.map((section) => [section.key, section.kind])).toEqual(
      before.sections.map((section) => [section.key, section.kind]),
    )
  })

  it('releases do not share mutable data', () => {
    const [first, second, third] = seedReleases
    expect(listOf(third?.statement ?? seedStatement, 'purposes', 'da')).not.toBe(
      listOf(second?.statement ?? seedStatement, 'purposes', 'da'),
    )
    expect(listOf(second?.statement ?? seedStatement, 'purposes', 'en')).not.toBe(
      listOf(first?.statement ?? seedStatement, 'purposes', 'en'),
    )
    expect(listOf(first?.statement ?? seedStatement, 'purposes', 'da')).toHaveLength(6)
  })
})
