'use client'
/**
 * "Looks like purposes": the kind suggested for each section whose kind is unset (`general`) or
 * differs from what its heading and body suggest (`src/kinds`), from the publish preview. One
 * click writes the suggestion into the section's kind field of the form; saving keeps it.
 */
import { Button, useForm, useFormFields } from '@payloadcms/ui'
import React from 'react'

import type { SectionKind } from '../../../src/types.js'

/** One suggestion, as the preview endpoint sends it. */
export type KindSuggestionItem = {
  alternative: null | SectionKind
  current: SectionKind
  heading: string
  /** Row index of the section in the document's `sections` array. */
  index: number
  key: string
  kind: SectionKind
}

export type KindSuggestionsProps = {
  language: string
  suggestions: KindSuggestionItem[] | null | undefined
}

const COPY = {
  da: {
    accept: 'Brug forslaget',
    looksLike: 'ligner',
    now: 'nu',
    or: 'eller',
    title: 'Forslag til emner',
  },
  en: { accept: 'Accept', looksLike: 'looks like', now: 'now', or: 'or', title: 'Suggested kinds' },
}

function SuggestionRow(props: { copy: (typeof COPY)['en']; item: KindSuggestionItem }) {
  const { copy, item } = props
  const path = `sections.${item.index}.kind`
  const value = useFormFields(([fields]) => fields[path]?.value) as SectionKind | undefined
  const dispatch = useFormFields(([, dispatchFields]) => dispatchFields)
  const { setModified } = useForm()
  if (value === item.kind) return null
  return (
    <li data-section={item.key} data-testid="policy-kind-suggestion">
      »{item.heading}« {copy.looksLike} <em>{item.kind}</em>
      {item.alternative ? ` (${copy.or} ${item.alternative})` : ''}{' '}
      <span className="policy-changes__muted">
        ({copy.now}: {value ?? item.current})
      </span>{' '}
      <Button
        buttonStyle="secondary"
        onClick={() => {
          dispatch({ path, type: 'UPDATE', value: item.kind })
          setModified(true)
        }}
        size="small"
      >
        {copy.accept}
      </Button>
    </li>
  )
}

/** The suggestions that differ from the current kinds, each with a one-click accept. */
export function KindSuggestions(props: KindSuggestionsProps) {
  if (!props.suggestions || props.suggestions.length === 0) return null
  const copy = props.language.startsWith('da') ? COPY.da : COPY.en
  return (
    <div className="policy-kind-suggestions" data-testid="policy-kind-suggestions">
      <strong>{copy.title}</strong>
      <ul>
        {props.suggestions.map((item) => (
          <SuggestionRow copy={copy} item={item} key={item.key} />
        ))}
      </ul>
    </div>
  )
}
