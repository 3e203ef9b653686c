/**
 * Danish phrases for the Art. 13/14 completeness check. Data only; syntax in `README.md`.
 */
import type { PatternSet } from '../types.js'

export const da: PatternSet = {
  language: 'da',
  elements: {
    controller: {
      identity: {
        anywhere: [
          'dataansvarlig*',
          'ansvarlig for behandlingen',
          'ansvarlig for behandling af dine personoplysninger',
        ],
      },
      contact: {
        anywhere: [
          're:[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+',
          're:[\\w.+-]+\\s*[\\[(]\\s*(at|snabel-a)\\s*[\\])]\\s*[\\w-]+',
          're:\\b(tlf|telefon|telefonnummer)\\.?:?\\s*\\+?\\d',
          're:\\bcvr(-nr)?\\.?:?\\s*\\d',
          'kontaktoplysninger',
          'kontakt os på',
        ],
        inKinds: ['re:\\b(dk-)?\\d{4} \\p{L}{3,}'],
      },
    },
    dpo: {
      dpo: { anywhere: ['databeskyttelsesrådgiver*', 'dpo', 'data protection officer'] },
    },
    purposes: {
      purposes: {
        anywhere: [
          'formål*',
          'bruger ... oplysninger ... til at',
          'behandler ... oplysninger ... for at',
          'anvender ... oplysninger ... til',
        ],
        inKinds: ['for at', 'med henblik på'],
      },
    },
    'legal-basis': {
      'legal-basis': {
        anywhere: [
          'retsgrundlag*',
          'behandlingsgrundlag*',
          'lovligt grundlag',
          'juridisk* grundlag',
          'hjemmel*',
          'artikel 6',
          'art 6',
          'legitim* interesse*',
          'berettiget* interesse*',
          'på grundlag af dit samtykke',
          'baseret på dit samtykke',
          'nødvendig* ... opfylde ... kontrakt*',
          'nødvendig* ... overholde ... retlig* forpligtelse*',
        ],
      },
    },
    'legitimate-interests': {
      interests: {
        anywhere: [
          'legitim* interesse*',
          'berettiget* interesse*',
          'artikel 6 stk 1 litra f',
          'art 6 1 f',
          'artikel 6 1 f',
          'interesseafvejning*',
        ],
      },
    },
    recipients: {
      recipients: {
        anywhere: [
          'deles med',
          'deler ... med',
          'videregive* ... til',
          'databehandler',
          'databehandlere',
          'databehandlerne',
          'underdatabehandler*',
          'underleverandør*',
          'tredjepart*',
          'kategorier af modtagere',
        ],
        inKinds: ['modtager*', 'udlever*', 'deles', 'videregiv*'],
      },
    },
    transfers: {
      transfer: {
        anywhere: [
          'tredjeland*',
          'uden for eu',
          'uden for eøs',
          'udenfor eu',
          'udenfor eøs',
          'usa',
          'overfør* ... til ... land*',
          'overførsel* af personoplysninger',
        ],
      },
      safeguard: {
        anywhere: [
          'standardkontraktbestemmelse*',
          'standardkontraktklausul*',
          'standard contractual clauses',
          'bindende virksomhedsregler',
          'bcr',
          'tilstrækkeligheds*',
          'tilstrækkeligt beskyttelsesniveau',
          'data privacy framework',
          'artikel 45',
          'artikel 46',
          'artikel 47',
          'artikel 49',
          'art 45',
          'art 46',
          'art 47',
          'art 49',
          'passende garantier',
          'fornødne garantier',
        ],
      },
    },
    retention: {
      retention: {
        anywhere: [
          're:(opbevar|gem|slet)\\p{L}*[^.]{0,80}?\\b(\\d+|et|to|tre|fire|fem|seks|syv|otte|ti|tolv)\\s+(år|måned|uge|dag)',
          'opbevaringsperiode*',
          'så længe ... nødvendigt',
          'kriterie* ... opbevar*',
          'slettes når',
          'slette* ... når',
        ],
        inKinds: ['opbevar*', 'slet*', 'gemmer'],
      },
    },
    'right-access': {
      access: {
        anywhere: [
          'indsigt*',
          'ret til ... adgang',
          'få adgang til ... oplysninger',
          'få oplyst hvilk*',
          'kopi af ... oplysninger',
        ],
      },
    },
    'right-rectification': {
      rectification: {
        anywhere: ['berigtig*', 'rettes', 'få rettet', 'rette ... oplysninger', 'rettelse af'],
      },
    },
    'right-erasure': {
      erasure: {
        anywhere: [
          'ret til sletning',
          'ret til ... sletning',
          'ret til at blive glemt',
          'få slettet',
          'slettes',
          'fjernes',
          'få ... slettet',
        ],
        inKinds: ['slet*', 'fjern*'],
      },
    },
    'right-restriction': {
      restriction: {
        anywhere: [
          'begrænsning af behandling*',
          'ret til begrænsning',
          'begrænse* ... behandlingen',
          'begrænse vores behandling*',
          'begrænse brugen af',
        ],
      },
    },
    'right-objection': {
      objection: { anywhere: ['indsigelse*', 'gøre indsigelse', 'modsætte dig'] },
    },
    'right-portability': {
      portability: {
        anywhere: [
          'dataportabilitet*',
          'maskinlæsbart format',
          'struktureret ... format',
          'overføre ... oplysninger ... til en anden',
          'flytte ... oplysninger',
        ],
      },
    },
    'withdraw-consent': {
      withdraw: {
        anywhere: [
          'tilbagekald* ... samtykke*',
          'tilbagetræk* ... samtykke*',
          'trække* ... samtykke* tilbage',
          'samtykke* ... tilbagekald*',
          'samtykke* ... trække* tilbage',
        ],
      },
    },
    complaint: {
      complaint: {
        anywhere: [
          'klage* ... datatilsynet',
          'klage* ... tilsynsmyndighed*',
          'datatilsynet ... klage*',
          'indgive ... klage',
        ],
      },
    },
    'statutory-requirement': {
      requirement: {
        anywhere: [
          'frivillig*',
          'ikke forpligtet til',
          'er forpligtet til at oplyse',
          'lovkrav ... oplys*',
          'kontraktuel* krav',
          'nødvendig* for at indgå',
          'hvis du ikke giver os',
          'hvis du vælger ikke at',
          'konsekvens* ... ikke ... oplys*',
        ],
      },
    },
    'automated-decisions': {
      automated: {
        anywhere: [
          'automatisk* afgørelse*',
          'automatisered* afgørelse*',
          'automatisk* ... beslutning*',
          'automatisered* ... beslutning*',
          'profilering*',
          'artikel 22',
        ],
      },
    },
    source: {
      source: {
        anywhere: [
          'indhent* ... oplysninger',
          'oplysninger ... fra tredjepart*',
          'kilde*',
          'offentligt tilgængelig*',
          'offentlige registre',
          'modtager* ... oplysninger ... fra',
        ],
        inKinds: ['indhent*', 'indsaml*', 'registrer*', 'opgiver*'],
      },
    },
  },
}
