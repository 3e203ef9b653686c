'use client'
/**
 * The GDPR Art. 13/14 checklist of the saved draft, from the publish preview
 * (`completeness.reports[locale]`): each element present (with the sections and sentences that
 * give it), missing, or declared not applicable, with the article it comes from. With
 * `publication.completeness: 'block'` a missing element refuses the publish, and the panel says so.
 * Everything is rendered as React text.
 */
import React, { Fragment } from 'react'

import type { CompletenessReport } from '../../../src/completeness/index.js'

import { elementLabel } from '../../../src/completeness/labels.js'

export type CompletenessChecklistProps = {
  completeness:
    { mode: 'block' | 'warn'; reports: Record<string, CompletenessReport> } | null | undefined
  /** The content locale whose checklist is shown. */
  locale: string
  /** The admin's language, for labels. */
  language: string
}

const COPY = {
  da: {
    block: 'Udgivelse afvises, indtil alle elementer er skrevet eller erklæret ikke relevante.',
    byKind: 'kun ud fra afsnittets emne',
    missingParts: 'mangler',
    notApplicable: 'Ikke relevant',
    present: 'Til stede',
    missing: 'Mangler',
    summary: (present: number, total: number) => `${present} af ${total} oplysninger til stede`,
    textBasis: 'Kontrolleret ud fra teksten.',
    kindsBasis:
      'Ingen sætningsmønstre for dette sprog: kontrolleret ud fra afsnittenes emner alene.',
    title: 'Oplysningspligt (art. 13 og 14)',
    warn: 'Manglende elementer forhindrer ikke udgivelse.',
  },
  en: {
    block: 'Publishing is refused until every element is written or declared not applicable.',
    byKind: 'by the section’s kind only',
    missingParts: 'missing',
    notApplicable: 'Not applicable',
    present: 'Present',
    missing: 'Missing',
    summary: (present: number, total: number) => `${present} of ${total} items present`,
    textBasis: 'Checked from the text.',
    kindsBasis: 'No phrase list for this language: checked from the section kinds alone.',
    title: 'Information to give (Art. 13 and 14)',
    warn: 'Missing elements do not stop a publish.',
  },
}

/** The checklist for one locale. */
export function CompletenessChecklist(props: CompletenessChecklistProps) {
  const report = props.completeness?.reports[props.locale]
  if (!props.completeness || !report) return null
  const copy = props.language.startsWith('da') ? COPY.da : COPY.en
  const present = report.elements.filter((e) => e.status !== 'missing').length
  return (
    <details
      className="policy-completeness"
      data-complete={report.complete}
      data-testid="policy-completeness"
      open={!report.complete}
    >
      <summary>
        <strong>{copy.title}</strong>: {copy.summary(present, report.elements.length)}
      </summary>
      <p className="policy-changes__muted">
        {report.basis === 'text' ? copy.textBasis : copy.kindsBasis}{' '}
        {props.completeness.mode === 'block' ? copy.block : copy.warn}
      </p>
      <ul className="policy-completeness__list">
        {report.elements.map((element) => (
          <li data-element={element.element} data-status={element.status} key={element.element}>
            <span aria-hidden="true">
              {element.status === 'present' ? '✓ ' : element.status === 'missing' ? '✗ ' : '– '}
            </span>
            <span>{elementLabel(element.element, props.language)}</span>{' '}
            <span className="policy-changes__muted">
              ({element.citation}) —{' '}
              {element.status === 'present'
                ? copy.present
                : element.status === 'missing'
                  ? copy.missing
                  : copy.notApplicable}
            </span>
            {element.status === 'not-applicable' && element.reason && <q> {element.reason}</q>}
            {element.status === 'missing' &&
              element.missingParts.length < element.evidence.length + element.missingParts.length &&
              element.evidence.length > 0 && (
                <span className="policy-changes__muted">
                  {' '}
                  ({copy.missingParts}: {element.missingParts.join(', ')})
                </span>
              )}
            {element.evidence.length > 0 && (
              <ul>
                {element.evidence.map((evidence) => (
                  <li key={evidence.section}>
                    {evidence.heading}
                    {evidence.basis === 'kind' ? ` (${copy.byKind})` : ''}
                    {evidence.sentences.length > 0 ? ':' : ''}
                    {evidence.sentences.slice(0, 2).map((sentence) => (
                      <Fragment key={sentence}>
                        {' '}
                        <q className="policy-completeness__quote">{sentence}</q>
                      </Fragment>
                    ))}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </details>
  )
}
