/**
 * `payload-plugin-policy-docs/banner`: the change banner for websites, as a React client component.
 * The same banner without React is the <policy-banner> web component, served by the plugin at
 * `GET {api}/policies/embed/banner.js`.
 */
export { PolicyBanner } from '../banner/PolicyBanner.js'
export type { PolicyBannerProps, PolicyBannerStorage } from '../banner/PolicyBanner.js'
