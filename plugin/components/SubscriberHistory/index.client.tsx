'use client'
/**
 * The history of one subscriber, in the subscriber's edit view: requested, confirmed, each notice
 * sent (with its proof: release version, Message-ID, content hash, the SMTP server's answer) and
 * unsubscribed, oldest first, with dates in the plugin's time zone. Read-only: the consent record is
 * written only by the plugin's token-checked endpoints.
 */
import type { UIFieldClientProps } from 'payload'

import { useConfig, useDocumentInfo } from '@payloadcms/ui'
import React, { useEffect, useState } from 'react'

import { formatMoment } from '../../../src/releases/renderPublishProblem.js'
import { fetchJson } from '../fetchJson.js'
import { usePolicyTranslation } from '../usePolicyTranslation.js'

export type SubscriberHistoryProps = Partial<UIFieldClientProps> & {
  deliveriesSlug: string
  timeZone: string
}

type Delivery = {
  contentHash?: null | string
  id: number | string
  messageId?: null | string
  releaseVersion?: null | string
  sentAt?: null | string
  smtpResponse?: null | string
  status: string
  updatedAt?: string
}

type Entry = { at: string; detail?: string; key: string; label: string }

export function SubscriberHistory(props: SubscriberHistoryProps) {
  const { deliveriesSlug, timeZone } = props
  const { config } = useConfig()
  const { data, id, initialData } = useDocumentInfo()
  const { i18n, t } = usePolicyTranslation()
  const [deliveries, setDeliveries] = useState<Delivery[] | null>(null)
  const saved = (data ?? initialData ?? {}) as {
    confirmedAt?: null | string
    requestedAt?: null | string
    unsubscribedAt?: null | string
  }

  useEffect(() => {
    if (id === undefined || id === null) return
    const controller = new AbortController()
    const url = `${config.serverURL ?? ''}${config.routes.api}/${deliveriesSlug}?where[subscriber][equals]=${encodeURIComponent(String(id))}&depth=0&limit=200&sort=createdAt`
    fetchJson<{ docs: Delivery[] }>(url, controller.signal).then(
      (answer) => setDeliveries(answer.docs),
      () => setDeliveries([]),
    )
    return () => controller.abort()
  }, [config.routes.api, config.serverURL, deliveriesSlug, id])

  const entries: Entry[] = []
  if (saved.requestedAt)
    entries.push({ at: saved.requestedAt, key: 'requested', label: t('historyRequested') })
  if (saved.confirmedAt)
    entries.push({ at: saved.confirmedAt, key: 'confirmed', label: t('historyConfirmed') })
  for (const delivery of deliveries ?? []) {
    const at = delivery.sentAt ?? delivery.updatedAt
    if (!at) continue
    const proof = [
      delivery.messageId && `Message-ID ${delivery.messageId}`,
      delivery.contentHash && `SHA-256 ${delivery.contentHash.slice(0, 16)}…`,
      delivery.smtpResponse,
    ]
      .filter(Boolean)
      .join(' · ')
    entries.push({
      at,
      detail: proof || undefined,
      key: `delivery-${delivery.id}`,
      label: t(delivery.status === 'sent' ? 'historyNoticeSent' : 'historyNoticeOther', {
        status: delivery.status,
        version: delivery.releaseVersion ?? '?',
      }),
    })
  }
  if (saved.unsubscribedAt)
    entries.push({ at: saved.unsubscribedAt, key: 'unsubscribed', label: t('historyUnsubscribed') })
  entries.sort((a, b) => Date.parse(a.at) - Date.parse(b.at))

  return (
    <section
      aria-labelledby="policy-subscriber-history-title"
      className="field-type"
      data-testid="policy-subscriber-history"
    >
      <h3 id="policy-subscriber-history-title" style={{ margin: '0 0 0.5rem' }}>
        {t('historyTitle')}
      </h3>
      {deliveries === null ? (
        <p>{t('historyLoading')}</p>
      ) : (
        <ol style={{ margin: 0, paddingInlineStart: '1.25rem' }}>
          {entries.map((entry) => (
            <li data-entry={entry.key.split('-')[0]} key={entry.key}>
              <time dateTime={entry.at}>
                {formatMoment(entry.at, { language: i18n.language, timeZone })}
              </time>
              : {entry.label}
              {entry.detail && (
                <div style={{ overflowWrap: 'anywhere', opacity: 0.85 }}>{entry.detail}</div>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
