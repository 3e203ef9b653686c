/* The plugin's public API on its fast path, before Payload's catch-all api/[...slug] (plugin README, "Under Next.js"). */
import config from '@payload-config'
import { createPolicyRouteHandlers } from 'payload-plugin-policy-docs/next'

export const { DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT } = createPolicyRouteHandlers(config)
