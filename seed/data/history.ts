/**
 * A demo release history for the seed statement: three releases that exercise both kinds of
 * change. Each release is a deep clone of the previous one with its edits spelled out below, so
 * what changed between versions is readable here rather than hidden in two large literals.
 */
import type { Block, ListItem } from '../../src/types.js'
import type { SeedLocale, SeedRelease, SeedSection, SeedStatement } from '../types.js'

import { makeListItem, makeParagraph } from '../parsePrivacyStatement.js'
import { seedStatement } from './privacy.js'

function section(statement: SeedStatement, key: string): SeedSection {
  const found = statement.sections.find((candidate) => candidate.key === key)
  if (!found) {
    throw new Error(`history seed: no section "${key}"`)
  }
  return found
}

function block(statement: SeedStatement, key: string, locale: SeedLocale, index: number): Block {
  const found = section(statement, key).blocks[locale][index]
  if (!found) {
    throw new Error(`history seed: section "${key}" (${locale}) has no block ${index}`)
  }
  return found
}

function listItems(statement: SeedStatement, key: string, locale: SeedLocale): ListItem[] {
  const list = section(statement, key).blocks[locale].find((candidate) => candidate.type === 'list')
  if (list?.type !== 'list') {
    throw new Error(`history seed: section "${key}" (${locale}) has no list`)
  }
  return list.items
}

// Edits must hit the text the previous release had; a silent no-op would make the demo lie.
function expectText(actual: string, expected: string, where: string): void {
  if (actual !== expected) {
    throw new Error(`history seed: ${where} is "${actual}", expected "${expected}"`)
  }
}

/** Replaces the paragraph at `index` of a section, checking the text it replaces. */
function rewordParagraph(statement: SeedStatement, key: string, locale: SeedLocale, index: number, from: string, to: string): void {
  const current = block(statement, key, locale, index)
  expectText(current.type === 'paragraph' ? current.text : `<${current.type}>`, from, `${key} block ${index} (${locale})`)
  section(statement, key).blocks[locale][index] = makeParagraph(to)
}

/** Replaces the text of the top-level list item at `index` of a section, keeping its children. */
function rewordListItem(statement: SeedStatement, key: string, locale: SeedLocale, index: number, from: string, to: string): void {
  const items = listItems(statement, key, locale)
  const current = items[index]
  expectText(current?.text ?? '', from, `${key} item ${index} (${locale})`)
  items[index] = makeListItem(to, current?.children ?? [])
}

/** Inserts a new top-level list item at `index` of a section's list. */
function insertListItem(statement: SeedStatement, key: string, locale: SeedLocale, index: number, text: string): void {
  listItems(statement, key, locale).splice(index, 0, makeListItem(text))
}

/** Release 1.0: the statement as published, unchanged. */
const v1_0: SeedStatement = structuredClone(seedStatement)

/** Release 1.1: editorial fixes only (punctuation and one wording fix), the same in both locales. */
const v1_1: SeedStatement = structuredClone(v1_0)
// The only sentence in the source that ends without a period.
rewordParagraph(
  v1_1,
  'personal-data',
  'da',
  0,
  'Jackon behandler ikke nogen form for sensitive personoplysninger',
  'Jackon behandler ikke nogen form for sensitive personoplysninger.',
)
rewordParagraph(
  v1_1,
  'personal-data',
  'en',
  0,
  'Jackon does not process any form of sensitive personal data',
  'Jackon does not process any form of sensitive personal data.',
)
// The first purpose is the only one of several sentences in the list without a closing period.
rewordListItem(
  v1_1,
  'purposes',
  'da',
  0,
  'For at kunne levere indhold, når du beder om det, for eksempel til modtagere, som har sendt et kontakt- eller henvendelsesskema, eller direkte e-mail til vores kundeservice',
  'For at kunne levere indhold, når du beder om det, for eksempel til modtagere, som har sendt et kontakt- eller henvendelsesskema, eller direkte e-mail til vores kundeservice.',
)
rewordListItem(
  v1_1,
  'purposes',
  'en',
  0,
  'To deliver content when you request it, for example to recipients who have submitted a contact or enquiry form, or sent an e-mail directly to our customer service',
  'To deliver content when you request it, for example to recipients who have submitted a contact or enquiry form, or sent an e-mail directly to our customer service.',
)
// "på opfordring" means "when encouraged to"; "på anmodning" ("on request") is what is meant.
rewordParagraph(
  v1_1,
  'correction-erasure',
  'da',
  0,
  'Information rettes eller slettes på opfordring ved at kontakte vores kundeservice.',
  'Information rettes eller slettes på anmodning ved at kontakte vores kundeservice.',
)
rewordParagraph(
  v1_1,
  'correction-erasure',
  'en',
  0,
  'Information is corrected or erased on request by contacting our customer service.',
  'Information will be corrected or erased on request if you contact our customer service.',
)

/** Release 2.0: a material change, location data is collected and used for a new purpose. */
const v2_0: SeedStatement = structuredClone(v1_1)
// New data category, placed with the other identifying data, before the technical-data item.
const LOCATION_INDEX = 6
insertListItem(v2_0, 'personal-data', 'da', LOCATION_INDEX, 'Lokationsdata (omtrentlig placering baseret på IP-adresse)')
insertListItem(v2_0, 'personal-data', 'en', LOCATION_INDEX, 'Location data (approximate location based on IP address)')
// New purpose for it, next to the security purpose it is closest to.
const FRAUD_PURPOSE_INDEX = 5
insertListItem(
  v2_0,
  'purposes',
  'da',
  FRAUD_PURPOSE_INDEX,
  'For at forebygge svindel og udarbejde statistik over, hvorfra vores digitale kanaler bruges, ud fra din omtrentlige placering.',
)
insertListItem(
  v2_0,
  'purposes',
  'en',
  FRAUD_PURPOSE_INDEX,
  'To prevent fraud and to compile statistics on where our digital channels are used from, based on your approximate location.',
)

/** The demo release history, oldest first. */
export const seedReleases: SeedRelease[] = [
  {
    changeNote: { da: 'Første udgave.', en: 'First edition.' },
    effectiveAt: '2025-01-01T00:00:00.000Z',
    kind: 'material',
    statement: v1_0,
    version: '1.0',
  },
  {
    changeNote: {
      da: 'Sproglige rettelser: manglende punktummer og en formulering om rettelse og sletning. Intet er ændret i indhold.',
      en: 'Editorial fixes: missing full stops and the wording on correction and erasure. Nothing has changed in substance.',
    },
    effectiveAt: '2025-06-01T00:00:00.000Z',
    kind: 'minor',
    statement: v1_1,
    version: '1.1',
  },
  {
    changeNote: {
      da: 'Vi behandler nu lokationsdata (omtrentlig placering baseret på IP-adresse) og bruger dem til at forebygge svindel og til statistik.',
      en: 'We now process location data (approximate location based on IP address) and use it to prevent fraud and for statistics.',
    },
    effectiveAt: '2026-03-01T00:00:00.000Z',
    kind: 'material',
    statement: v2_0,
    version: '2.0',
  },
]
