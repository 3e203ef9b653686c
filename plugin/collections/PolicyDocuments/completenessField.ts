import type { Field } from 'payload'

import { ELEMENT_IDS } from '../../../src/completeness/index.js'

/**
 * GDPR Art. 13/14 elements that do not apply to this statement (no DPO, no transfers…), each with
 * the reason; the completeness check reports them as not applicable.
 */
export const completenessField: Field = {
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
}
