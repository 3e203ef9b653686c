/**
 * Danish phrases that point to a section kind. Data only; syntax in
 * `src/completeness/patterns/README.md`.
 */
import type { KindPatternSet } from '../types.js'

export const da: KindPatternSet = {
  language: 'da',
  kinds: {
    controller: {
      heading: [
        'dataansvarlig*',
        'kontaktoplysninger',
        'hvem er vi',
        'hvem er ansvarlig',
        'om os',
        'kontakt os',
      ],
      body: ['dataansvarlig*', 're:\\bcvr', 're:[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+'],
    },
    cookies: { heading: ['cookie*'], body: ['cookie*'] },
    'data-categories': {
      heading: [
        'hvilke personoplysninger',
        'hvilke oplysninger',
        'kategorier af personoplysninger',
        'typer af ... oplysninger',
        'oplysninger vi behandler',
        'oplysninger om dig',
      ],
      body: [
        'navn',
        'e mailadresse*',
        'telefonnummer',
        'adresse*',
        'ip adresse*',
        'cpr nummer',
        'følsomme personoplysninger',
        'sensitive personoplysninger',
        'kategorier af personoplysninger',
      ],
    },
    definitions: {
      heading: ['begreb*', 'definition*', 'ordliste'],
      body: ['betyder', 'forstås', 'er alle oplysninger', 'er enhver'],
    },
    purposes: {
      heading: ['formål*', 'hvorfor behandler', 'hvad bruger', 'brug af ... oplysninger'],
      body: ['formål*', 'for at', 'med henblik på'],
    },
    recipients: {
      heading: [
        'udlevering*',
        'videregivelse*',
        'modtager*',
        'tredjepart*',
        'deler vi',
        'databehandler*',
        'underdatabehandler*',
        'hvem deler',
      ],
      body: [
        'deles med',
        'deler ... med',
        'underleverandør*',
        'databehandler',
        'databehandlere',
        'udlever*',
        'videregive*',
      ],
    },
    retention: {
      heading: ['opbevar*', 'sletning*', 'hvor længe'],
      body: ['opbevar*', 'slettes efter', 'så længe'],
    },
    rights: {
      heading: ['rettighed*', 'rettes eller slettes', 'indsigt*', 'klage*'],
      body: [
        'ret til',
        'indsigt*',
        'berigtig*',
        'indsigelse*',
        'dataportabilitet*',
        'datatilsynet',
      ],
    },
    security: {
      heading: ['sikkerhed*', 'beskytte*', 'beskyttelse'],
      body: ['sikkerhed*', 'kryptering*', 'adgangskontrol*', 'sikkerhedsforanstaltning*'],
    },
    sources: {
      heading: ['indhent*', 'indsaml*', 'kilde*', 'hvor får vi', 'hvor kommer'],
      body: ['indhent*', 'indsaml*', 'offentlige registre'],
    },
    transfers: {
      heading: ['overførsel*', 'tredjeland*', 'uden for eu', 'uden for eøs', 'internationale'],
      body: [
        'tredjeland*',
        'standardkontrakt*',
        'uden for eu',
        'uden for eøs',
        'usa',
        'tilstrækkeligheds*',
        'bindende virksomhedsregler',
      ],
    },
  },
}
