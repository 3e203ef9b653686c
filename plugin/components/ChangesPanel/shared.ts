import type { PublishPreview } from '../types.js'
import type { PolicyLabelKey } from '../usePolicyTranslation.js'

/** The plugin's translate function, as `usePolicyTranslation` gives it. */
export type Translate = (key: PolicyLabelKey, vars?: Record<string, unknown>) => string

/** What the preview's parts are rendered with. */
export type PreviewProps = {
  contentLocale: string
  language: string
  locales: string[]
  minNoticeDays: number
  preview: PublishPreview
  publicPath: string
  t: Translate
  timeZone: string
}
