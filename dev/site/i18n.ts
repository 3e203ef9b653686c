/** Reader-facing copy of the demo site. Plain strings, rendered as React text (never as HTML). */
import type { Locale } from './config.js'

const da = {
  apiError: 'Politikken kunne ikke hentes lige nu.',
  archiveHeading: 'Versionshistorik',
  archiveIntro: 'Alle udgaver af erklæringen, den nyeste først.',
  backToCurrent: 'Gå til den gældende version',
  badgeImported: 'Importeret historik',
  badgeInForce: 'Gældende',
  badgeSuperseded: 'Erstattet',
  badgeUpcoming: 'Kommende',
  changeNote: 'Hvad er ændret',
  changesHeading: 'Ændringer',
  compareHeading: 'Sammenlign versioner',
  compareIntro: 'Vælg to udgaver af erklæringen for at se, hvad der er ændret mellem dem.',
  compareSubmit: 'Vis ændringer',
  compareWith: (version: string) => `Sammenlign med ${version}`,
  diffLegend:
    'Tilføjet tekst er understreget og markeret med grønt; fjernet tekst er gennemstreget og markeret med rødt.',
  diffUnavailable: 'Sammenligningen er ikke tilgængelig.',
  diffUnavailableDetail:
    'Serveren kan ikke vise forskellen mellem de to versioner lige nu. Du kan stadig læse begge versioner i sin helhed:',
  effective: 'Gældende fra',
  footer: 'Demo af payload-plugin-policy-docs. Indholdet hentes fra det offentlige API.',
  from: 'Fra version',
  kind: { material: 'Væsentlig ændring', minor: 'Mindre ændring' } as Record<string, string>,
  kindLabel: 'Type af ændring',
  languageLabel: 'Sprog',
  languageName: 'Dansk',
  navLabel: 'Hovedmenu',
  navPrivacy: 'Privatlivspolitik',
  noReleaseInForce: 'Der er ingen gældende udgave af dette dokument endnu.',
  notFound: 'Siden findes ikke.',
  notFoundHeading: 'Ikke fundet',
  olderVersion: (version: string, current: string) =>
    `Du læser version ${version}, som ikke længere gælder. Den gældende version er ${current}.`,
  pickTwoVersions: 'Vælg to forskellige versioner.',
  published: 'Offentliggjort',
  readVersion: (version: string) => `Læs version ${version}`,
  siteName: 'Politikdokumenter (demo)',
  skipToContent: 'Gå til indhold',
  summaryHeading: 'Kort fortalt',
  takesEffect: 'Træder i kraft',
  technicalDetail: 'Teknisk detalje',
  to: 'Til version',
  unknownVersion: (version: string) =>
    `Der findes ingen version ${version}. Vælg en version fra listen.`,
  unchangedCount: (count: number) =>
    count === 1 ? '1 afsnit er uændret.' : `${count} afsnit er uændrede.`,
  unchangedSection: 'uændret',
  upcomingVersion: (version: string, date: string) =>
    `Version ${version} er offentliggjort, men træder først i kraft ${date}.`,
  version: 'Version',
  versionJson: (version: string) => `Version ${version} som JSON`,
}

export type Messages = typeof da

const en: Messages = {
  apiError: 'The policy could not be loaded right now.',
  archiveHeading: 'Version history',
  archiveIntro: 'Every edition of the statement, newest first.',
  backToCurrent: 'Go to the version in force',
  badgeImported: 'Imported history',
  badgeInForce: 'In force',
  badgeSuperseded: 'Superseded',
  badgeUpcoming: 'Upcoming',
  changeNote: 'What changed',
  changesHeading: 'Changes',
  compareHeading: 'Compare versions',
  compareIntro: 'Choose two editions of the statement to see what changed between them.',
  compareSubmit: 'Show changes',
  compareWith: (version: string) => `Compare with ${version}`,
  diffLegend:
    'Added text is underlined and marked in green; removed text is struck through and marked in red.',
  diffUnavailable: 'The comparison is not available.',
  diffUnavailableDetail:
    'The server cannot show the differences between these versions right now. You can still read both versions in full:',
  effective: 'In force from',
  footer: 'A demo of payload-plugin-policy-docs. The content comes from the public API.',
  from: 'From version',
  kind: { material: 'Material change', minor: 'Minor change' },
  kindLabel: 'Type of change',
  languageLabel: 'Language',
  languageName: 'English',
  navLabel: 'Main',
  navPrivacy: 'Privacy statement',
  noReleaseInForce: 'No edition of this document is in force yet.',
  notFound: 'This page does not exist.',
  notFoundHeading: 'Not found',
  olderVersion: (version: string, current: string) =>
    `You are reading version ${version}, which is no longer in force. The version in force is ${current}.`,
  pickTwoVersions: 'Choose two different versions.',
  published: 'Published',
  readVersion: (version: string) => `Read version ${version}`,
  siteName: 'Policy documents (demo)',
  skipToContent: 'Skip to content',
  summaryHeading: 'In short',
  takesEffect: 'Takes effect',
  technicalDetail: 'Technical detail',
  to: 'To version',
  unknownVersion: (version: string) =>
    `There is no version ${version}. Choose a version from the list.`,
  unchangedCount: (count: number) =>
    count === 1 ? '1 section is unchanged.' : `${count} sections are unchanged.`,
  unchangedSection: 'unchanged',
  upcomingVersion: (version: string, date: string) =>
    `Version ${version} has been published but takes effect on ${date}.`,
  version: 'Version',
  versionJson: (version: string) => `Version ${version} as JSON`,
}

const messages: Record<Locale, Messages> = { da, en }

export const t = (locale: Locale): Messages => messages[locale]

const dateFormats: Record<Locale, Intl.DateTimeFormat> = {
  da: new Intl.DateTimeFormat('da-DK', { dateStyle: 'long', timeZone: 'Europe/Copenhagen' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/Copenhagen' }),
}

/** A date as readers in Denmark see it ("1. marts 2026", "1 March 2026"). */
export function formatDate(iso: string, locale: Locale): string {
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : dateFormats[locale].format(date)
}
