/**
 * The structural diff must not change *what* is reported as added or removed, only how it is
 * organized: when no section moves, its inserted and deleted words are exactly those of jsdiff's
 * `diffWords` over the whole text.
 */
import { diffWords } from 'diff'

import type { LocaleDiff } from '../../src/diff/types.js'
import type { LocaleSnapshot } from '../../src/types.js'

import { generateStatement, scatterEdits, wholeText } from '../../bench/diffData.js'
import { diffLocale } from '../../src/diff/index.js'
import { allTexts } from '../fixtures/diff/helpers.js'
import {
  edited,
  type FixtureLocale,
  item,
  listOf,
  p,
  paragraphOf,
  sectionOf,
  setText,
  statement,
} from '../fixtures/diff/statement.js'

// Words only, split the same way on both sides so tokenizer differences cannot matter.
const WORD = /[\p{L}\p{N}]+/gu

function bag(texts: string[]): string[] {
  return texts.flatMap((text) => text.match(WORD) ?? []).sort()
}

function ours(diff: LocaleDiff): { deleted: string[]; inserted: string[] } {
  const parts = allTexts(diff).flatMap((text) => text.parts)
  return {
    deleted: bag(parts.filter((x) => x.type === 'delete').map((x) => x.text)),
    inserted: bag(parts.filter((x) => x.type === 'insert').map((x) => x.text)),
  }
}

function whole(
  prev: LocaleSnapshot,
  next: LocaleSnapshot,
): { deleted: string[]; inserted: string[] } {
  const changes = diffWords(wholeText(prev), wholeText(next))
  return {
    deleted: bag(changes.filter((c) => c.removed).map((c) => c.value)),
    inserted: bag(changes.filter((c) => c.added).map((c) => c.value)),
  }
}

const EDITS: Record<FixtureLocale, (s: LocaleSnapshot) => void> = {
  da: (s) => {
    listOf(s, 'personal-data').items.splice(4, 0, item('Lokationsdata'))
    setText(
      listOf(s, 'purposes').items[0]!,
      'For at forbedre, teste og videreudvikle vores tjenester, apps og digitale kanaler',
    )
    sectionOf(s, 'rights').heading = 'Dine rettigheder'
    setText(
      paragraphOf(s, 'correction-erasure', 0),
      'Information rettes eller slettes på anmodning ved at kontakte vores kundeservice.',
    )
    setText(
      paragraphOf(s, 'personal-data', 0),
      'Jackon behandler ikke nogen form for sensitive personoplysninger.',
    )
    sectionOf(s, 'introduction').blocks.push(p('Erklæringen blev senest opdateret i marts 2026.'))
    listOf(s, 'rights').items.pop()
    s.title = 'Persondataerklæring: netbaseret behandling af personoplysninger'
  },
  en: (s) => {
    listOf(s, 'personal-data').items.splice(4, 0, item('Location data'))
    setText(
      listOf(s, 'purposes').items[0]!,
      'To improve, test and further develop our services, apps and digital channels',
    )
    sectionOf(s, 'rights').heading = 'Your rights'
    setText(
      paragraphOf(s, 'correction-erasure', 0),
      'Information will be corrected or erased on request if you contact our customer service.',
    )
    setText(
      paragraphOf(s, 'personal-data', 0),
      'Jackon does not process any form of sensitive personal data.',
    )
    sectionOf(s, 'introduction').blocks.push(p('This statement was last updated in March 2026.'))
    listOf(s, 'rights').items.pop()
    s.title = 'Privacy statement - online processing of personal data'
  },
}

describe('structural diff versus whole-text diffWords', () => {
  it.each(['da', 'en'] as FixtureLocale[])(
    'reports the same added and removed words for realistic edits (%s)',
    (locale) => {
      const prev = statement(locale)
      const next = edited(prev, EDITS[locale])
      const result = ours(diffLocale(prev, next, { locale }))
      expect(result.inserted.length).toBeGreaterThan(10)
      expect(result).toEqual(whole(prev, next))
    },
  )

  it.each([11, 12, 13])(
    'reports the same words for 2%% scattered edits on a 20,000-word statement (seed %i)',
    (seed) => {
      const prev = generateStatement(seed)
      const next = scatterEdits(prev, 0.02, seed + 100)
      const result = ours(diffLocale(prev, next, { locale: 'da' }))
      expect(result.deleted.length).toBeGreaterThan(200)
      expect(result).toEqual(whole(prev, next))
    },
  )

  it('differs, as intended, when a section moves: whole-text diffWords sees a deletion and an insertion', () => {
    const prev = statement('da')
    const next = edited(prev, (s) => s.sections.push(s.sections.shift()!))
    expect(ours(diffLocale(prev, next, { locale: 'da' }))).toEqual({ deleted: [], inserted: [] })
    expect(whole(prev, next).inserted.length).toBeGreaterThan(20)
  })
})
