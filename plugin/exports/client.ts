// Client components of the admin UI, referenced from the config as 'payload-plugin-policy-docs/client#<Name>'.
export { ChangesPanel } from '../components/ChangesPanel/index.client.js'
export type { ChangesPanelProps } from '../components/ChangesPanel/index.client.js'
export { ImportStatement } from '../components/ImportStatement/index.client.js'
export type { ImportStatementProps } from '../components/ImportStatement/index.client.js'
export { ReleaseTimeline } from '../components/ReleaseTimeline/index.client.js'
export type { ReleaseTimelineProps } from '../components/ReleaseTimeline/index.client.js'
export type { PolicyAdminClientProps } from '../components/types.js'
