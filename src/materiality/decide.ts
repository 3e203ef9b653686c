/**
 * The editor's decision on a release. The classifier only proposes; whatever the editor chooses
 * is final, but disagreeing with the proposal must be justified in writing, and the proposal and
 * its reasons are kept next to the decision for the record.
 */
import type { ChangeKind } from '../types.js'
import type { Classification, MaterialityDecision, MaterialityOverride } from './types.js'

const KINDS: readonly ChangeKind[] = ['material', 'minor']

/** Combines the classifier's proposal with the editor's optional override. */
export function decideRelease(
  classification: Classification,
  override?: MaterialityOverride | null,
): MaterialityDecision {
  const { proposal, reasons } = classification
  if (!KINDS.includes(proposal))
    throw new Error(`decideRelease: unknown proposal "${String(proposal)}"`)
  if (!override)
    return { justification: null, kind: proposal, overridden: false, proposal, reasons }
  if (!KINDS.includes(override.kind)) {
    throw new Error(
      `decideRelease: override.kind must be "material" or "minor", got "${String(override.kind)}"`,
    )
  }
  const justification =
    typeof override.justification === 'string' ? override.justification.trim() : ''
  const overridden = override.kind !== proposal
  if (overridden && justification === '') {
    throw new Error(
      `decideRelease: overriding the proposed "${proposal}" with "${override.kind}" needs a justification; pass override.justification`,
    )
  }
  return {
    justification: justification || null,
    kind: override.kind,
    overridden,
    proposal,
    reasons,
  }
}
