import type { BannerResources } from './banner.en.js'

/** Danish copy for the change banner on the public site. */
export const bannerDa: BannerResources = {
  compare: 'Se ændringerne',
  dismiss: 'Luk',
  label: 'Ændringer i »{{title}}«',
  messageInEffect: 'Vi har opdateret »{{title}}«. Version {{version}} trådte i kraft den {{date}}.',
  messageUpcoming: 'Vi har opdateret »{{title}}«. Version {{version}} træder i kraft den {{date}}.',
  statement: 'Læs hele teksten',
}
