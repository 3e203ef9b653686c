import type { NoticesResources } from './notices.en.js'

/** Danish copy for e-mails to subscribers. */
export const noticesDa: NoticesResources = {
  change: {
    compare: 'Se ændringerne',
    effective: 'Den nye version gælder fra {{date}}.',
    heading: 'Vi har opdateret »{{title}}«',
    intro:
      'Vi har ændret »{{title}}« på {{siteName}}. Version {{version}} afløser version {{previousVersion}}.',
    introFirst: 'Vi har offentliggjort version {{version}} af »{{title}}« på {{siteName}}.',
    statement: 'Læs hele teksten',
    subject: 'Vi har opdateret »{{title}}« – version {{version}} gælder fra {{date}}',
    summary: 'Overblik over ændringerne',
    whatChanged: 'Hvad er ændret',
  },
  common: {
    footer:
      'Du får denne e-mail, fordi du har tilmeldt dig besked om ændringer i »{{title}}« på {{siteName}}.',
    greeting: 'Hej,',
    linkHint: 'Virker knappen ikke, så kopiér denne adresse ind i din browser:',
    manage: 'Se, ret eller slet dine oplysninger',
    regards: 'Venlig hilsen',
    unsubscribe: 'Afmeld',
  },
  confirm: {
    action: 'Bekræft tilmelding',
    expires: 'Linket virker indtil {{date}} og kan kun bruges én gang.',
    heading: 'Bekræft din tilmelding',
    ignore:
      'Har du ikke bedt om det, kan du se bort fra denne e-mail. Så hører du ikke fra os igen.',
    intro:
      'Nogen – forhåbentlig dig – har bedt om at få besked på e-mail, når »{{title}}« på {{siteName}} bliver ændret. Der sker ikke noget, før du bekræfter.',
    subject: 'Bekræft din tilmelding til ændringer i »{{title}}«',
  },
  correction: {
    note: 'Mere om ændringen',
    postponed: {
      body: 'Version {{version}} af »{{title}}«, som vi tidligere har skrevet til dig om, gælder nu først fra {{newDate}} i stedet for {{oldDate}}.',
      heading: 'Ny dato for version {{version}} af »{{title}}«',
      subject: 'Ny dato: version {{version}} af »{{title}}« gælder fra {{newDate}}',
    },
    statement: 'Læs den gældende tekst',
    withdrawn: {
      body: 'Vi har trukket version {{version}} af »{{title}}«, som vi tidligere har skrevet til dig om, tilbage. Den træder ikke i kraft, og den nuværende version gælder fortsat.',
      heading: 'Version {{version}} af »{{title}}« er trukket tilbage',
      subject: 'Trukket tilbage: version {{version}} af »{{title}}«',
    },
  },
  manage: {
    action: 'Se, ret eller slet dine oplysninger',
    expires: 'Linket virker indtil {{date}}.',
    heading: 'Administrer din tilmelding',
    ignore:
      'Har du ikke bedt om linket, kan du se bort fra denne e-mail. Der er ikke ændret noget.',
    intro:
      'Du har bedt om et link til din tilmelding til ændringer i »{{title}}« på {{siteName}}. Her kan du hente en kopi af de oplysninger, vi har om dig, skifte sprog på vores e-mails eller slette dine oplysninger og afmelde dig.',
    subject: 'Dit link til at administrere din tilmelding på {{siteName}}',
  },
}
