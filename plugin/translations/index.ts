/**
 * Admin labels of the plugin, namespaced `plugin-policy-documents` and merged into the host's
 * `i18n.translations` with the host's strings winning (see `applyPolicyDocuments`).
 * Client components read them with `useTranslation<PolicyDocumentsTranslations, PolicyDocumentsTranslationKeys>()`.
 */
import type { GenericTranslationsObject, NestedKeysStripped } from '@payloadcms/translations'

import { da } from './da.js'
import { en } from './en.js'

/** Every language file has the shape of the English one. */
export type PolicyDocumentsTranslationsObject = typeof en

/** The plugin's translations as `useTranslation` sees them. */
export type PolicyDocumentsTranslations = PolicyDocumentsTranslationsObject

/** Keys such as `plugin-policy-documents:changesTitle` (plural suffixes stripped). */
export type PolicyDocumentsTranslationKeys = NestedKeysStripped<PolicyDocumentsTranslationsObject>

/** The plugin's admin labels per language, in the shape of `config.i18n.translations`. */
export const translations: { da: GenericTranslationsObject; en: GenericTranslationsObject } = {
  da,
  en,
}
