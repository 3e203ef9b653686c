import type { CollectionConfig, Field } from 'payload'

import type { PolicyAdminClientProps } from '../../components/types.js'
import type { SanitizedPolicyDocumentsPluginConfig } from '../../types.js'

import { ELEMENT_IDS } from '../../../src/completeness/index.js'
import { isDocumentKey, RESERVED_DOCUMENT_KEYS } from '../../../src/documentKey.js'
import { getTranslator } from '../../../src/i18n/index.js'
import { localeName } from '../../../src/releases/renderPublishProblem.js'
import { SECTION_KINDS } from '../../../src/types.js'
import { ADMIN_GROUP } from '../../defaults.js'
import { exposePublishRefusal } from '../../hooks/exposePublishRefusal.js'
import { checkPublishRules, freezeReleaseOnPublish } from '../../hooks/freezeReleaseOnPublish.js'

/** A section kind's name in a language (the materiality copy: "formål", "purposes"), capitalized. */
const kindName = (kind: string, language: string): string => {
  const name = getTranslator(language)(`materiality.kinds.${kind}`)
  return name.charAt(0).toUpperCase() + name.slice(1)
}

/** Document and section keys have one form: `privacy`, `data-categories`. */
const validateKey = (value: unknown): string | true =>
  isDocumentKey(value)
    ? true
    : 'Use lowercase letters, digits and dashes (at most 64), e.g. "data-categories".'

/**
 * The editable policy documents. Editors save drafts; the Publish button freezes a release in the
 * ledger (see `freezeReleaseOnPublish`). Nothing here is public: websites read releases through the
 * public API, never drafts or Payload's version history.
 */
export function generatePolicyDocumentsCollection(
  pluginConfig: SanitizedPolicyDocumentsPluginConfig,
): CollectionConfig {
  const overrides = pluginConfig.documentsOverrides
  // The admin's changes panel and release timeline (client components, see plugin/components).
  // `ui` fields store nothing, so leaving them out when the plugin is disabled keeps the schema.
  const clientProps = {
    deliveriesSlug: pluginConfig.deliveriesSlug,
    locales: pluginConfig.locales,
    minNoticeDays: pluginConfig.publication.minNoticeDays,
    noticesSlug: pluginConfig.noticesSlug,
    publicPath: pluginConfig.publicPath,
    timeZone: pluginConfig.timeZone,
  } satisfies PolicyAdminClientProps
  const changesPanel: Field[] = pluginConfig.enabled
    ? [
        {
          name: 'changesPanel',
          type: 'ui',
          admin: {
            components: {
              Field: { clientProps, path: 'payload-plugin-policy-docs/client#ChangesPanel' },
            },
          },
        },
      ]
    : []
  const releaseTimeline: Field[] = pluginConfig.enabled
    ? [
        {
          name: 'releaseTimeline',
          type: 'ui',
          admin: {
            components: {
              Field: { clientProps, path: 'payload-plugin-policy-docs/client#ReleaseTimeline' },
            },
            position: 'sidebar',
          },
        },
      ]
    : []
  const defaultFields: Field[] = [
    ...changesPanel,
    {
      name: 'key',
      type: 'text',
      label: { da: 'Nøgle', en: 'Key' },
      admin: {
        description: {
          da: 'Fast nøgle i det offentlige API, fx "privacy". Den kan ikke ændres efter udgivelse.',
          en: 'Stable identifier used in the public API, e.g. "privacy". It cannot change once published.',
        },
        position: 'sidebar',
      },
      hooks: {
        beforeChange: [
          ({ originalDoc, value }) =>
            // The key names the ledger: renaming it would orphan every release.
            originalDoc?.key && value !== originalDoc.key ? originalDoc.key : value,
        ],
      },
      index: true,
      required: true,
      unique: true,
      // "subscriptions" is a path of the public API, so it cannot name a document.
      validate: (value: unknown) =>
        RESERVED_DOCUMENT_KEYS.includes(value as string)
          ? `The key "${String(value)}" is reserved.`
          : validateKey(value),
    },
    ...releaseTimeline,
    {
      name: 'title',
      type: 'text',
      label: { da: 'Titel', en: 'Title' },
      localized: true,
      required: true,
    },
    {
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
    },
    {
      // GDPR Art. 13/14 elements that do not apply to this statement (no DPO, no transfers…),
      // each with the reason; the completeness check reports them as not applicable.
      name: 'completeness',
      type: 'group',
      label: { da: 'Oplysningspligt (art. 13/14)', en: 'Information duties (Art. 13/14)' },
      fields: [
        {
          name: 'notApplicable',
          type: 'array',
          // Shorter table names: the default ones of the versions table pass Postgres's 63-character limit.
          dbName: 'policy_documents_not_applicable',
          label: { da: 'Ikke relevant', en: 'Not applicable' },
          admin: {
            description: {
              da: 'Punkter på tjeklisten, der ikke er relevante, med begrundelse (fx at der ikke er udpeget en DPO).',
              en: 'Elements of the checklist that do not apply, with the reason (e.g. no DPO is appointed).',
            },
          },
          fields: [
            {
              name: 'element',
              type: 'select',
              // The default enum name is over the 63-character identifier limit of SQL databases.
              enumName: 'enum_pd_not_applicable_element',
              label: { da: 'Element', en: 'Element' },
              options: ELEMENT_IDS.map((id) => ({ label: id, value: id })),
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
    },
    {
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
              options: pluginConfig.locales.map((code) => ({
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
    },
  ]
  return {
    ...overrides,
    slug: pluginConfig.documentsSlug,
    labels: overrides.labels ?? {
      plural: { da: 'Politikdokumenter', en: 'Policy documents' },
      singular: { da: 'Politikdokument', en: 'Policy document' },
    },
    access: {
      // Drafts and history are for signed-in editors only; the public reads releases.
      create: ({ req }) => Boolean(req.user),
      delete: ({ req }) => Boolean(req.user),
      read: ({ req }) => Boolean(req.user),
      readVersions: ({ req }) => Boolean(req.user),
      update: ({ req }) => Boolean(req.user),
      ...overrides.access,
    },
    admin: {
      // "Import a statement" (.docx, HTML, Markdown) above the list; see getImportEndpoint.
      ...(pluginConfig.enabled
        ? {
            components: {
              beforeListTable: [
                {
                  clientProps: {
                    documentsSlug: pluginConfig.documentsSlug,
                    locales: pluginConfig.locales,
                    publicPath: pluginConfig.publicPath,
                  },
                  path: 'payload-plugin-policy-docs/client#ImportStatement',
                },
              ],
            },
          }
        : {}),
      defaultColumns: ['title', 'key', '_status', 'updatedAt'],
      group: ADMIN_GROUP,
      useAsTitle: 'title',
      ...overrides.admin,
    },
    fields: overrides.fields ? overrides.fields({ defaultFields }) : defaultFields,
    hooks: {
      ...overrides.hooks,
      afterChange: [...(overrides.hooks?.afterChange ?? []), freezeReleaseOnPublish(pluginConfig)],
      // A refused publish answers with a top-level `message` too: the admin shows that as one toast,
      // where it would split `errors[].message` at its commas.
      afterError: [...(overrides.hooks?.afterError ?? []), exposePublishRefusal],
      // The publish rules run before anything is written, so a refusal writes nothing on any database.
      beforeChange: [...(overrides.hooks?.beforeChange ?? []), checkPublishRules(pluginConfig)],
    },
    // The ledger is the archive; Payload's own version history is only an editing aid, so it may be pruned.
    versions: { drafts: true, maxPerDoc: 100 },
  }
}
