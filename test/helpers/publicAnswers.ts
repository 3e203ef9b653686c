/**
 * The public API's answers for the seeded history (seed/), for comparing databases: every route,
 * both locales, each as status, ETag, content type and the exact body text.
 */
export type PublicAnswer = {
  body: string
  contentType: null | string
  etag: null | string
  status: number
}

const versions = ['1.0', '1.1', '2.0']
const locales = ['da', 'en']

export const PUBLIC_PATHS: string[] = [
  '/policies/privacy/archive.json',
  '/policies/privacy/verify',
  ...locales.flatMap((locale) => [
    `/policies/privacy?locale=${locale}`,
    `/policies/privacy?locale=${locale}&at=2025-03-01T00:00:00.000Z`,
    `/policies/privacy/releases?locale=${locale}`,
    ...versions.map((version) => `/policies/privacy/releases/${version}?locale=${locale}`),
    `/policies/privacy/diff?from=1.0&to=2.0&locale=${locale}`,
    `/policies/privacy/diff?from=1.1&to=2.0&locale=${locale}&format=html`,
    `/policies/privacy/changes?locale=${locale}`,
    `/policies/privacy/banner?locale=${locale}`,
    `/policies/privacy/feed?locale=${locale}`,
  ]),
]

export async function collectPublicAnswers(
  api: (path: string) => Promise<Response>,
): Promise<Record<string, PublicAnswer>> {
  const answers: Record<string, PublicAnswer> = {}
  for (const path of PUBLIC_PATHS) {
    const response = await api(path)
    answers[path] = {
      body: await response.text(),
      contentType: response.headers.get('content-type'),
      etag: response.headers.get('etag'),
      status: response.status,
    }
  }
  return answers
}

/** Where two bodies first differ, with some context, for a readable failure. */
export function firstDifference(a: string, b: string): string {
  let at = 0
  while (at < a.length && a[at] === b[at]) {
    at++
  }
  return at === a.length && a.length === b.length
    ? ''
    : `at ${at}: …${a.slice(Math.max(0, at - 40), at + 80)}… vs …${b.slice(Math.max(0, at - 40), at + 80)}…`
}
