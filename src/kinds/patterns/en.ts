/**
 * English phrases that point to a section kind. Data only; syntax in
 * `src/completeness/patterns/README.md`.
 */
import type { KindPatternSet } from '../types.js'

export const en: KindPatternSet = {
  language: 'en',
  kinds: {
    controller: {
      heading: [
        'controller',
        'who we are',
        'who is responsible',
        'about us',
        'contact us',
        'contact details',
        'how to contact',
      ],
      body: [
        'data controller',
        'controller',
        're:[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+',
        'registered office',
      ],
    },
    cookies: { heading: ['cookie*'], body: ['cookie*'] },
    'data-categories': {
      heading: [
        'what personal data',
        'what data',
        'what information',
        'categories of personal data',
        'types of ... data',
        'personal data we collect',
        'information we collect',
        'data we process',
      ],
      body: [
        'name',
        'names',
        'e mail address*',
        'email address*',
        'telephone number*',
        'phone number*',
        'postal address*',
        'ip address*',
        'date of birth',
        'special categories',
        'sensitive personal data',
      ],
    },
    definitions: {
      heading: ['key concepts', 'definition*', 'glossary', 'terms we use'],
      body: ['means', 'refers to', 'is any information', 'is information'],
    },
    purposes: {
      heading: [
        'purpose*',
        'why we',
        'how we use',
        'what we use',
        'use of ... data',
        'use of ... information',
      ],
      body: ['purpose*', 'in order to', 'we use ... to'],
    },
    recipients: {
      heading: [
        'disclosure*',
        'sharing',
        'share',
        'recipient*',
        'third part*',
        'who we share',
        'processor*',
        'sub processor*',
        'subprocessor*',
      ],
      body: [
        'share* ... with',
        'disclose* ... to',
        'subcontractor*',
        'processor*',
        'service provider*',
        'recipient*',
      ],
    },
    retention: {
      heading: ['retention', 'how long', 'storage period', 'keep your'],
      body: ['retain*', 'retention', 'deleted after', 'as long as'],
    },
    rights: {
      heading: ['right*', 'corrected or erased', 'access to your', 'your choices', 'complaint*'],
      body: [
        'right to',
        'right of access',
        'rectif*',
        'erasure',
        'object to',
        'portability',
        'supervisory authorit*',
      ],
    },
    security: {
      heading: ['security', 'protect*', 'safeguarding'],
      body: [
        'security',
        'encrypt*',
        'access control*',
        'technical and organisational',
        'technical and organizational',
      ],
    },
    sources: {
      heading: ['collect*', 'source*', 'where we get', 'how we obtain', 'how we get'],
      body: ['collect*', 'obtain* ... from', 'public registers'],
    },
    transfers: {
      heading: ['transfer*', 'international', 'third countr*', 'outside the eu', 'outside the eea'],
      body: [
        'third countr*',
        'standard contractual clauses',
        'outside the eu',
        'outside the eea',
        'adequacy',
        'binding corporate rules',
        'united states',
      ],
    },
  },
}
