/**
 * The bilingual demo privacy statement.
 *
 * The Danish text is parsed from `privacy-statement.da.txt` when this module loads, so the file
 * stays the single source of truth and the parser is exercised on every seed. Each parsed section
 * is then given a stable key and a kind through `SECTION_TABLE` (looked up by its Danish heading),
 * and its English twin comes from `privacy.en.ts` by that key.
 */
import { readFileSync } from 'node:fs'

import type { SectionKind } from '../../src/types.js'
import type { SeedStatement } from '../types.js'

import { parsePrivacyStatement } from '../parsePrivacyStatement.js'
import { englishSections, englishTitle } from './privacy.en.js'

/** Where the Danish source text lives. */
export const PRIVACY_STATEMENT_DA_URL = new URL('./privacy-statement.da.txt', import.meta.url)

/**
 * Key and kind of every section, by Danish heading, in document order.
 * Kinds drive materiality (see `SectionKind`), so they follow what each section is about:
 * the introduction is where the data controller (Jackon Danmark A/S) is named, and the
 * collection section is where cookies are announced, but its subject is the sources of data.
 */
export const SECTION_TABLE: ReadonlyArray<{ heading: string; key: string; kind: SectionKind }> = [
  { heading: 'Indledning', key: 'introduction', kind: 'controller' },
  { heading: 'Vigtige begreber', key: 'key-concepts', kind: 'definitions' },
  { heading: 'Hvilke personoplysninger behandler vi?', key: 'personal-data', kind: 'data-categories' },
  { heading: 'Hvordan indhentes informationen?', key: 'collection', kind: 'sources' },
  { heading: 'Formålet med den indhentede information', key: 'purposes', kind: 'purposes' },
  { heading: 'Hvordan beskytter vi dine oplysninger?', key: 'security', kind: 'security' },
  { heading: 'Rettigheder', key: 'rights', kind: 'rights' },
  { heading: 'Hvordan rettes eller slettes oplysningerne?', key: 'correction-erasure', kind: 'rights' },
  { heading: 'Udlevering af information til tredjepart?', key: 'third-parties', kind: 'recipients' },
]

// Throws when the text and the table disagree (a heading was reworded, added or dropped), so a
// changed source file cannot quietly produce a statement with missing or mislabelled sections.
/** Builds the bilingual statement from Danish source text, attaching keys, kinds and English. */
export function buildSeedStatement(danishText: string): SeedStatement {
  const parsed = parsePrivacyStatement(danishText)
  const headings = parsed.sections.map((section) => section.heading)
  const expected = SECTION_TABLE.map((row) => row.heading)
  if (headings.join('\n') !== expected.join('\n')) {
    throw new Error(
      `privacy seed: the Danish headings do not match SECTION_TABLE.\n  found:    ${headings.join(' | ')}\n  expected: ${expected.join(' | ')}`,
    )
  }

  return {
    sections: parsed.sections.map((section, index) => {
      const row = SECTION_TABLE[index]
      const english = row ? englishSections[row.key] : undefined
      if (!row || !english) {
        throw new Error(`privacy seed: no English translation for section "${section.heading}"`)
      }
      return {
        blocks: { da: section.blocks, en: english.blocks },
        heading: { da: section.heading, en: english.heading },
        key: row.key,
        kind: row.kind,
      }
    }),
    title: { da: parsed.title, en: englishTitle },
  }
}

/** The demo statement (release 1.0 content), Danish parsed from the source file. */
export const seedStatement: SeedStatement = buildSeedStatement(readFileSync(PRIVACY_STATEMENT_DA_URL, 'utf8'))
