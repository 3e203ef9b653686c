/**
 * Per-call state of a diff: resolved options, the shared time budget and cached segmenters.
 * Internal; callers pass `DiffOptions`.
 */
import type { LocaleCode } from '../types.js'
import type { WordSegmenter } from './segmenter.js'
import type { DiffOptions } from './types.js'

import { WordIds } from './bags.js'
import { fastWordSegmenter } from './segmenter.js'

/** Defaults for every `DiffOptions` field; documented on the type. */
export const DIFF_DEFAULTS = {
  maxPairCandidates: 2500,
  maxSegmenterChars: 20_000,
  minPairSimilarity: 0.5,
  perBlockTimeoutMs: 250,
  timeoutMs: 2000,
} as const

/** A wall-clock deadline shared by every step of one diff call. */
export type Budget = {
  deadline: number
}

/** Starts a budget of `ms` milliseconds from now. */
export function startBudget(ms: number): Budget {
  return { deadline: performance.now() + ms }
}

/** Milliseconds left, never negative. */
export function remainingMs(budget: Budget): number {
  return Math.max(0, budget.deadline - performance.now())
}

/** Everything the diff steps need, resolved once per locale. */
export type DiffContext = {
  budget: Budget
  /**
   * Use the exact fast paths for Latin-script text (`segmenter.ts`). Always on; the tests turn
   * it off to check that the output is the same without them.
   */
  latinFastPath: boolean
  locale: LocaleCode
  maxPairCandidates: number
  maxSegmenterChars: number
  minPairSimilarity: number
  perBlockTimeoutMs: number
  /** Texts reported as `rewritten` so far. */
  rewritten: number
  /** The locale's word segmenter: `Intl.Segmenter`, behind the Latin fast path when that is on. */
  segmenter: WordSegmenter
  /** Numbers for the words of this diff's word bags (`bags.ts`). */
  wordIds: WordIds
}

const segmenters = new Map<string, Intl.Segmenter>()
const fastSegmenters = new Map<string, WordSegmenter>()

/**
 * A word segmenter for `locale`, built once and reused: constructing one loads ICU data and costs
 * far more than segmenting a paragraph.
 */
export function wordSegmenter(locale: LocaleCode): Intl.Segmenter {
  let segmenter = segmenters.get(locale)
  if (!segmenter) {
    try {
      segmenter = new Intl.Segmenter(locale, { granularity: 'word' })
    } catch (error) {
      throw new Error(
        `Invalid locale "${locale}" for word segmentation: ${(error as Error).message}`,
        { cause: error },
      )
    }
    segmenters.set(locale, segmenter)
  }
  return segmenter
}

function fastSegmenter(locale: LocaleCode): WordSegmenter {
  let segmenter = fastSegmenters.get(locale)
  if (!segmenter) fastSegmenters.set(locale, (segmenter = fastWordSegmenter(wordSegmenter(locale))))
  return segmenter
}

function checkNumber(name: string, value: number, min: number): number {
  if (!Number.isFinite(value) || value < min) {
    throw new Error(`DiffOptions.${name} must be a finite number >= ${min}, got ${String(value)}`)
  }
  return value
}

/** Resolves options against the defaults and validates them. */
export function resolveOptions(
  options: DiffOptions = {},
): Required<Omit<DiffOptions, 'locale' | 'locales'>> {
  const minPairSimilarity = checkNumber(
    'minPairSimilarity',
    options.minPairSimilarity ?? DIFF_DEFAULTS.minPairSimilarity,
    0,
  )
  if (minPairSimilarity > 1)
    throw new Error(`DiffOptions.minPairSimilarity must be at most 1, got ${minPairSimilarity}`)
  return {
    maxPairCandidates: checkNumber(
      'maxPairCandidates',
      options.maxPairCandidates ?? DIFF_DEFAULTS.maxPairCandidates,
      0,
    ),
    maxSegmenterChars: checkNumber(
      'maxSegmenterChars',
      options.maxSegmenterChars ?? DIFF_DEFAULTS.maxSegmenterChars,
      0,
    ),
    minPairSimilarity,
    perBlockTimeoutMs: checkNumber(
      'perBlockTimeoutMs',
      options.perBlockTimeoutMs ?? DIFF_DEFAULTS.perBlockTimeoutMs,
      0,
    ),
    timeoutMs: checkNumber('timeoutMs', options.timeoutMs ?? DIFF_DEFAULTS.timeoutMs, 0),
  }
}

/** Builds the context for one locale with its share of the budget. */
export function createContext(
  locale: LocaleCode,
  resolved: ReturnType<typeof resolveOptions>,
  budget: Budget,
  { latinFastPath = true }: { latinFastPath?: boolean } = {},
): DiffContext {
  return {
    budget,
    latinFastPath,
    locale,
    maxPairCandidates: resolved.maxPairCandidates,
    maxSegmenterChars: resolved.maxSegmenterChars,
    minPairSimilarity: resolved.minPairSimilarity,
    perBlockTimeoutMs: resolved.perBlockTimeoutMs,
    rewritten: 0,
    segmenter: latinFastPath ? fastSegmenter(locale) : wordSegmenter(locale),
    wordIds: new WordIds(),
  }
}
