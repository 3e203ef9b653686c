import type { KindProposal } from '../../src/releases/index.js'
import type { ReleaseSnapshot } from '../../src/types.js'
import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'

/**
 * The seam between publishing and classification: the structural diff against the previous
 * release and the materiality proposal. The first release has no predecessor: it is material
 * by definition (it is what people are first told).
 */
export function proposeRelease(
  previous: null | ReleaseSnapshot,
  next: ReleaseSnapshot,
  _pluginConfig: SanitizedPolicyDocumentsPluginConfig,
): { diff: unknown; proposal: KindProposal } {
  if (!previous) {
    return { diff: null, proposal: { kind: 'material', reasons: [{ code: 'first-release' }] } }
  }
  // Until the classifier lands the proposal is "minor" and the editor decides (issue #3 fills this in).
  return { diff: null, proposal: { kind: 'minor', reasons: [] } }
}
