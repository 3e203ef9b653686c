import type { Field } from 'payload'

import { localeName } from '../../../src/releases/renderPublishProblem.js'

/**
 * The release settings the next publish applies (kind, justification, effective date, change
 * note, notice and translation declarations); they start empty after each publish.
 */
export function releaseField(locales: string[]): Field {
  return {
    name: 'release',
    type: 'group',
    label: { da: 'Udgivelse', en: 'Release' },
    admin: {
      description: {
        da: 'Bruges, når du udgiver. Starter tom efter hver udgivelse.',
        en: 'Applied when you publish. Starts empty after each publish.',
      },
    },
    fields: [
      {
        name: 'changeKind',
        type: 'select',
        label: { da: 'Type af ændring', en: 'Change kind' },
        admin: {
          description: {
            da: 'Brug forslaget: den automatiske klassificering. Væsentlig giver næste hovedversion og varsler abonnenterne; mindre giver næste underversion.',
            en: 'Proposed: use the automatic classification. Material bumps the major version and notifies subscribers; minor bumps the minor version.',
          },
        },
        defaultValue: 'proposed',
        options: [
          { label: { da: 'Brug forslaget', en: 'Use the proposal' }, value: 'proposed' },
          { label: { da: 'Væsentlig', en: 'Material' }, value: 'material' },
          { label: { da: 'Mindre', en: 'Minor' }, value: 'minor' },
        ],
        required: true,
      },
      {
        name: 'justification',
        type: 'textarea',
        label: { da: 'Begrundelse', en: 'Justification' },
        admin: {
          description: {
            da: 'Påkrævet, når du tilsidesætter forslaget.',
            en: 'Required when you override the proposal.',
          },
        },
      },
      {
        name: 'effectiveAt',
        type: 'date',
        label: { da: 'Gælder fra', en: 'Effective date' },
        admin: {
          date: { pickerAppearance: 'dayAndTime' },
          description: {
            da: 'Hvornår versionen træder i kraft. Tom: straks ved udgivelsen.',
            en: 'When the release takes effect. Empty: at once.',
          },
        },
      },
      {
        name: 'changeNote',
        type: 'textarea',
        label: { da: 'Ændringsnote', en: 'Change note' },
        localized: true,
      },
      {
        name: 'shortNoticeJustification',
        type: 'textarea',
        label: { da: 'Begrundelse for kort varsel', en: 'Reason for short notice' },
        admin: {
          description: {
            da: 'Påkrævet, når en væsentlig ændring træder i kraft med kortere varsel end krævet (30 dage som standard).',
            en: 'Required when a material change takes effect with less than the required notice (30 days by default).',
          },
        },
      },
      {
        name: 'notifyMinor',
        type: 'checkbox',
        label: {
          da: 'Send også besked om en mindre ændring',
          en: 'Also notify subscribers of a minor release',
        },
        admin: {
          description: {
            da: 'Send også e-mail til abonnenter om en mindre ændring (væsentlige ændringer varsles altid).',
            en: 'Also e-mail subscribers about a minor release (material releases always notify).',
          },
        },
        defaultValue: false,
      },
      {
        name: 'translationFollows',
        type: 'array',
        // Shorter table names: the default ones of the versions table pass Postgres's 63-character limit.
        dbName: 'policy_documents_translation_follows',
        label: { da: 'Oversættelse følger', en: 'Translation follows' },
        labels: {
          plural: { da: 'Erklæringer', en: 'Declarations' },
          singular: { da: 'Erklæring', en: 'Declaration' },
        },
        admin: {
          description: {
            da: 'Kun når en væsentlig ændring er skrevet på ét sprog og oversættelsen kommer senere: vælg sproget, der følger efter, og skriv hvorfor. Siden, banneret og beskeden på det sprog siger det.',
            en: 'Only when a material change is written in one language and its translation comes later: choose the language that follows and say why. That language’s page, banner and notice say so.',
          },
        },
        fields: [
          {
            name: 'locale',
            type: 'select',
            // The default enum name is over the 63-character identifier limit of SQL databases.
            enumName: 'enum_pd_translation_follows_locale',
            label: { da: 'Sprog, der følger', en: 'Language that follows' },
            options: locales.map((code) => ({
              label: { da: localeName(code, 'da'), en: localeName(code, 'en') },
              value: code,
            })),
            required: true,
          },
          {
            name: 'reason',
            type: 'textarea',
            label: { da: 'Begrundelse', en: 'Reason' },
            required: true,
          },
        ],
      },
    ],
  }
}
