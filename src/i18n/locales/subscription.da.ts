import type { SubscriptionCopy } from './subscription.en.js'

/** Danish copy of the subscription pages. */
export const subscriptionDa: SubscriptionCopy = {
  accepted:
    'Tak. Hvis adressen kan modtage e-mail, er en besked med et link på vej. Der sker ikke noget, før du bruger linket.',
  confirm: {
    button: 'Bekræft mit abonnement',
    done: 'Dit abonnement er bekræftet. Vi sender dig en e-mail, når {{documents}} ændres.',
    lead: 'Bekræft, at du vil have en e-mail, når vi foretager væsentlige ændringer i {{documents}}.',
    title: 'Bekræft dit abonnement',
  },
  invalidLink:
    'Linket er ikke gyldigt: det kan være udløbet, allerede brugt eller erstattet af et nyere. Du kan bede om et nyt.',
  manage: {
    documents: 'Abonnerer på',
    email: 'E-mailadresse',
    erase: 'Slet mine oplysninger',
    eraseLead:
      'Sletning fjerner din adresse og dine indstillinger for altid. Oplysninger om beskeder, vi har sendt, gemmes uden din adresse.',
    erased: 'Dine oplysninger er slettet. Du hører ikke fra os igen.',
    export: 'Hent mine oplysninger (JSON)',
    locale: 'Sprog i vores e-mails',
    localeChanged: 'Gemt. Vi skriver til dig på {{locale}}.',
    localeSave: 'Gem sprog',
    sent: 'Beskeder sendt til dig',
    status: 'Status',
    title: 'Dine oplysninger',
  },
  rateLimited: 'For mange forespørgsler. Prøv igen senere.',
  status: { confirmed: 'Abonnerer', pending: 'Afventer bekræftelse', unsubscribed: 'Afmeldt' },
  unsubscribe: {
    button: 'Afmeld',
    done: 'Du er afmeldt og får ikke flere e-mails om ændringer.',
    lead: 'Vil du stoppe med at få e-mails om ændringer i {{documents}}?',
    title: 'Afmeld',
  },
}
