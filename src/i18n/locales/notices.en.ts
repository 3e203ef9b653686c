/**
 * English copy for e-mails to subscribers. This object's shape types every other locale.
 * Copy never contains `< > & " '`: the HTML renderer escapes interpolated values, not the copy.
 */
export const noticesEn = {
  change: {
    compare: 'See the changes',
    effective: 'The new version applies from {{date}}.',
    heading: 'We have updated “{{title}}”',
    intro:
      'We have made changes to “{{title}}” on {{siteName}}. Version {{version}} replaces version {{previousVersion}}.',
    introFirst: 'We have published version {{version}} of “{{title}}” on {{siteName}}.',
    statement: 'Read the full text',
    subject: 'We have updated “{{title}}” – version {{version}} applies from {{date}}',
    summary: 'Overview of the changes',
    whatChanged: 'What has changed',
  },
  common: {
    footer:
      'You are receiving this e-mail because you signed up for news about changes to “{{title}}” on {{siteName}}.',
    greeting: 'Hello,',
    linkHint: 'If the button does not work, copy this address into your browser:',
    manage: 'See, correct or delete your data',
    regards: 'Kind regards',
    unsubscribe: 'Unsubscribe',
  },
  confirm: {
    action: 'Confirm subscription',
    expires: 'The link works until {{date}} and can be used once.',
    heading: 'Confirm your subscription',
    ignore:
      'If you did not ask for this, you can ignore this e-mail. You will not hear from us again.',
    intro:
      'Someone, hopefully you, asked to be told by e-mail when “{{title}}” on {{siteName}} changes. Nothing happens until you confirm.',
    subject: 'Confirm your subscription to changes to “{{title}}”',
  },
  correction: {
    note: 'More about this',
    postponed: {
      body: 'Version {{version}} of “{{title}}”, which we wrote to you about earlier, will now apply from {{newDate}} instead of {{oldDate}}.',
      heading: 'New date for version {{version}} of “{{title}}”',
      subject: 'New date: version {{version}} of “{{title}}” applies from {{newDate}}',
    },
    statement: 'Read the current text',
    withdrawn: {
      body: 'We have withdrawn version {{version}} of “{{title}}”, which we wrote to you about earlier. It will not take effect, and the current version continues to apply.',
      heading: 'Version {{version}} of “{{title}}” has been withdrawn',
      subject: 'Withdrawn: version {{version}} of “{{title}}”',
    },
  },
  manage: {
    action: 'See, correct or delete your data',
    expires: 'The link works until {{date}}.',
    heading: 'Manage your subscription',
    ignore:
      'If you did not ask for this link, you can ignore this e-mail. Nothing has been changed.',
    intro:
      'You asked for a link to your subscription to changes to “{{title}}” on {{siteName}}. There you can download a copy of the data we hold about you, change the language of our e-mails, or delete your data and unsubscribe.',
    subject: 'Your link to manage your subscription on {{siteName}}',
  },
}

export type NoticesResources = typeof noticesEn
