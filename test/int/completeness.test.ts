/**
 * Issue 12: the GDPR Art. 13/14 checklist end to end, with `publication.completeness: 'block'` and
 * the public checklist switched on: the preview shows it, a statement that lacks an element is
 * refused before anything is written, declarations of "not applicable" are honoured and recorded
 * with the release, and the public API serves the checklist of the release in force.
 */
import type { Payload } from 'payload'

import type { Block } from '../../src/types.js'

import { blocksToLexical } from '../../src/lexical/index.js'
import { bootPayload, type TestPayload } from '../helpers/bootPayload.js'

const p = (text: string): Block => ({ html: text, text, type: 'paragraph' })
const body = (...texts: string[]) => blocksToLexical(texts.map(p))

let t: TestPayload
let payload: Payload
let token: string
let documentId: number | string

/** A short statement that gives everything but a retention period, in one language. */
const SECTIONS = {
  da: [
    [
      'controller',
      'Dataansvarlig',
      'Jackon Danmark A/S, CVR-nr. 12345678, er dataansvarlig. Kontakt os på privacy@jackon.dk.',
    ],
    [
      'purposes',
      'Formål og retsgrundlag',
      'Vi bruger dine oplysninger til at besvare henvendelser. Retsgrundlaget er vores legitime interesse, jf. artikel 6, stk. 1, litra f.',
    ],
    [
      'recipients',
      'Modtagere',
      'Vi deler oplysningerne med vores hostingudbyder, som er databehandler.',
    ],
    [
      'rights',
      'Dine rettigheder',
      'Du har ret til indsigt, berigtigelse, sletning, begrænsning af behandlingen, indsigelse og dataportabilitet. Du kan til enhver tid trække dit samtykke tilbage. Du kan klage til Datatilsynet.',
    ],
    [
      'other',
      'Øvrigt',
      'Det er frivilligt at give os oplysningerne. Vi træffer ikke automatiske afgørelser. Vi indhenter oplysninger fra offentlige registre.',
    ],
  ],
  en: [
    [
      'controller',
      'Controller',
      'Jackon Danmark A/S, company registration no. 12345678, is the controller. Contact us at privacy@jackon.dk.',
    ],
    [
      'purposes',
      'Purposes and legal basis',
      'We use your information to answer enquiries. The legal basis is our legitimate interest, Article 6(1)(f).',
    ],
    [
      'recipients',
      'Recipients',
      'We share the data with our hosting provider, who is our processor.',
    ],
    [
      'rights',
      'Your rights',
      'You have the right of access, to rectification, to erasure, to restriction of processing, to object and to data portability. You may withdraw your consent at any time. You can lodge a complaint with the Danish Data Protection Agency.',
    ],
    [
      'other',
      'Other',
      'Providing the data is voluntary. We do not use automated decision-making. We obtain information from public registers.',
    ],
  ],
} as const

const publish = async (release: Record<string, unknown> = {}) => {
  const current = await payload.findByID({
    id: documentId,
    collection: 'policy-documents',
    draft: true,
    locale: 'en',
  })
  return t.api(`/policy-documents/${documentId}?locale=en&draft=false`, {
    body: JSON.stringify({
      ...current,
      _status: 'published',
      release: { ...(current as any).release, ...release },
    }),
    headers: {
      Authorization: `JWT ${token}`,
      'Content-Type': 'application/json',
      Cookie: 'payload-lng=en',
    },
    method: 'PATCH',
  })
}

beforeAll(async () => {
  t = await bootPayload({ POLICY_COMPLETENESS: 'block', POLICY_COMPLETENESS_PUBLIC: 'true' })
  payload = t.payload
  await payload.create({
    collection: 'users',
    data: { email: 'editor@example.com', password: 'policy-docs-demo' },
  })
  const login = await t.api('/users/login', {
    body: JSON.stringify({ email: 'editor@example.com', password: 'policy-docs-demo' }),
    headers: { 'Content-Type': 'application/json' },
    method: 'POST',
  })
  token = (await login.json()).token
  const doc = await payload.create({
    collection: 'policy-documents',
    data: {
      _status: 'draft',
      key: 'privacy',
      sections: SECTIONS.da.map(([key, heading, text]) => ({
        body: body(text),
        heading,
        key,
        kind: 'general',
      })),
      title: 'Persondataerklæring',
    },
    draft: true,
    locale: 'da',
  })
  documentId = doc.id
  const da = await payload.findByID({
    id: documentId,
    collection: 'policy-documents',
    draft: true,
    locale: 'da',
  })
  await payload.update({
    id: documentId,
    collection: 'policy-documents',
    data: {
      sections: da.sections!.map((row: any, i: number) => ({
        ...row,
        body: body(SECTIONS.en[i]![2]),
        heading: SECTIONS.en[i]![1],
      })),
      title: 'Privacy statement',
    },
    draft: true,
    locale: 'en',
  })
}, 60_000)

