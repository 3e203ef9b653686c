/**
 * The words behind the classifier's key-term rules, per language. Data only, so a lawyer can
 * read and extend it. Phrases use the syntax of `src/completeness/patterns/README.md`.
 *
 * - `rewrites`: applied to lower-cased text (punctuation as spaces) before content words are
 *   compared, so an abbreviation and its full form, a fixed synonym, or a cross-reference
 *   ("see section 4", "ovenfor") never count as a change of substance.
 * - `keyTerms`: phrases whose appearance or disappearance is material in a section of any kind,
 *   however few words changed (WP260 rev.01 ¶29–30): legal bases, transfer mechanisms and rights.
 * - `periods`: a number with a unit of time, or an age: a changed period or age is material anywhere.
 * - `countries`: a newly named country is a new processing location.
 */

/** Key-term categories (each a reason the classifier can give). */
export type KeyTermCategory = 'legal-basis' | 'right' | 'transfer-mechanism'

export type Vocabulary = {
  /** [regular expression on ` normalized text `, replacement]; applied in order. */
  rewrites: Array<[string, string]>
  /** Canonical term → phrases, by category. */
  keyTerms: Record<KeyTermCategory, Record<string, string[]>>
  /** Number words (besides digits) and time units (canonical → words) for periods. */
  periods: { numbers: string[]; units: Record<string, string[]>; agePrefixes: string[] }
  /** Country names (any form; matched case-insensitively as whole words). */
  countries: string[]
}

const CROSS_REF_EN = ' (?:see )?(?:section|chapter|paragraph|clause|point|item)s? \\d+(?: \\d+)* '
const CROSS_REF_DA = ' (?:se )?(?:afsnit|punkt|kapitel|paragraf)(?:et|erne)? \\d+(?: \\d+)* '

