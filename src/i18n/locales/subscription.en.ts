/**
 * English copy of the subscription pages (confirm, unsubscribe, manage my data) and answers.
 * Copy never contains `< > & " '`: the page renderer escapes interpolated values, not the copy.
 */
export const subscriptionEn = {
  accepted:
    'Thank you. If the address can receive e-mail, a message with a link is on its way. Nothing happens until you use the link.',
  confirm: {
    button: 'Confirm my subscription',
    done: 'Your subscription is confirmed. We will e-mail you when {{documents}} changes.',
    lead: 'Confirm that you want an e-mail when we make important changes to {{documents}}.',
    title: 'Confirm your subscription',
  },
  invalidLink:
    'This link is not valid: it may have expired, been used already or been replaced by a newer one. You can request a new one.',
  manage: {
    documents: 'Subscribed to',
    email: 'E-mail address',
    erase: 'Delete my data',
    eraseLead:
      'Deleting removes your address and settings for good. Records of messages we sent are kept without your address.',
    erased: 'Your data has been deleted. You will not hear from us again.',
    export: 'Download my data (JSON)',
    locale: 'Language of our e-mails',
    localeChanged: 'Saved. We will write to you in {{locale}}.',
    localeSave: 'Save language',
    sent: 'Messages sent to you',
    status: 'Status',
    title: 'Your data',
  },
  rateLimited: 'Too many requests. Please try again later.',
  status: {
    confirmed: 'Subscribed',
    pending: 'Waiting for confirmation',
    unsubscribed: 'Unsubscribed',
  },
  unsubscribe: {
    button: 'Unsubscribe',
    done: 'You are unsubscribed and will not get further e-mails about changes.',
    lead: 'Do you want to stop getting e-mails about changes to {{documents}}?',
    title: 'Unsubscribe',
  },
}

export type SubscriptionCopy = typeof subscriptionEn
