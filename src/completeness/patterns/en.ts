/**
 * English phrases for the Art. 13/14 completeness check. Data only; syntax in `README.md`.
 */
import type { PatternSet } from '../types.js'

export const en: PatternSet = {
  language: 'en',
  elements: {
    controller: {
      identity: {
        anywhere: [
          'controller',
          'controllers',
          'responsible for ... processing',
          'responsible for ... personal data',
        ],
      },
      contact: {
        anywhere: [
          're:[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+',
          're:[\\w.+-]+\\s*[\\[(]\\s*(at)\\s*[\\])]\\s*[\\w-]+',
          're:\\b(tel|phone|telephone)\\.?:?\\s*\\+?\\d',
          're:\\b(company|registration) (no|number)\\.?:?\\s*\\d',
          'contact details',
          'registered office',
          'contact us at',
          'write to us at',
        ],
        inKinds: ['re:\\b(dk-)?\\d{4,5} \\p{L}{3,}'],
      },
    },
    dpo: {
      dpo: { anywhere: ['data protection officer', 'dpo'] },
    },
    purposes: {
      purposes: {
        anywhere: [
          'purpose*',
          'we use ... information ... to',
          'we use ... data ... to',
          'we process ... to',
        ],
        inKinds: ['in order to', 'so that', 'for the purpose'],
      },
    },
    'legal-basis': {
      'legal-basis': {
        anywhere: [
          'legal basis',
          'legal bases',
          'lawful basis',
          'lawful bases',
          'legal ground*',
          'article 6',
          'art 6',
          'legitimate interest*',
          'on the basis of your consent',
          'based on your consent',
          'necessary ... perform* ... contract',
          'performance of a contract',
          'necessary ... comply ... legal obligation*',
        ],
      },
    },
    'legitimate-interests': {
      interests: {
        anywhere: ['legitimate interest*', 'article 6 1 f', 'art 6 1 f', 'balancing test'],
      },
    },
    recipients: {
      recipients: {
        anywhere: [
          'share* ... with',
          'disclose* ... to',
          'processor*',
          'sub processor*',
          'subprocessor*',
          'subcontractor*',
          'service provider*',
          'third part*',
          'categories of recipients',
        ],
        inKinds: ['recipient*', 'disclos*', 'shared'],
      },
    },
    transfers: {
      transfer: {
        anywhere: [
          'third countr*',
          'outside the eu',
          'outside the eea',
          'outside the european economic area',
          'outside the european union',
          'transfer* ... to ... countr*',
          'united states',
          'usa',
          'international transfer*',
        ],
      },
      safeguard: {
        anywhere: [
          'standard contractual clauses',
          'standard data protection clauses',
          'scc',
          'sccs',
          'binding corporate rules',
          'bcr',
          'bcrs',
          'adequacy',
          'adequate level of protection',
          'data privacy framework',
          'article 45',
          'article 46',
          'article 47',
          'article 49',
          'art 45',
          'art 46',
          'art 47',
          'art 49',
          'appropriate safeguards',
          'suitable safeguards',
        ],
      },
    },
    retention: {
      retention: {
        anywhere: [
          're:(retain|keep|kept|store|delete|hold)\\p{L}*[^.]{0,80}?\\b(\\d+|one|two|three|four|five|six|seven|ten|twelve)\\s+(year|month|week|day)',
          'retention period*',
          'as long as ... necessary',
          'criteria ... retention',
          'retention ... criteria',
          'retention polic*',
        ],
        inKinds: ['retain*', 'retention', 'delet*', 'keep', 'stored'],
      },
    },
    'right-access': {
      access: {
        anywhere: [
          'right of access',
          'right to access',
          'access to ... personal data',
          'access ... your ... data',
          'copy of ... data',
          'be informed of what information',
          'request access',
          'subject access',
        ],
      },
    },
    'right-rectification': {
      rectification: {
        anywhere: [
          'rectif*',
          'be corrected',
          'correct* ... inaccurate',
          'correct* ... personal data',
          'have ... corrected',
        ],
        inKinds: ['correct*', 'updat*'],
      },
    },
    'right-erasure': {
      erasure: {
        anywhere: [
          'right to erasure',
          'right* ... to erasure',
          'right to be forgotten',
          'request erasure',
          'be erased',
          'be deleted',
          'have ... deleted',
          'delet* ... your ... data',
        ],
        inKinds: ['eras*', 'delet*', 'remov*'],
      },
    },
    'right-restriction': {
      restriction: {
        anywhere: [
          'restrict* ... processing',
          'restriction of processing',
          'right to restriction',
          'limit* the processing',
          'limit* our processing',
          'limit* how we',
        ],
      },
    },
    'right-objection': {
      objection: { anywhere: ['object to', 'to object', 'right to object', 'objection'] },
    },
    'right-portability': {
      portability: {
        anywhere: [
          'portability',
          'machine readable',
          'structured commonly used',
          'transmit* ... data to another',
          'move ... data to another',
        ],
      },
    },
    'withdraw-consent': {
      withdraw: {
        anywhere: [
          'withdraw* ... consent',
          'revok* ... consent',
          'consent ... withdraw*',
          'consent ... revok*',
        ],
      },
    },
    complaint: {
      complaint: {
        anywhere: [
          'complain* ... supervisory authorit*',
          'complain* ... data protection authorit*',
          'complain* ... data protection agency',
          'complain* ... datatilsynet',
          'complain* ... information commissioner*',
          'complain* ... ico',
          'lodge a complaint',
          'supervisory authorit* ... complain*',
        ],
      },
    },
    'statutory-requirement': {
      requirement: {
        anywhere: [
          'voluntary',
          'not obliged to',
          'not required to',
          'statutory requirement',
          'contractual requirement',
          'required by law to provide',
          'obliged to provide',
          'if you do not provide',
          'if you choose not to provide',
          'failure to provide',
          'necessary to enter into a contract',
        ],
      },
    },
    'automated-decisions': {
      automated: {
        anywhere: [
          'automated decision*',
          'automated individual decision*',
          'automatic decision*',
          'profiling',
          'article 22',
          'solely on automated',
        ],
      },
    },
    source: {
      source: {
        anywhere: [
          'source* of ... data',
          'source* of ... information',
          'collect* ... information',
          'obtain* ... from',
          'receive* ... data ... from',
          'publicly available',
          'public registers',
        ],
        inKinds: ['collect*', 'obtain*', 'provide*', 'register*'],
      },
    },
  },
}
