'use client'
import { useTranslation } from '@payloadcms/ui'
import { useCallback } from 'react'

import type {
  PolicyDocumentsTranslationKeys,
  PolicyDocumentsTranslations,
} from '../translations/index.js'

/** A key of the plugin's namespace without the `plugin-policy-documents:` prefix. */
export type PolicyLabelKey<T = PolicyDocumentsTranslationKeys> =
  T extends `plugin-policy-documents:${infer Key}` ? Key : never

/** Payload's `useTranslation`, bound to the plugin's namespace: `t('changesTitle')`. */
export function usePolicyTranslation() {
  const { i18n, t } = useTranslation<PolicyDocumentsTranslations, PolicyDocumentsTranslationKeys>()
  const label = useCallback(
    (key: PolicyLabelKey, vars?: Record<string, unknown>) =>
      t(`plugin-policy-documents:${key}`, vars),
    [t],
  )
  return { i18n, t: label }
}
