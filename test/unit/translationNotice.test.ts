import { toBannerModel } from '../../plugin/banner/policy-banner.js'
import { renderNotice } from '../../src/notices/index.js'
import { translationNoticeFor } from '../../src/releases/index.js'

const records = [
  { changedIn: ['da'], locale: 'en', reason: 'Translator booked', sections: ['purposes'] },
]
const options = {
  publishedAt: '2026-12-02T10:36:13.929Z',
  timeZone: 'Europe/Copenhagen',
  version: '3.0',
}

describe('translationNoticeFor', () => {
  it('tells readers of the lagging locale, in their language, which language is authoritative and since when', () => {
    expect(translationNoticeFor(records, 'en', options)).toBe(
      'The authoritative Danish text was changed on December 2, 2026 (version 3.0). This English translation does not include the change yet; it will follow.',
    )
    const danish = translationNoticeFor(
      [{ ...records[0], changedIn: ['en'], locale: 'da' }],
      'da',
      options,
    )
    expect(danish).toMatch(
      /^Den gældende tekst på engelsk blev ændret den 2\. december 2026 \(version 3\.0\)\. Denne oversættelse til dansk indeholder endnu ikke ændringen; den følger\.$/,
    )
  })

  it('says nothing for the authoritative locale or a release without a declaration', () => {
    expect(translationNoticeFor(records, 'da', options)).toBeNull()
    expect(translationNoticeFor(null, 'en', options)).toBeNull()
    expect(translationNoticeFor('garbage', 'en', options)).toBeNull()
  })

  it('reaches the banner and the notice e-mail', () => {
    const note = translationNoticeFor(records, 'en', options)!
    const model = toBannerModel({
      message: 'We have updated “Privacy”.',
      show: true,
      translationNotice: note,
      version: '3.0',
    })
    expect(model?.note).toBe(note)
    const email = renderNotice(
      {
        changeNote: 'A new purpose.',
        effectiveAt: '2027-01-05',
        previousVersion: '2.0',
        siteName: 'Jackon',
        statementUrl: 'https://example.com/en/privacy',
        title: 'Privacy statement',
        translationNotice: note,
        unsubscribeMailto: 'mailto:unsubscribe@example.com',
        unsubscribeUrl: 'https://example.com/unsubscribe',
        version: '3.0',
        manageUrl: 'https://example.com/manage',
      } as Parameters<typeof renderNotice>[0],
      'en',
      'da',
    )
    expect(email.text).toContain(
      'This English translation does not include the change yet; it will follow.',
    )
    expect(email.html).toContain(
      'This English translation does not include the change yet; it will follow.',
    )
  })
})