afterAll(async () => {
  await t?.destroy()
})

describe('GDPR Art. 13/14 completeness (issue 12)', () => {
  it('shows the checklist and the suggested kinds in the publish preview', async () => {
    const res = await t.api('/policies/privacy/preview?locale=en', {
      headers: { Authorization: `JWT ${token}` },
    })
    expect(res.status).toBe(200)
    const preview = await res.json()
    expect(preview.completeness.mode).toBe('block')
    expect(preview.completeness.reports.da.missing).toEqual(['dpo', 'transfers', 'retention'])
    expect(preview.completeness.reports.en.missing).toEqual(['dpo', 'transfers', 'retention'])
    const controller = preview.completeness.reports.en.elements.find(
      (e: any) => e.element === 'controller',
    )
    expect(controller).toMatchObject({
      citation: 'Art. 13(1)(a), Art. 14(1)(a)',
      evidence: [{ heading: 'Controller', section: 'controller' }],
      status: 'present',
    })
    // Every section was left at "general"; the text suggests what they are.
    expect(
      Object.fromEntries(preview.kindSuggestions.map((s: any) => [s.key, s.kind])),
    ).toMatchObject({
      controller: 'controller',
      purposes: 'purposes',
      recipients: 'recipients',
      rights: 'rights',
    })
    // The same rule the publish applies, already failing in the preview.
    expect(preview.check.problems.map((problem: any) => problem.code)).toEqual([
      'gdpr-incomplete',
      'gdpr-incomplete',
    ])
  })

  it('refuses the publish while an element is missing, naming it, and writes nothing', async () => {
    const res = await publish()
    expect(res.status).toBe(400)
    const answer = await res.json()
    expect(JSON.stringify(answer)).toContain(
      'lacks information GDPR Art. 13/14 requires: Contact details of the data protection officer, Transfers to third countries and their safeguards, and Retention period or the criteria for it',
    )
    expect(
      (await payload.find({ collection: 'policy-releases', pagination: false })).totalDocs,
    ).toBe(0)
  })

  it('publishes once the retention period is written and the rest is declared not applicable, and records the declarations', async () => {
    const da = await payload.findByID({
      id: documentId,
      collection: 'policy-documents',
      draft: true,
      locale: 'da',
    })
    await payload.update({
      id: documentId,
      collection: 'policy-documents',
      data: {
        completeness: {
          notApplicable: [
            {
              element: 'dpo',
              reason: 'Ingen databeskyttelsesrådgiver er udpeget (art. 37 finder ikke anvendelse).',
            },
            { element: 'transfers', reason: 'Ingen overførsel til tredjelande.' },
          ],
        },
        sections: [
          ...da.sections!,
          {
            body: body('Vi opbevarer henvendelser i 2 år.'),
            heading: 'Opbevaring',
            key: 'retention',
            kind: 'retention',
          },
        ],
      },
      draft: true,
      locale: 'da',
    })
    const en = await payload.findByID({
      id: documentId,
      collection: 'policy-documents',
      draft: true,
      locale: 'en',
    })
    await payload.update({
      id: documentId,
      collection: 'policy-documents',
      data: {
        sections: en.sections!.map((row: any) =>
          row.key === 'retention'
            ? { ...row, body: body('We keep enquiries for 2 years.'), heading: 'Retention' }
            : row,
        ),
      },
      draft: true,
      locale: 'en',
    })
    const res = await publish()
    expect(res.status).toBe(200)
    const [release] = (
      await payload.find({ collection: 'policy-releases', depth: 0, pagination: false })
    ).docs as any[]
    expect(release.decision.gdpr).toMatchObject({
      missing: { da: [], en: [] },
      mode: 'block',
      notApplicable: {
        dpo: expect.stringContaining('art. 37'),
        transfers: 'Ingen overførsel til tredjelande.',
      },
    })
  })

  it('serves the checklist of the release in force publicly, with the declarations recorded at publish', async () => {
    const res = await t.api('/policies/privacy/completeness?locale=en')
    expect(res.status).toBe(200)
    const checklist = await res.json()
    expect(checklist).toMatchObject({
      basis: 'text',
      complete: true,
      document: 'privacy',
      locale: 'en',
      missing: [],
      version: '1.0',
    })
    expect(checklist.elements.find((e: any) => e.element === 'transfers')).toMatchObject({
      reason: 'Ingen overførsel til tredjelande.',
      status: 'not-applicable',
    })
    expect((await t.api('/policies/privacy/completeness?locale=xx')).status).toBe(400)
    expect((await t.api('/policies/nothing/completeness')).status).toBe(404)
  })
})
