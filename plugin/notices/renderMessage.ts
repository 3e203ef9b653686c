import type { LocaleSnapshot } from '../../src/types.js'
import type { ClaimedDelivery } from './deliveryStore.js'
import type { NoticeRun } from './noticeRun.js'
import type { Recipient } from './recipients.js'
import type { OutgoingNotice } from './sender.js'

import {
  fillUrlTemplate,
  messageIdFor,
  pickLocale,
  renderCorrectionNotice,
  renderNotice,
} from '../../src/notices/index.js'
import { translationNoticeFor } from '../../src/releases/translationNotice.js'
import { suppressionUrl } from './audiences.js'
import { listLinksFor } from './links.js'

/** An audience recipient has no subscriber record: both links lead to the one-click suppression page. */
function audienceLinks(
  run: NoticeRun,
  email: string,
): { manageUrl: string; unsubscribeMailto: string; unsubscribeUrl: string } {
  const url = suppressionUrl(run.pluginConfig, run.mail.secret, run.notice.documentKey, email)
  return { manageUrl: url, unsubscribeMailto: run.mail.unsubscribeMailto, unsubscribeUrl: url }
}

/** Renders one notice for one recipient. */
export function renderFor(
  run: NoticeRun,
  delivery: ClaimedDelivery,
  recipient: Recipient,
): OutgoingNotice {
  const { event, mail, notice, pluginConfig, previousVersion, release } = run
  const locale = pickLocale(
    delivery.locale || recipient.locale || '',
    pluginConfig.locales,
    pluginConfig.defaultLocale,
  )
  const localeSnapshot: LocaleSnapshot | undefined = release.snapshot[locale]
  const urlValues = {
    from: previousVersion ?? release.version,
    key: notice.documentKey,
    locale,
    to: release.version,
    version: release.version,
  }
  const source = delivery.source ?? pluginConfig.subscribersSlug
  const messageId = messageIdFor({
    domain: mail.domain,
    kind: notice.kind,
    releaseId: release.id,
    // Subscribers keep the Message-IDs they always had; other audiences' IDs are told apart by source.
    subscriberId:
      source === pluginConfig.subscribersSlug ? recipient.id : `${source}:${String(recipient.id)}`,
    variant: event ? String(event.id) : undefined,
  })
  const common = {
    ...(recipient.audience
      ? audienceLinks(run, recipient.email)
      : listLinksFor(pluginConfig, mail, recipient)),
    siteName: pluginConfig.siteName,
    statementUrl: fillUrlTemplate(pluginConfig.urls.statement, urlValues),
    timeZone: pluginConfig.timeZone,
    title: localeSnapshot?.title ?? notice.documentKey,
    version: release.version,
  }
  const email = event
    ? renderCorrectionNotice(
        event.type === 'postponed'
          ? {
              ...common,
              effectiveAt: event.effectiveAt!,
              kind: 'postponed',
              note: event.reason,
              previousEffectiveAt: event.previousEffectiveAt,
            }
          : { ...common, kind: 'withdrawn', note: event.reason },
        locale,
        pluginConfig.defaultLocale,
      )
    : renderNotice(
        {
          ...common,
          changeNote: release.changeNote?.[locale] ?? '',
          compareUrl: previousVersion
            ? fillUrlTemplate(pluginConfig.urls.compare, urlValues)
            : undefined,
          diffSummary: release.diff?.summary?.[locale] || undefined,
          effectiveAt: release.effectiveAt,
          previousVersion,
          translationNotice:
            translationNoticeFor(release.translationFollows, locale, {
              publishedAt: release.publishedAt,
              timeZone: pluginConfig.timeZone,
              version: release.version,
            }) ?? undefined,
        },
        locale,
        pluginConfig.defaultLocale,
      )
  return {
    from: { address: mail.fromAddress, name: mail.fromName },
    headers: email.headers,
    html: email.html,
    messageId,
    subject: email.subject,
    text: email.text,
    to: recipient.email,
  }
}
