/**
 * English copy for the change banner on the public site. This object's shape types every other locale.
 * Plain text only: the banner endpoint answers JSON and the site renders it.
 */
export const bannerEn = {
  compare: 'See the changes',
  dismiss: 'Close',
  label: 'Changes to “{{title}}”',
  messageInEffect: 'We have updated “{{title}}”. Version {{version}} took effect on {{date}}.',
  messageUpcoming: 'We have updated “{{title}}”. Version {{version}} takes effect on {{date}}.',
  statement: 'Read the full text',
}

export type BannerResources = typeof bannerEn
