/**
 * English translation of the Danish privacy statement (`privacy-statement.da.txt`), section by
 * section, keyed by the stable section keys of `privacy.ts`.
 *
 * Every section mirrors the Danish one block for block and item for item (same nesting), so the
 * two locales can be compared structurally. Where the Danish source lacks a closing period, the
 * translation lacks it too: release 1.1 of the demo history fixes both locales together.
 * British spelling, as is usual for EU privacy texts.
 */
import type { Block } from '../../src/types.js'

import { makeListItem as item, makeList as list, makeParagraph as p } from '../parsePrivacyStatement.js'

/** English title. The Danish title's semicolon becomes a colon, which reads naturally in English. */
export const englishTitle = 'Privacy statement: online processing of personal data'

/** English heading and body of every section, by section key. */
export const englishSections: Record<string, { blocks: Block[]; heading: string }> = {
  introduction: {
    heading: 'Introduction',
    blocks: [
      p('Jackon is committed to protecting your personal data. This privacy statement applies to Jackon’s websites.'),
      p(
        'Jackon Danmark A/S is the data controller for personal data collected through our digital channels. ' +
          'Separate data processing agreements apply to other products and services provided by Jackon Danmark A/S. ' +
          'As our business and tools evolve, we may need to update this statement. ' +
          'We therefore encourage you to read through this statement at regular intervals. ' +
          'In the event of significant changes, we will try to contact you directly through available channels, ' +
          'such as e-mail or notices on our digital channels.',
      ),
      p(
        'We aim to run a responsible and sustainable business. ' +
          'If you believe that we are not complying with these terms or with applicable legislation, ' +
          'you can file a complaint with us or with the Danish Data Protection Agency (Datatilsynet).',
      ),
    ],
  },
  'key-concepts': {
    heading: 'Key concepts',
    blocks: [
      list([
        item(
          'Personal data is any information that can be linked, directly or indirectly, to you as an individual. ' +
            'See the section “What personal data do we process?” for information about the types of personal data we process.',
        ),
        item(
          'Anonymised data is information from which we have removed all identifying elements, ' +
            'so that it is no longer possible to link the information to you as an individual.',
        ),
        item(
          'Processing of personal data means any use of personal data, including collection, storage, alteration, ' +
            'combination, disclosure and erasure.',
        ),
        item(
          'Digital channels include our websites and other digital services, ' +
            'such as the registration of information by means of forms.',
        ),
      ]),
    ],
  },
  'personal-data': {
    heading: 'What personal data do we process?',
    blocks: [
      p('Jackon does not process any form of sensitive personal data'),
      p('Examples of information that may be processed:'),
      list([
        item('Name of contact person'),
        item('E-mail address'),
        item('Telephone number'),
        item('Postcode'),
        item('Company name'),
        item('Company address/billing address'),
        item(
          'Information generated in connection with your use of our digital channels, for example technical information ' +
            'about the device you use when you visit our digital channels (date and time, the type of PC/mobile phone, ' +
            'the operating system and browser you use, screen size, etc.). ' +
            'This information cannot identify you as a person, but is used for the delivery, development and analysis ' +
            'of services and for online marketing.',
        ),
      ]),
    ],
  },
  collection: {
    heading: 'How is the information collected?',
    blocks: [
      p('Jackon collects information that:'),
      list([
        item(
          'Is registered automatically when you use our digital channels. ' +
            'We use “cookies” (small text files) and similar technologies on our digital channels. Read more about cookies',
        ),
        item(
          'You provide to us yourself via forms on our web pages, or when you contact us directly by e-mail. ' +
            'Providing this information is voluntary. ' +
            'If you choose not to provide the personal data, we may be unable to give you the information you request.',
          [
            item('Examples:', [
              item('Contact or enquiry form'),
              item('Form you fill in when you download an e-guide from our web pages.'),
            ]),
          ],
        ),
      ]),
    ],
  },
  purposes: {
    heading: 'Purpose of the information collected',
    blocks: [
      p('We use information about you for the following purposes:'),
      list([
        item(
          'To deliver content when you request it, for example to recipients who have submitted a contact or enquiry form, ' +
            'or sent an e-mail directly to our customer service',
        ),
        item('To improve and further develop our services and digital channels'),
        item('To create target groups and targeted marketing. (We use both anonymised data and personal data for this)'),
        item('To be able to contact you and offer you our products and services'),
        item('To ensure good security on our digital channels and to detect misuse.'),
        item(
          'To fulfil our statutory obligations, e.g. to disclose information to competent authorities ' +
            'when we are required to do so under Danish law.',
        ),
      ]),
    ],
  },
  security: {
    heading: 'How do we protect your information?',
    blocks: [
      p(
        'Protecting your personal data is a task to which we give high priority. ' +
          'Our security work covers physical, technical and administrative measures, including the protection of staff, ' +
          'information, IT infrastructure, internal and public networks, and office buildings and technical facilities. ' +
          'As part of this work, we regularly carry out risk assessments and review various factors, ' +
          'such as available technology, business needs and legal requirements. ' +
          'This is to ensure that we have adequate security measures in place at all times.',
      ),
    ],
  },
  rights: {
    heading: 'Rights',
    blocks: [
      p('You have the right to:'),
      list([
        item('be informed of what information we have registered about you,'),
        item('demand that incorrect, unnecessary, incomplete or outdated personal data be corrected or removed,'),
        item(
          'withdraw or limit any consent you have given us to the processing of personal data. ' +
            'Please note, however, that this may mean that we can no longer provide some of our services to you.',
        ),
      ]),
    ],
  },
  'correction-erasure': {
    heading: 'How is the information corrected or erased?',
    blocks: [p('Information is corrected or erased on request by contacting our customer service.')],
  },
  'third-parties': {
    heading: 'Disclosure of information to third parties?',
    blocks: [
      p(
        'Personal data is not shared with outside third parties, but Jackon may use subcontractors to deliver all or ' +
          'part of our digital channels. Such subcontractors may not use the personal data for any purpose other than ' +
          'delivering the service agreed with Jackon.',
      ),
      p(
        'We may disclose information where required by law, e.g. by order of the courts, the police or other ' +
          'public authorities, in accordance with strict procedures established in advance.',
      ),
    ],
  },
}
