/** A date and time for the admin, in the admin's language and the plugin's time zone. */
export function formatDateTime(iso: string, language: string, timeZone: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  try {
    return new Intl.DateTimeFormat(language, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone,
    }).format(date)
  } catch {
    // An unknown time zone or language: still show the moment, unambiguously.
    return date.toISOString().replace('T', ' ').slice(0, 16) + ' UTC'
  }
}
