/**
 * English copy for the publish rules (`checkPublish` in src/releases): each refusal says what is
 * wrong in the editor's own terms and how to fix it, naming the admin's fields. This object's
 * shape types every other locale. Plain text only: the admin renders it as text.
 */
export const publishEn = {
  backdated:
    'The effective date you entered, {{date}}, is in the past. Choose a later date, or clear “Effective date” under “Release” to take effect on publication.',
  beforePreviousEmpty:
    'You left the effective date empty, which means on publication, but release {{version}} only takes effect on {{previousDate}}. Releases take effect in order: set “Effective date” under “Release” to {{previousDate}} or later.',
  beforePreviousEntered:
    'The effective date you entered, {{date}}, is before release {{version}} takes effect ({{previousDate}}). Releases take effect in order: choose {{previousDate}} or later.',
  changeNoteLeftover:
    'The change note in {{language}} is still the one from release {{version}}, which is not reused. Switch the locale (top right) to {{language}} and write a new “Change note” under “Release”.',
  gdprIncomplete:
    'The {{language}} statement lacks information GDPR Art. 13/14 requires: {{items}}. Write it, or declare it not applicable with a reason under “Information duties”.',
  incomplete:
    'The {{language}} text is incomplete; missing: {{items}}. Switch the locale (top right) to {{language}} and fill them in.',
  incompleteBody: 'the text of section “{{heading}}”',
  incompleteHeading: 'the heading of section “{{heading}}”',
  incompleteTitle: 'the title',
  kindMaterial: 'material',
  kindMinor: 'minor',
  missingChangeNote:
    'A material change needs a change note in every language; the one in {{language}} is empty. Switch the locale (top right) to {{language}} and write its “Change note” under “Release”.',
  missingJustification:
    'The proposal is “{{proposal}}” and you chose “{{chosen}}”. Write a “Justification” under “Release”, or set “Change kind” back to “Use the proposal”.',
  /** Reader-facing: shown on the page, banner and notice of a locale whose translation follows. */
  readerTranslationFollows:
    'The authoritative {{changedIn}} text was changed on {{date}} (version {{version}}). This {{language}} translation does not include the change yet; it will follow.',
  /** Reader-facing: one Atom feed entry (`kind` is material or minor, in words). */
  feedEntryMaterial: 'Material change. Version {{version}} takes effect on {{date}}.',
  feedEntryMinor: 'Minor change. Version {{version}} takes effect on {{date}}.',
  feedTitleMaterial: '{{title}} {{version}} (material change)',
  feedTitleMinor: '{{title}} {{version}} (minor change)',
  refused_one: 'Publishing was refused. One thing to fix:',
  refused_other: 'Publishing was refused. {{count}} things to fix:',
  sectionNamed: '“{{heading}}”',
  sectionTitle: 'the title',
  shortNoticeEmpty:
    'A material change must be announced at least {{required}} days before it takes effect; without an effective date it takes effect on publication. Set “Effective date” under “Release” to {{earliest}} or later, or write a “Reason for short notice”.',
  shortNoticeEntered:
    'A material change must be announced at least {{required}} days before it takes effect; the effective date you entered, {{date}}, gives {{days}}. Set “Effective date” under “Release” to {{earliest}} or later, or write a “Reason for short notice”.',
  translationFollowsReason:
    'The declaration that the {{language}} translation follows needs a reason: write it under “Release” → “Translation follows”.',
  translationGap:
    'The {{changedIn}} text changed in {{sections}}, but the {{language}} text did not, so {{language}} readers would be told of a change their text does not contain. Update the {{language}} text (switch the locale, top right, to {{language}}), or declare under “Release” → “Translation follows” that the {{language}} translation follows, with a reason.',
}

export type PublishResources = typeof publishEn
