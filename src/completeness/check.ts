/**
 * Checks one locale of a privacy statement against GDPR Articles 13 and 14, element by element.
 *
 * In Danish and English the text decides: the phrases in `patterns/{da,en}.ts` are looked for
 * sentence by sentence, and the sentences found are quoted as evidence. Phrases marked `inKinds`
 * only count in sections of the element's kinds. Other languages fall back to the section kinds
 * alone ("there is a retention section"), and say so (`basis: 'kinds'`). Elements the editor
 * declared not applicable are reported with the editor's reason, never as missing.
 */
import type { LocaleCode, LocaleSnapshot } from '../types.js'
import type {
  CompletenessOptions,
  CompletenessReport,
  ElementDefinition,
  ElementResult,
  Evidence,
  PartPatterns,
  PatternSet,
} from './types.js'

import { suggestKind } from '../kinds/suggestKind.js'
import { ELEMENTS, formatProvision } from './elements.js'
import { compilePhrase, sectionSentences } from './match.js'
import { da } from './patterns/da.js'
import { en } from './patterns/en.js'

/** The built-in pattern sets by language. */
export const COMPLETENESS_PATTERNS: Readonly<Record<string, PatternSet>> = { da, en }

function language(locale: LocaleCode): string {
  return locale.split('-')[0]!.toLowerCase()
}

/** Built-in phrases with the caller's added, part by part. */
function patternsFor(
  locale: LocaleCode,
  extra: CompletenessOptions['patterns'],
): PatternSet | null {
  const lang = language(locale)
  const base = COMPLETENESS_PATTERNS[lang]
  const more = extra?.[lang] ?? extra?.[locale]
  if (!base && !more) return null
  const elements: PatternSet['elements'] = {}
  for (const element of ELEMENTS) {
    const parts: Record<string, PartPatterns> = {}
    for (const part of element.parts) {
      const a = base?.elements[element.id]?.[part]
      const b = more?.elements[element.id]?.[part]
      parts[part] = {
        anywhere: [...(a?.anywhere ?? []), ...(b?.anywhere ?? [])],
        inKinds: [...(a?.inKinds ?? []), ...(b?.inKinds ?? [])],
      }
    }
    elements[element.id] = parts
  }
  return { elements, language: lang }
}

type PreparedSection = {
  heading: string
  key: string
  kind: string
  sentences: ReturnType<typeof sectionSentences>
}

function addEvidence(
  evidence: Evidence[],
  section: PreparedSection,
  sentence: string,
  basis: Evidence['basis'],
): void {
  let entry = evidence.find((e) => e.section === section.key)
  if (!entry) {
    entry = { basis, heading: section.heading, section: section.key, sentences: [] }
    evidence.push(entry)
  }
  if (sentence && !entry.sentences.includes(sentence)) entry.sentences.push(sentence)
}

function checkByText(
  element: ElementDefinition,
  patterns: PatternSet,
  sections: PreparedSection[],
): { evidence: Evidence[]; missingParts: string[] } {
  const evidence: Evidence[] = []
  const missingParts: string[] = []
  for (const part of element.parts) {
    const phrases = patterns.elements[element.id]?.[part]
    const anywhere = (phrases?.anywhere ?? []).map(compilePhrase)
    const inKinds = (phrases?.inKinds ?? []).map(compilePhrase)
    let found = false
    for (const section of sections) {
      const ofKind = element.kinds.includes(section.kind as never)
      for (const sentence of section.sentences) {
        if (anywhere.some((m) => m(sentence)) || (ofKind && inKinds.some((m) => m(sentence)))) {
          found = true
          addEvidence(evidence, section, sentence.text, 'text')
        }
      }
    }
    if (!found) missingParts.push(part)
  }
  return { evidence, missingParts }
}

function checkByKind(
  element: ElementDefinition,
  sections: PreparedSection[],
): { evidence: Evidence[]; missingParts: string[] } {
  const evidence: Evidence[] = []
  if (!element.kindSuffices) return { evidence, missingParts: [...element.parts] }
  for (const section of sections) {
    if (element.kinds.includes(section.kind as never) && section.sentences.length > 0)
      addEvidence(evidence, section, '', 'kind')
  }
  return { evidence, missingParts: evidence.length > 0 ? [] : [...element.parts] }
}

/** Checks `snapshot` (one locale of a statement) for the information Art. 13/14 require. */
export function checkCompleteness(
  snapshot: Pick<LocaleSnapshot, 'sections'>,
  locale: LocaleCode,
  options: CompletenessOptions = {},
): CompletenessReport {
  if (!snapshot || !Array.isArray(snapshot.sections))
    throw new Error('checkCompleteness: snapshot.sections must be an array')
  const patterns = patternsFor(locale, options.patterns)
  // A section left at `general` counts as the kind its text suggests (`src/kinds`), so phrases
  // marked `inKinds` still work in imported statements whose sections have no kinds yet.
  const sections: PreparedSection[] = snapshot.sections.map((section) => ({
    heading: section.heading,
    key: section.key,
    kind: section.kind === 'general' && patterns ? suggestKind(section, locale).kind : section.kind,
    sentences: sectionSentences(section),
  }))
  const elements: ElementResult[] = ELEMENTS.map((element) => {
    const common = {
      citation: element.provisions.map(formatProvision).join(', '),
      element: element.id,
      provisions: element.provisions,
    }
    const declared = options.notApplicable?.[element.id]
    if (typeof declared === 'string' && declared.trim() !== '') {
      return {
        ...common,
        evidence: [],
        missingParts: [],
        reason: declared.trim(),
        status: 'not-applicable',
      }
    }
    const { evidence, missingParts } = patterns
      ? checkByText(element, patterns, sections)
      : checkByKind(element, sections)
    return {
      ...common,
      evidence,
      missingParts,
      reason: null,
      status: missingParts.length === 0 ? 'present' : 'missing',
    }
  })
  const missing = elements.filter((e) => e.status === 'missing').map((e) => e.element)
  return {
    basis: patterns ? 'text' : 'kinds',
    complete: missing.length === 0,
    elements,
    locale,
    missing,
  }
}
