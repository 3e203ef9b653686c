/**
 * Materiality: proposes whether a release is a material or a minor change, with readable reasons,
 * and records the editor's final decision.
 */
import type {
  Classification,
  ClassifyOptions,
  MaterialityDecision,
  MaterialityOverride,
  MaterialityThresholds,
  Reason,
  ReasonCode,
  ReasonParams,
} from './types.js'

import { classify, renderReason } from './classify.js'
import { decideRelease } from './decide.js'
import { DEFAULT_MATERIALITY_THRESHOLDS, resolveThresholds } from './thresholds.js'

export { classify, decideRelease, DEFAULT_MATERIALITY_THRESHOLDS, renderReason, resolveThresholds }
export type {
  Classification,
  ClassifyOptions,
  MaterialityDecision,
  MaterialityOverride,
  MaterialityThresholds,
  Reason,
  ReasonCode,
  ReasonParams,
}
