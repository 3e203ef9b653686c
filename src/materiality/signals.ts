/**
 * Key facts read from a section's old and new text, compared as multisets: contact details,
 * legal bases, transfer mechanisms, rights, periods and ages, organisations and countries. A
 * difference is material however few words changed (WP260 rev.01 ¶29–30), and whatever the
 * section's kind: "Art. 6(1)(f)" → "(a)" is one letter, and a sub-processor is often one row of a
 * list in a section about something else.
 *
 * Also the canonical form of text used to compare content words (`canonicalWords`), so that an
 * abbreviation and its full form, an obfuscated and a plain e-mail address, or a reworded
 * cross-reference compare equal.
 */
import type { LocaleCode } from '../types.js'
import type { KeyTermCategory } from './vocabulary.js'

import { compilePhrase, normalizeForMatch } from '../completeness/match.js'
import { multisetDifference } from '../diff/text.js'
import { VOCABULARY } from './vocabulary.js'

/** What a signal is about; each becomes a reason. */
export type SignalCategory = 'contact' | 'location' | 'organisation' | 'period' | KeyTermCategory

/** Categories where only an addition is material (a removed recipient narrows processing). */
const ADDITIONS_ONLY: ReadonlySet<SignalCategory> = new Set(['location', 'organisation'])

const language = (locale: LocaleCode): string => locale.split('-')[0]!.toLowerCase()

/** `a [at] b.dk`, `a (at) b.dk`, `a at b dot dk` → `a@b.dk`. */
export function deobfuscate(text: string): string {
  return text
    .replace(/\s*[[(]\s*(?:at|snabel-a)\s*[\])]\s*/giu, '@')
    .replace(/\s*[[(]\s*(?:dot|punktum)\s*[\])]\s*/giu, '.')
}

const rewriteCache = new Map<string, Array<[RegExp, string]>>()
function rewritesFor(lang: string): Array<[RegExp, string]> {
  let rules = rewriteCache.get(lang)
  if (!rules) {
    rules = (VOCABULARY[lang]?.rewrites ?? []).map(([source, replacement]) => [
      new RegExp(source, 'gu'),
      replacement,
    ])
    rewriteCache.set(lang, rules)
  }
  return rules
}

/** Lower-cased words of `text` after the language's rewrites (abbreviations, synonyms, cross-references). */
export function canonicalWords(text: string, locale: LocaleCode): string[] {
  let normalized = normalizeForMatch(deobfuscate(text))
  for (const [pattern, replacement] of rewritesFor(language(locale))) {
    // Run twice: adjacent matches share the space between them.
    normalized = normalized.replace(pattern, replacement).replace(pattern, replacement)
  }
  return normalized.split(' ').filter(Boolean)
}

type Sentence = { lower: string; normalized: string }

function sentencesOf(texts: string[]): Sentence[] {
  return texts.flatMap((text) =>
    text
      // A full stop ends a sentence only before a capital: "Art. 6 (1) (f)" stays whole.
      .split(/(?<=[.!?;])\s+(?=\p{Lu})/u)
      .filter((s) => s.trim())
      .map((s) => ({ lower: s.toLowerCase(), normalized: normalizeForMatch(s) })),
  )
}

function keyTerms(sentences: Sentence[], lang: string, category: KeyTermCategory): string[] {
  const out: string[] = []
  for (const [term, phrases] of Object.entries(VOCABULARY[lang]?.keyTerms[category] ?? {})) {
    const matchers = phrases.map(compilePhrase)
    for (const sentence of sentences) if (matchers.some((m) => m(sentence))) out.push(term)
  }
  if (category === 'legal-basis') {
    // "Art. 6 (1) (f)", "artikel 6, stk. 1, litra f", "6(1)(a)-(b), (f)", "Art. 6 Para. 1 p. 1 lit. f".
    const article =
      / (?:art|article|artikel)\p{L}* 6 (?:(?:stk|stykke|para|paragraph|abs) )?1 (?:(?:p|s|pkt|punkt) 1 )?(?:(?:lit|litra|letter) )?((?:[a-f] )+)/gu
    for (const sentence of sentences) {
      for (const match of sentence.normalized.matchAll(article)) {
        for (const letter of match[1]!.trim().split(' ')) out.push(`Art. 6(1)(${letter})`)
      }
    }
  }
  return out
}

