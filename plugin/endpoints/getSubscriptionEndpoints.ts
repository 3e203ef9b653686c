import type { Endpoint } from 'payload'

import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'

import { confirmHandler } from '../subscriptions/confirm.js'
import { createSubscriptionContext } from '../subscriptions/context.js'
import { meHandler, requestManageLinkHandler } from '../subscriptions/manage.js'
import { subscribeHandler } from '../subscriptions/subscribe.js'
import { unsubscribeHandler } from '../subscriptions/unsubscribe.js'

/**
 * Subscription endpoints: subscribe (double opt-in), confirm, one-click unsubscribe, and the
 * data-rights page (export, locale correction, erasure) reached only through an e-mailed link.
 * GETs of e-mailed links only show a page with a button: link scanners prefetch GETs.
 * The handlers live in plugin/subscriptions/, one file per flow; what they share is in context.ts.
 */
export function getSubscriptionEndpoints(
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
): Endpoint[] {
  const ctx = createSubscriptionContext(pluginConfig)
  const { base, guard, preflight } = ctx
  const preflights: Endpoint[] = ['', '/confirm', '/unsubscribe', '/manage', '/me'].map((path) => ({
    handler: preflight,
    method: 'options',
    path: `${base}${path}`,
  }))
  return [
    ...preflights,
    { handler: guard(subscribeHandler(ctx)), method: 'post', path: base },
    { handler: guard(confirmHandler(ctx, 'get')), method: 'get', path: `${base}/confirm` },
    { handler: guard(confirmHandler(ctx, 'post')), method: 'post', path: `${base}/confirm` },
    { handler: guard(unsubscribeHandler(ctx, 'get')), method: 'get', path: `${base}/unsubscribe` },
    {
      handler: guard(unsubscribeHandler(ctx, 'post')),
      method: 'post',
      path: `${base}/unsubscribe`,
    },
    { handler: guard(requestManageLinkHandler(ctx)), method: 'post', path: `${base}/manage` },
    { handler: guard(meHandler(ctx, 'get')), method: 'get', path: `${base}/me` },
    { handler: guard(meHandler(ctx, 'post')), method: 'post', path: `${base}/me` },
  ]
}
