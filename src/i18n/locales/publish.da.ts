import type { PublishResources } from './publish.en.js'

/** Danish copy for the publish rules (see publish.en.ts). */
export const publishDa: PublishResources = {
  backdated:
    'Ikrafttrædelsesdatoen, du har angivet, {{date}}, ligger i fortiden. Vælg en senere dato, eller tøm “Gælder fra” under “Udgivelse”, så udgivelsen gælder fra offentliggørelsen.',
  beforePreviousEmpty:
    'Du har ikke angivet en dato i “Gælder fra”, så udgivelsen ville gælde fra offentliggørelsen, men version {{version}} træder først i kraft {{previousDate}}. Versioner træder i kraft i rækkefølge: sæt “Gælder fra” under “Udgivelse” til {{previousDate}} eller senere.',
  beforePreviousEntered:
    'Datoen, du har angivet i “Gælder fra”, {{date}}, ligger før version {{version}} træder i kraft ({{previousDate}}). Versioner træder i kraft i rækkefølge: vælg {{previousDate}} eller senere.',
  changeNoteLeftover:
    'Ændringsnoten på {{language}} er stadig den fra version {{version}} og bruges ikke igen. Skift sprog (øverst til højre) til {{language}}, og skriv en ny “Ændringsnote” under “Udgivelse”.',
  gdprIncomplete:
    'Erklæringen på {{language}} mangler oplysninger, som databeskyttelsesforordningens art. 13/14 kræver: {{items}}. Skriv dem, eller erklær dem ikke relevante med en begrundelse under »Oplysningspligt«.',
  incomplete:
    'Teksten på {{language}} er ufuldstændig; der mangler {{items}}. Skift sprog (øverst til højre) til {{language}}, og udfyld det.',
  incompleteBody: 'teksten i afsnittet “{{heading}}”',
  incompleteHeading: 'overskriften i afsnittet “{{heading}}”',
  incompleteTitle: 'titlen',
  kindMaterial: 'væsentlig',
  kindMinor: 'mindre',
  missingChangeNote:
    'En væsentlig ændring kræver en ændringsnote på alle sprog; noten på {{language}} er tom. Skift sprog (øverst til højre) til {{language}}, og skriv en “Ændringsnote” under “Udgivelse”.',
  missingJustification:
    'Forslaget er “{{proposal}}”, og du har valgt “{{chosen}}”. Skriv en “Begrundelse” under “Udgivelse”, eller sæt “Type af ændring” tilbage til “Brug forslaget”.',
  readerTranslationFollows:
    'Den gældende tekst på {{changedIn}} blev ændret den {{date}} (version {{version}}). Denne oversættelse til {{language}} indeholder endnu ikke ændringen; den følger.',
  feedEntryMaterial: 'Væsentlig ændring. Version {{version}} træder i kraft {{date}}.',
  feedEntryMinor: 'Mindre ændring. Version {{version}} træder i kraft {{date}}.',
  feedTitleMaterial: '{{title}} {{version}} (væsentlig ændring)',
  feedTitleMinor: '{{title}} {{version}} (mindre ændring)',
  refused_one: 'Udgivelsen blev afvist. Én ting skal rettes:',
  refused_other: 'Udgivelsen blev afvist. {{count}} ting skal rettes:',
  sectionNamed: '“{{heading}}”',
  sectionTitle: 'titlen',
  shortNoticeEmpty:
    'En væsentlig ændring skal varsles mindst {{required}} dage før, den træder i kraft; uden dato i “Gælder fra” gælder den fra offentliggørelsen. Sæt “Gælder fra” under “Udgivelse” til {{earliest}} eller senere, eller skriv en “Begrundelse for kort varsel”.',
  shortNoticeEntered:
    'En væsentlig ændring skal varsles mindst {{required}} dage før, den træder i kraft; datoen, du har angivet, {{date}}, giver {{days}}. Sæt “Gælder fra” under “Udgivelse” til {{earliest}} eller senere, eller skriv en “Begrundelse for kort varsel”.',
  translationFollowsReason:
    'Erklæringen om, at oversættelsen til {{language}} følger, mangler en begrundelse: skriv den under “Udgivelse” → “Oversættelse følger”.',
  translationGap:
    'Teksten på {{changedIn}} er ændret i {{sections}}, men teksten på {{language}} er ikke, så læsere på {{language}} ville få besked om en ændring, deres tekst ikke indeholder. Opdatér teksten på {{language}} (skift sprog øverst til højre), eller erklær under “Udgivelse” → “Oversættelse følger”, at oversættelsen til {{language}} følger, med en begrundelse.',
}
