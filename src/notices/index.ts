/**
 * Change notices and subscriber e-mails as pure functions: rendering (text + HTML + headers),
 * Message-IDs, SMTP failure handling and link building. No I/O: the plugin sends what these return.
 */
export { noticeDigest } from './digest.js'
export type { DigestInput } from './digest.js'
export { fillUrlTemplate, urlTemplatePlaceholders } from './fillUrlTemplate.js'
export type { UrlTemplateValues } from './fillUrlTemplate.js'
export { formatDate, instantOf, pickLocale, resolveCopyLocale } from './locale.js'
export type { FormatDateOptions } from './locale.js'
export { messageIdFor } from './messageId.js'
export type { MessageIdInput, MessageKind } from './messageId.js'
export {
  listUnsubscribeHeaders,
  renderConfirmationEmail,
  renderCorrectionNotice,
  renderManageEmail,
  renderNotice,
} from './render.js'
export type {
  ConfirmationInput,
  CorrectionInput,
  ListLinks,
  ManageInput,
  NoticeInput,
  RenderedEmail,
} from './render.js'
export { safeHttpsUrl, safeUrl } from './safeUrl.js'
export type { UrlScheme } from './safeUrl.js'
export { backoffDelay, classifySmtpError } from './smtp.js'
export type { BackoffOptions, SmtpFailureClass } from './smtp.js'