function periods(sentences: Sentence[], lang: string): string[] {
  const vocab = VOCABULARY[lang]?.periods
  if (!vocab) return []
  const unitOf = new Map<string, string>()
  for (const [unit, forms] of Object.entries(vocab.units))
    for (const form of forms) unitOf.set(form, unit)
  const number = `(\\d+|${vocab.numbers.join('|')})`
  const withUnit = new RegExp(` ${number} (${[...unitOf.keys()].join('|')}) `, 'gu')
  const age = new RegExp(` (?:${vocab.agePrefixes.join('|')}) (\\d+) `, 'gu')
  const out: string[] = []
  for (const { normalized } of sentences) {
    // Compared by number and canonical unit ("3 måned" = "3 måneder"), shown as written.
    for (const m of normalized.matchAll(withUnit))
      out.push(`${m[1]} ${unitOf.get(m[2]!)}\u0000${m[1]} ${m[2]}`)
    for (const m of normalized.matchAll(age)) out.push(`age ${m[1]}\u0000${m[0].trim()}`)
  }
  return out
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu
const PHONE = /(?:\+|\b00)?\d[\d ()./-]{6,}\d/g
const DATE = /^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/
const POSTAL = /\b(?:[A-Z]{1,2}-)?(\d{4,5}) (\p{Lu}\p{L}+)/gu

function contacts(texts: string[]): string[] {
  const out: string[] = []
  for (const raw of texts) {
    const text = deobfuscate(raw)
    for (const m of text.matchAll(EMAIL)) out.push(m[0].toLowerCase().replace(/\.$/, ''))
    for (const m of text.replace(EMAIL, ' ').matchAll(PHONE)) {
      const digits = m[0].replace(/\D/g, '')
      if (digits.length >= 8 && !DATE.test(m[0].trim())) out.push(digits)
    }
    for (const m of text.matchAll(POSTAL)) out.push(`${m[1]} ${m[2]}`)
  }
  return out
}

// Legal forms, case-sensitive, with the word before them: "DeepL SE", "netcup GmbH", "Treater ApS".
const ORGANISATION =
  /([\p{L}\p{N}][\p{L}\p{N}&'’-]*) (A\/S|ApS|I\/S|K\/S|P\/S|GmbH|AG|SE|Ltd\.?|Limited|Inc\.?|LLC|plc|N\.V\.|B\.V\.|SARL|S\.A\.|AB|AS|Oy)(?=$|[\s,.;:)–-])/gu

function organisations(texts: string[]): string[] {
  return texts.flatMap((text) =>
    [...text.matchAll(ORGANISATION)].map((m) => `${m[1]} ${m[2]!.replace(/\.$/, '')}`),
  )
}

// A postal code and city, as in "1552 København V" or "D-50825 Cologne".
const POSTAL_CITY = /\b(?:[A-Z]{1,2}-)?\d{4,5}(?: \p{Lu}[\p{L}.-]*)+/gu

/**
 * The text without countries written after a postal code and city ("1552 København V, Danmark"):
 * such a country is part of an address, which `contacts` compares by its postal code and city; it
 * names no new processing location. A new address is still a new contact.
 */
function withoutAddressCountries(text: string, names: string[]): string {
  let out = ''
  let last = 0
  for (const m of text.matchAll(POSTAL_CITY)) {
    const end = m.index + m[0].length
    const separator = /^,? /.exec(text.slice(end))
    if (!separator) continue
    const start = end + separator[0].length
    const after = text.slice(start, start + 40).toLowerCase()
    const name = names.find(
      (candidate) =>
        after.startsWith(candidate) && !/[\p{L}\p{N}]/u.test(after.charAt(candidate.length)),
    )
    if (name) {
      out += text.slice(last, end)
      last = start + name.length
    }
  }
  return out + text.slice(last)
}

/**
 * Whether two texts differ only by countries written out after a postal code and city
 * ("D-50825 Cologne" → "D-50825 Cologne, Germany"): the same address, an editorial change.
 */
export function sameButAddressCountries(a: string, b: string, locale: LocaleCode): boolean {
  const names = VOCABULARY[language(locale)]?.countries ?? []
  const strip = (text: string) => normalizeForMatch(withoutAddressCountries(text, names))
  return a !== b && strip(a) === strip(b)
}

function countries(texts: string[], lang: string): string[] {
  const names = VOCABULARY[lang]?.countries ?? []
  const out: string[] = []
  for (const { normalized } of sentencesOf(
    texts.map((text) => withoutAddressCountries(text, names)),
  ))
    for (const name of names) if (normalized.includes(` ${name} `)) out.push(name)
  return out
}

/** Every signal of a set of texts, by category. */
function signalsOf(texts: string[], locale: LocaleCode): Record<SignalCategory, string[]> {
  const lang = language(locale)
  const sentences = sentencesOf(texts)
  return {
    contact: contacts(texts),
    'legal-basis': keyTerms(sentences, lang, 'legal-basis'),
    location: countries(texts, lang),
    organisation: organisations(texts),
    period: periods(sentences, lang),
    right: keyTerms(sentences, lang, 'right'),
    'transfer-mechanism': keyTerms(sentences, lang, 'transfer-mechanism'),
  }
}

/** One category whose facts differ between the old and the new text. */
export type SignalChange = { added: string[]; category: SignalCategory; removed: string[] }

/** The categories whose facts differ between `oldTexts` and `newTexts` (a section's body, old and new). */
export function compareSignals(
  oldTexts: string[],
  newTexts: string[],
  locale: LocaleCode,
  categories: readonly SignalCategory[],
): SignalChange[] {
  const before = signalsOf(oldTexts, locale)
  const after = signalsOf(newTexts, locale)
  const changes: SignalChange[] = []
  for (const category of categories) {
    // A value may carry how it was written after a NUL: compared without it, shown with it.
    const key = (value: string): string => value.split('\u0000')[0]!
    const shown = (values: string[], keys: string[]): string[] => [
      ...new Set(keys.map((k) => (values.find((v) => key(v) === k) ?? k).split('\u0000').at(-1)!)),
    ]
    const { onlyA, onlyB } = multisetDifference(before[category].map(key), after[category].map(key))
    if (onlyB.length === 0 && (onlyA.length === 0 || ADDITIONS_ONLY.has(category))) continue
    changes.push({
      added: shown(after[category], onlyB),
      category,
      removed: ADDITIONS_ONLY.has(category) ? [] : shown(before[category], onlyA),
    })
  }
  return changes
}

/** Every category, in the order reasons name them. */
export const SIGNAL_CATEGORIES: readonly SignalCategory[] = [
  'contact',
  'legal-basis',
  'transfer-mechanism',
  'right',
  'period',
  'organisation',
  'location',
]
