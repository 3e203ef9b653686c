/**
 * Default materiality thresholds and the small word lists they rely on. The reasoning behind
 * each value is documented on `MaterialityThresholds`.
 */
import type { LocaleCode, SectionKind } from '../types.js'
import type { MaterialityThresholds } from './types.js'

import { SIGNAL_CATEGORIES } from './signals.js'

const MATERIAL_KINDS: SectionKind[] = [
  'controller',
  'cookies',
  'data-categories',
  'purposes',
  'recipients',
  'retention',
  'rights',
  'security',
  'transfers',
]

/**
 * Danish function words (pronouns, articles, prepositions, conjunctions, auxiliaries). Modal verbs
 * are left out on purpose: "kan" → "skal" turns a possibility into an obligation.
 */
const DA_STOP_WORDS = [
  'af',
  'al',
  'alle',
  'alt',
  'at',
  'bare',
  'blev',
  'bliver',
  'blive',
  'da',
  'de',
  'dem',
  'den',
  'denne',
  'dens',
  'der',
  'deres',
  'det',
  'dette',
  'dig',
  'din',
  'dine',
  'disse',
  'dit',
  'du',
  'efter',
  'eftersom',
  'eller',
  'en',
  'end',
  'er',
  'et',
  'for',
  'fordi',
  'fra',
  'før',
  'gennem',
  'har',
  'have',
  'havde',
  'hende',
  'hendes',
  'her',
  'hos',
  'hvad',
  'hvis',
  'hvor',
  'hvordan',
  'hvilke',
  'hvilken',
  'hvilket',
  'i',
  'igennem',
  'ind',
  'jeg',
  'jer',
  'jeres',
  'man',
  'med',
  'meget',
  'men',
  'mig',
  'min',
  'mine',
  'mit',
  'mod',
  'når',
  'og',
  'også',
  'om',
  'op',
  'os',
  'over',
  'på',
  'sig',
  'sin',
  'sine',
  'sit',
  'som',
  'så',
  'sådan',
  'til',
  'ud',
  'under',
  'var',
  'vi',
  'vil',
  'ville',
  'vor',
  'vores',
  'være',
  'været',
  'ved',
]

/**
 * English function words. Modal verbs are left out for the same reason ("may" → "must"); the
 * future auxiliaries "will" and "would" (and Danish "vil", "ville") are function words, so a
 * change of tense is not a change of substance.
 */
const EN_STOP_WORDS = [
  'a',
  'about',
  'after',
  'all',
  'also',
  'an',
  'and',
  'any',
  'are',
  'as',
  'at',
  'be',
  'been',
  'being',
  'both',
  'but',
  'by',
  'did',
  'do',
  'does',
  'each',
  'for',
  'from',
  'had',
  'has',
  'have',
  'he',
  'her',
  'here',
  'his',
  'how',
  'i',
  'if',
  'in',
  'into',
  'is',
  'it',
  'its',
  'me',
  'my',
  'of',
  'on',
  'or',
  'our',
  'ours',
  'she',
  'so',
  'such',
  'than',
  'that',
  'the',
  'their',
  'them',
  'then',
  'there',
  'these',
  'they',
  'this',
  'those',
  'through',
  'to',
  'under',
  'up',
  'upon',
  'us',
  'was',
  'we',
  'were',
  'what',
  'when',
  'where',
  'whether',
  'which',
  'while',
  'who',
  'whom',
  'whose',
  'will',
  'with',
  'would',
  'you',
  'your',
  'yours',
]

/** Words that turn a statement into its opposite. */
const NEGATION_WORDS: Record<LocaleCode, string[]> = {
  da: ['aldrig', 'ej', 'hverken', 'ikke', 'ingen', 'ingenting', 'intet', 'uden'],
  en: [
    'cannot',
    "can't",
    "doesn't",
    "don't",
    'neither',
    'never',
    'no',
    'none',
    'nor',
    'not',
    'nothing',
    "won't",
    'without',
  ],
}

/** The defaults, documented field by field on `MaterialityThresholds`. */
export const DEFAULT_MATERIALITY_THRESHOLDS: Readonly<MaterialityThresholds> = {
  materialKinds: MATERIAL_KINDS,
  minChangedTerms: 2,
  minChangedTermsAnyKind: 25,
  minChangedTermsByKind: { 'data-categories': 1, purposes: 1, recipients: 1, transfers: 1 },
  negationIsMaterial: true,
  negationWords: NEGATION_WORDS,
  newListItemMaterialKinds: ['data-categories', 'purposes', 'recipients'],
  newSectionIsMaterial: true,
  notComparedIsMaterial: true,
  numberChangeMaterialKinds: MATERIAL_KINDS,
  removedListItemMaterialKinds: [],
  removedSectionIsMaterial: true,
  signals: [...SIGNAL_CATEGORIES],
  stopWords: { da: DA_STOP_WORDS, en: EN_STOP_WORDS },
}

/** Inflection endings stripped before comparing content words, longest first. */
const SUFFIXES: Record<LocaleCode, string[]> = {
  da: ['ernes', 'erne', 'enes', 'ende', 'ede', 'ene', 'er', 'en', 'et', 'es', 'ne', 'e', 's'],
  en: ['ings', 'ing', 'ies', 'ied', 'es', 'ed', 'ly', 'e', 's'],
}

/**
 * A crude stem: one inflection ending removed if at least four letters remain. Good enough to see
 * that "contacting" and "contact", or "oplysningerne" and "oplysninger", are the same term.
 */
export function stem(word: string, locale: LocaleCode): string {
  const suffixes = SUFFIXES[locale.split('-')[0] ?? locale] ?? []
  for (const suffix of suffixes) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 4)
      return word.slice(0, -suffix.length)
  }
  return word
}

/** Thresholds with the defaults filled in. Word lists are merged per locale, not replaced. */
export function resolveThresholds(
  partial: Partial<MaterialityThresholds> = {},
): MaterialityThresholds {
  const merged: MaterialityThresholds = { ...DEFAULT_MATERIALITY_THRESHOLDS, ...partial }
  if (partial.materialKinds && !partial.numberChangeMaterialKinds)
    merged.numberChangeMaterialKinds = partial.materialKinds
  merged.minChangedTermsByKind = {
    ...DEFAULT_MATERIALITY_THRESHOLDS.minChangedTermsByKind,
    ...partial.minChangedTermsByKind,
  }
  merged.stopWords = { ...DEFAULT_MATERIALITY_THRESHOLDS.stopWords, ...partial.stopWords }
  merged.negationWords = {
    ...DEFAULT_MATERIALITY_THRESHOLDS.negationWords,
    ...partial.negationWords,
  }
  for (const name of ['minChangedTerms'] as const) {
    if (!Number.isFinite(merged[name]) || merged[name] < 0) {
      throw new Error(
        `MaterialityThresholds.${name} must be a number >= 0, got ${String(merged[name])}`,
      )
    }
  }
  return merged
}
