import type { CollectionBeforeDeleteHook } from 'payload'

import { randomInt } from 'node:crypto'

import type { SanitizedPolicyDocumentsPluginConfig } from '../types.js'

/**
 * On erasure, detaches the subscriber's delivery records from the row ID before the row goes.
 *
 * Delivery records stay (they prove who was told what, without personal data), but they name the
 * subscriber by row ID, and databases with integer IDs may give that ID to the next subscriber
 * (SQLite reuses the highest deleted rowid). Left as they were, the next person would inherit the
 * erased person's history in their data export, and a correction notice meant for the erased
 * person's original notice. So each record is moved to a random negative ID, which no row ever
 * has. Counts per notice and per status, and `deliveryKey`, are unchanged. Databases whose IDs are never reused
 * (MongoDB ObjectIDs) need no rewrite, and would not accept a negative number as an ID anyway.
 */
export function forgetDeliveries(
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
): CollectionBeforeDeleteHook {
  return async ({ id, req }) => {
    if (req.payload.db.defaultIDType !== 'number') {
      return
    }
    const { docs } = await req.payload.find({
      collection: pluginConfig.deliveriesSlug,
      depth: 0,
      limit: 0,
      overrideAccess: true,
      pagination: false,
      req,
      select: { id: true },
      where: {
        and: [
          { subscriber: { equals: String(id) } },
          // Other audiences' recipients have IDs of their own.
          {
            or: [
              { source: { exists: false } },
              { source: { equals: pluginConfig.subscribersSlug } },
            ],
          },
        ],
      },
    })
    if (docs.length === 0) {
      return
    }
    const detached = String(-randomInt(1, 2 ** 47))
    for (const delivery of docs) {
      await req.payload.update({
        id: delivery.id,
        collection: pluginConfig.deliveriesSlug,
        data: { subscriber: detached },
        depth: 0,
        overrideAccess: true,
        req,
      })
    }
  }
}
