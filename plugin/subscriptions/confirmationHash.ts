import type { TokenSecret } from '../../src/tokens/index.js'

import { hashToken } from '../../src/tokens/index.js'

/**
 * What a subscriber row keeps for its one usable confirmation link: a keyed hash of the link's
 * nonce together with the exact list of documents it confirms. The list travels in the link's
 * URL; any change to it (an added, unknown or removed key) no longer matches the stored hash.
 */
export function confirmationHash(
  nonce: string,
  documents: readonly string[],
  secret: TokenSecret,
): string {
  return hashToken(`confirm:${nonce}:${documents.join(',')}`, secret)
}
