import type { Field } from 'payload'

import { getTranslator } from '../../../src/i18n/index.js'
import { SECTION_KINDS } from '../../../src/types.js'
import { validateKey } from './validateKey.js'

/** A section kind's name in a language (the materiality copy: "formål", "purposes"), capitalized. */
const kindName = (kind: string, language: string): string => {
  const name = getTranslator(language)(`materiality.kinds.${kind}`)
  return name.charAt(0).toUpperCase() + name.slice(1)
}

/** The statement's localized sections: a stable key, a kind, a heading and a rich-text body each. */
export const sectionsField: Field = {
  name: 'sections',
  type: 'array',
  label: { da: 'Afsnit', en: 'Sections' },
  labels: {
    plural: { da: 'Afsnit', en: 'Sections' },
    singular: { da: 'Afsnit', en: 'Section' },
  },
  // Rows are labelled with their heading and marked when the draft changes them.
  admin: {
    components: { RowLabel: 'payload-plugin-policy-docs/client#SectionRowLabel' },
    initCollapsed: true,
  },
  fields: [
    {
      type: 'row',
      fields: [
        {
          name: 'key',
          type: 'text',
          label: { da: 'Afsnitsnøgle', en: 'Section key' },
          admin: {
            description: {
              da: 'Fast afsnitsnøgle: behold den, når du omformulerer overskriften eller flytter afsnittet.',
              en: 'Stable section key: keep it when you reword the heading or move the section.',
            },
            width: '50%',
          },
          required: true,
          validate: validateKey,
        },
        {
          name: 'kind',
          type: 'select',
          label: { da: 'Emne', en: 'Kind' },
          admin: {
            description: {
              da: 'Hvad afsnittet handler om; afgør, hvilke ændringer der er væsentlige.',
              en: 'What the section is about; decides which changes are material.',
            },
            width: '50%',
          },
          defaultValue: 'general',
          options: SECTION_KINDS.map((kind) => ({
            label: { da: kindName(kind, 'da'), en: kindName(kind, 'en') },
            value: kind,
          })),
          required: true,
        },
      ],
    },
    {
      name: 'heading',
      type: 'text',
      label: { da: 'Overskrift', en: 'Heading' },
      localized: true,
      required: true,
    },
    {
      name: 'body',
      type: 'richText',
      label: { da: 'Brødtekst', en: 'Body' },
      localized: true,
      required: true,
    },
  ],
  minRows: 1,
  required: true,
  validate: (rows: unknown) => {
    if (!Array.isArray(rows)) {
      return true
    }
    const seen = new Set<string>()
    for (const row of rows as Array<{ key?: string }>) {
      if (row?.key && seen.has(row.key)) {
        return `Section key "${row.key}" is used twice; every section needs its own key.`
      }
      if (row?.key) {
        seen.add(row.key)
      }
    }
    return true
  },
}
