/**
 * The information GDPR Articles 13 and 14 require a privacy statement to give, element by element,
 * with the provisions that require it and the section kinds that usually carry it. The order is
 * the order of the checklist (the order of Art. 13).
 */
import type { ElementDefinition, ElementId, Provision } from './types.js'

const at = (article: number, paragraph: number, point?: string): Provision =>
  point ? { article, paragraph, point } : { article, paragraph }

/** Every element, in checklist order. */
export const ELEMENTS: readonly ElementDefinition[] = [
  {
    id: 'controller',
    kinds: ['controller'],
    kindSuffices: true,
    parts: ['identity', 'contact'],
    provisions: [at(13, 1, 'a'), at(14, 1, 'a')],
  },
  {
    id: 'dpo',
    kinds: ['controller'],
    kindSuffices: false,
    parts: ['dpo'],
    provisions: [at(13, 1, 'b'), at(14, 1, 'b')],
  },
  {
    id: 'purposes',
    kinds: ['purposes'],
    kindSuffices: true,
    parts: ['purposes'],
    provisions: [at(13, 1, 'c'), at(14, 1, 'c')],
  },
  {
    id: 'legal-basis',
    kinds: ['purposes'],
    kindSuffices: false,
    parts: ['legal-basis'],
    provisions: [at(13, 1, 'c'), at(14, 1, 'c')],
  },
  {
    id: 'legitimate-interests',
    kinds: ['purposes'],
    kindSuffices: false,
    parts: ['interests'],
    provisions: [at(13, 1, 'd'), at(14, 2, 'b')],
  },
  {
    id: 'recipients',
    kinds: ['recipients'],
    kindSuffices: true,
    parts: ['recipients'],
    provisions: [at(13, 1, 'e'), at(14, 1, 'e')],
  },
  {
    id: 'transfers',
    kinds: ['transfers'],
    kindSuffices: true,
    parts: ['transfer', 'safeguard'],
    provisions: [at(13, 1, 'f'), at(14, 1, 'f')],
  },
  {
    id: 'retention',
    kinds: ['retention'],
    kindSuffices: true,
    parts: ['retention'],
    provisions: [at(13, 2, 'a'), at(14, 2, 'a')],
  },
  {
    id: 'right-access',
    kinds: ['rights'],
    kindSuffices: true,
    parts: ['access'],
    provisions: [at(13, 2, 'b'), at(14, 2, 'c'), at(15, 1)],
  },
  {
    id: 'right-rectification',
    kinds: ['rights'],
    kindSuffices: true,
    parts: ['rectification'],
    provisions: [at(13, 2, 'b'), at(14, 2, 'c'), at(16, 1)],
  },
  {
    id: 'right-erasure',
    kinds: ['rights'],
    kindSuffices: true,
    parts: ['erasure'],
    provisions: [at(13, 2, 'b'), at(14, 2, 'c'), at(17, 1)],
  },
  {
    id: 'right-restriction',
    kinds: ['rights'],
    kindSuffices: true,
    parts: ['restriction'],
    provisions: [at(13, 2, 'b'), at(14, 2, 'c'), at(18, 1)],
  },
  {
    id: 'right-objection',
    kinds: ['rights'],
    kindSuffices: true,
    parts: ['objection'],
    provisions: [at(13, 2, 'b'), at(14, 2, 'c'), at(21, 1)],
  },
  {
    id: 'right-portability',
    kinds: ['rights'],
    kindSuffices: true,
    parts: ['portability'],
    provisions: [at(13, 2, 'b'), at(14, 2, 'c'), at(20, 1)],
  },
  {
    id: 'withdraw-consent',
    kinds: ['rights'],
    kindSuffices: false,
    parts: ['withdraw'],
    provisions: [at(13, 2, 'c'), at(14, 2, 'd')],
  },
  {
    id: 'complaint',
    kinds: ['rights'],
    kindSuffices: false,
    parts: ['complaint'],
    provisions: [at(13, 2, 'd'), at(14, 2, 'e')],
  },
  {
    id: 'statutory-requirement',
    kinds: ['sources', 'data-categories'],
    kindSuffices: false,
    parts: ['requirement'],
    provisions: [at(13, 2, 'e')],
  },
  {
    id: 'automated-decisions',
    kinds: [],
    kindSuffices: false,
    parts: ['automated'],
    provisions: [at(13, 2, 'f'), at(14, 2, 'g')],
  },
  {
    id: 'source',
    kinds: ['sources'],
    kindSuffices: true,
    parts: ['source'],
    provisions: [at(14, 2, 'f')],
  },
]

/** Element ids in checklist order. */
export const ELEMENT_IDS: readonly ElementId[] = ELEMENTS.map((element) => element.id)

/** "Art. 13(1)(a)". */
export function formatProvision(provision: Provision): string {
  return `Art. ${provision.article}(${provision.paragraph})${provision.point ? `(${provision.point})` : ''}`
}
