'use client'
/**
 * The label of a section row in the policy document's "Sections" list: its heading in the locale
 * being edited (not "Section 01"), with a mark when the saved draft changes that section since the
 * latest release (from the changes panel's preview, `useChangedSections`).
 */
import { useRowLabel } from '@payloadcms/ui'
import React from 'react'

import { useChangedSections } from '../changedSections.js'
import { usePolicyTranslation } from '../usePolicyTranslation.js'

type SectionRow = { heading?: null | string; key?: null | string }

export function SectionRowLabel() {
  const { data, rowNumber } = useRowLabel<SectionRow>()
  const { t } = usePolicyTranslation()
  const changed = useChangedSections()
  const heading = typeof data?.heading === 'string' ? data.heading.trim() : ''
  const key = typeof data?.key === 'string' ? data.key : ''
  const number = String((rowNumber ?? 0) + 1).padStart(2, '0')
  const isChanged = key !== '' && changed.has(key)
  return (
    <span
      className="policy-section-label"
      data-changed={isChanged}
      data-key={key}
      data-testid="policy-section-label"
    >
      <span className="policy-section-label__number">{number}</span>{' '}
      {heading || t('sectionUntitled')}
      {isChanged && (
        <span
          className="policy-section-label__changed"
          style={{ fontWeight: 600, marginInlineStart: '0.5rem' }}
        >
          ● {t('sectionChanged')}
        </span>
      )}
    </span>
  )
}
