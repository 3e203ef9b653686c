/**
 * Readable names of the checklist's elements, in Danish and English (for the admin panel, the
 * README and API consumers that show the checklist to people).
 */
import type { ElementId } from './types.js'

export const ELEMENT_LABELS: Record<'da' | 'en', Record<ElementId, string>> = {
  da: {
    'automated-decisions': 'Automatiske afgørelser, herunder profilering',
    complaint: 'Ret til at klage til en tilsynsmyndighed',
    controller: 'Den dataansvarliges identitet og kontaktoplysninger',
    dpo: 'Databeskyttelsesrådgiverens kontaktoplysninger',
    'legal-basis': 'Retsgrundlaget for behandlingen',
    'legitimate-interests': 'De legitime interesser (art. 6, stk. 1, litra f)',
    purposes: 'Formålene med behandlingen',
    recipients: 'Modtagere eller kategorier af modtagere',
    retention: 'Opbevaringsperiode eller kriterierne for den',
    'right-access': 'Ret til indsigt',
    'right-erasure': 'Ret til sletning',
    'right-objection': 'Ret til indsigelse',
    'right-portability': 'Ret til dataportabilitet',
    'right-rectification': 'Ret til berigtigelse',
    'right-restriction': 'Ret til begrænsning af behandling',
    source: 'Hvor oplysningerne stammer fra (art. 14)',
    'statutory-requirement': 'Om oplysningerne er et lovkrav eller et krav i en kontrakt',
    transfers: 'Overførsel til tredjelande og garantierne for den',
    'withdraw-consent': 'Ret til at trække samtykke tilbage',
  },
  en: {
    'automated-decisions': 'Automated decision-making, including profiling',
    complaint: 'Right to lodge a complaint with a supervisory authority',
    controller: 'Identity and contact details of the controller',
    dpo: 'Contact details of the data protection officer',
    'legal-basis': 'Legal basis for the processing',
    'legitimate-interests': 'Legitimate interests (Art. 6(1)(f))',
    purposes: 'Purposes of the processing',
    recipients: 'Recipients or categories of recipients',
    retention: 'Retention period or the criteria for it',
    'right-access': 'Right of access',
    'right-erasure': 'Right to erasure',
    'right-objection': 'Right to object',
    'right-portability': 'Right to data portability',
    'right-rectification': 'Right to rectification',
    'right-restriction': 'Right to restriction of processing',
    source: 'Source of the personal data (Art. 14)',
    'statutory-requirement': 'Whether providing the data is a statutory or contractual requirement',
    transfers: 'Transfers to third countries and their safeguards',
    'withdraw-consent': 'Right to withdraw consent',
  },
}

/** The label of an element in `language` (`da` or English otherwise). */
export function elementLabel(element: ElementId, language: string): string {
  return (language.startsWith('da') ? ELEMENT_LABELS.da : ELEMENT_LABELS.en)[element]
}