export const VOCABULARY: Record<string, Vocabulary> = {
  en: {
    rewrites: [
      [' article ', ' art '],
      [' general data protection regulation ', ' gdpr '],
      [' european economic area ', ' eea '],
      [' european union ', ' eu '],
      [' e g ', ' for example '],
      [' i e ', ' that is '],
      [' info ', ' information '],
      [' data protection officer ', ' dpo '],
      [' paragraph ', ' para '],
      [' letter ', ' lit '],
      [' revok\\p{L}* ', ' withdraw '],
      [' revocation ', ' withdrawal '],
      [' data economy ', ' data minimisation '],
      [CROSS_REF_EN, ' '],
      [' (?:above|below|hereinafter|herein|aforementioned|above mentioned) ', ' '],
    ],
    keyTerms: {
      'legal-basis': {
        consent: ['consent'],
        'legitimate interests': ['legitimate interest*'],
        contract: ['performance of a contract', 'necessary ... perform* ... contract'],
        'legal obligation': ['legal obligation*'],
      },
      'transfer-mechanism': {
        'standard contractual clauses': [
          'standard contractual clauses',
          'standard data protection clauses',
          'scc',
          'sccs',
        ],
        'binding corporate rules': ['binding corporate rules', 'bcr', 'bcrs'],
        adequacy: ['adequacy'],
        'Data Privacy Framework': ['data privacy framework', 'privacy shield'],
        'Art. 45': ['art* 45'],
        'Art. 46': ['art* 46'],
        'Art. 47': ['art* 47'],
        'Art. 49': ['art* 49'],
      },
      right: {
        access: ['right of access', 'right to access', 'right to information'],
        rectification: ['rectif*'],
        erasure: ['erasure', 'right to be forgotten'],
        restriction: [
          'restriction of processing',
          'right to restriction',
          'restrict ... processing',
        ],
        objection: ['right to object', 'object to', 'objection'],
        portability: ['portability'],
        'withdraw consent': ['withdraw* ... consent', 'consent ... withdraw*'],
        complaint: ['lodge a complaint', 'complain* ... authorit*'],
      },
    },
    periods: {
      agePrefixes: ['age of', 'aged', 'under', 'over'],
      numbers: [
        'one',
        'two',
        'three',
        'four',
        'five',
        'six',
        'seven',
        'eight',
        'nine',
        'ten',
        'eleven',
        'twelve',
      ],
      units: {
        day: ['day', 'days'],
        week: ['week', 'weeks'],
        month: ['month', 'months'],
        year: ['year', 'years'],
        hour: ['hour', 'hours'],
        minute: ['minute', 'minutes'],
      },
    },
    countries: [
      'united states',
      'usa',
      'united kingdom',
      'uk',
      'india',
      'china',
      'japan',
      'canada',
      'australia',
      'switzerland',
      'israel',
      'singapore',
      'brazil',
      'russia',
      'ukraine',
      'philippines',
      'south africa',
      'ireland',
      'germany',
      'netherlands',
      'sweden',
      'norway',
      'finland',
      'france',
      'poland',
      'spain',
      'italy',
      'belgium',
      'luxembourg',
      'estonia',
      'lithuania',
      'latvia',
      'czech republic',
      'austria',
      'portugal',
      'denmark',
    ],
  },
  da: {
    rewrites: [
      [' artikel ', ' art '],
      [' databeskyttelsesforordning\\p{L}* ', ' gdpr '],
      [' persondataforordning\\p{L}* ', ' gdpr '],
      [' f eks ', ' for eksempel '],
      [' bl a ', ' blandt andet '],
      [' m v ', ' med videre '],
      [' mv ', ' med videre '],
      [' ca ', ' cirka '],
      [' jf ', ' jævnfør '],
      [' stk ', ' stykke '],
      [' pkt ', ' punkt '],
      [' nr ', ' nummer '],
      [' tlf ', ' telefon '],
      [' det europæiske økonomiske samarbejdsområde ', ' eøs '],
      [' trække ((?:\\S+ ){0,2})tilbage ', ' tilbagekalde $1'],
      [' fremtidig (?:effekt|virkning) ', ' virkning for fremtiden '],
      [CROSS_REF_DA, ' '],
      [' (?:ovenfor|nedenfor|ovenstående|nedenstående|førnævnte) ', ' '],
    ],
    keyTerms: {
      'legal-basis': {
        samtykke: ['samtykke*'],
        'legitime interesser': ['legitim* interesse*', 'berettiget* interesse*'],
        kontrakt: [
          'opfylde en kontrakt',
          'opfyldelse af en kontrakt',
          'nødvendig* ... opfylde ... kontrakt*',
        ],
        'retlig forpligtelse': ['retlig* forpligtelse*'],
      },
      'transfer-mechanism': {
        standardkontraktbestemmelser: [
          'standardkontraktbestemmelse*',
          'standardkontraktklausul*',
          'standard contractual clauses',
          'scc',
        ],
        'bindende virksomhedsregler': ['bindende virksomhedsregler', 'bcr'],
        tilstrækkelighedsafgørelse: ['tilstrækkeligheds*', 'tilstrækkeligt beskyttelsesniveau'],
        'Data Privacy Framework': ['data privacy framework', 'privacy shield'],
        'art. 45': ['art* 45'],
        'art. 46': ['art* 46'],
        'art. 47': ['art* 47'],
        'art. 49': ['art* 49'],
      },
      right: {
        indsigt: ['indsigt*', 'ret til information'],
        berigtigelse: ['berigtig*'],
        sletning: ['sletning', 'ret til at blive glemt'],
        begrænsning: ['begrænsning af behandling*', 'begrænset behandling'],
        indsigelse: ['indsigelse*'],
        dataportabilitet: ['dataportabilitet*'],
        'tilbagekaldelse af samtykke': [
          'tilbagekald* ... samtykke*',
          'tilbagetræk* ... samtykke*',
          'trække* ... samtykke* tilbage',
        ],
        klage: ['klage* ... datatilsynet', 'klage* ... tilsynsmyndighed*'],
      },
    },
    periods: {
      agePrefixes: ['alder på', 'alderen', 'under', 'over'],
      numbers: ['en', 'et', 'to', 'tre', 'fire', 'fem', 'seks', 'syv', 'otte', 'ni', 'ti', 'tolv'],
      units: {
        day: ['dag', 'dage', 'døgn'],
        week: ['uge', 'uger'],
        month: ['måned', 'måneder'],
        year: ['år'],
        hour: ['time', 'timer'],
        minute: ['minut', 'minutter'],
      },
    },
    countries: [
      'usa',
      'storbritannien',
      'england',
      'indien',
      'kina',
      'japan',
      'canada',
      'australien',
      'schweiz',
      'israel',
      'singapore',
      'brasilien',
      'rusland',
      'ukraine',
      'filippinerne',
      'sydafrika',
      'irland',
      'tyskland',
      'holland',
      'nederlandene',
      'sverige',
      'norge',
      'finland',
      'frankrig',
      'polen',
      'spanien',
      'italien',
      'belgien',
      'luxembourg',
      'estland',
      'litauen',
      'letland',
      'tjekkiet',
      'østrig',
      'portugal',
      'danmark',
    ],
  },
}
