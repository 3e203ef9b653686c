export { canonicalCopy, GENESIS_HASH, hashCanonical, hashRelease, hashSnapshot } from './hash.js'
export type { ReleaseHashInput } from './hash.js'
export { nextEffectiveChange, releaseInForce } from './inForce.js'
export type { ReleaseIndexEntry } from './inForce.js'
export { validateSnapshot } from './validateSnapshot.js'
export type { MissingContent } from './validateSnapshot.js'
export { compareVersions, formatVersion, nextVersion, parseVersion } from './version.js'
export { planImportedRelease } from './planImportedRelease.js'
export type { ImportedVersionInput } from './planImportedRelease.js'
export { planRelease, publishFactsOf, publishSettingsOf, ReleaseRefused } from './planRelease.js'
export type {
  PlannedRelease,
  PlanReleaseInput,
  PreviousRelease,
  PublishFactsInput,
  ReleaseDecision,
} from './planRelease.js'
export type { DraftSettings, EditorChoice } from './publishRules.js'
export { hashReleaseEvent, verifyChain } from './verifyChain.js'
export type { ArchivedEvent, ArchivedRelease, ChainReport, ReleaseCheck } from './verifyChain.js'
export { checkPublish, contentChangesOf, translationGaps } from './publishRules.js'
export type {
  ContentChange,
  Leftover,
  PublishCheck,
  PublishFacts,
  PublishOutcome,
  PublishProblem,
  PublishProblemCode,
  PublishProblemParams,
  PublishSettings,
  TranslationFollows,
  TranslationFollowsRecord,
} from './publishRules.js'
export {
  formatMoment,
  localeName,
  renderPublishProblem,
  renderRefusal,
} from './renderPublishProblem.js'
export type { RenderPublishOptions } from './renderPublishProblem.js'
export { translationNoticeFor } from './translationNotice.js'
export type { TranslationNoticeOptions } from './translationNotice.js'
export { releaseStatus } from './status.js'
export type { ReleaseStatus, StatusEntry } from './status.js'
