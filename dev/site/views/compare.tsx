/**
 * Compare two releases. The diff itself comes from `GET /api/policies/:key/diff?format=json`; when
 * that endpoint is missing or fails, the page says so and links to both versions. It never makes
 * up a diff of its own.
 */
import type { Archive, Diff } from '../api.js'
import type { Locale } from '../config.js'

import { getArchive, getDiff } from '../api.js'
import { Notice } from '../components.js'
import { comparePath, VERSION_PATTERN, versionPath } from '../config.js'
import { splitDiffHtml } from '../diffHtml.js'
import { t } from '../i18n.js'

type Search = Record<string, string | string[] | undefined>

const single = (value: string | string[] | undefined): string | undefined =>
  typeof value === 'string' ? value : undefined

export async function CompareView({
  documentKey,
  locale,
  search,
}: {
  documentKey: string
  locale: Locale
  search: Search
}) {
  const m = t(locale)
  const archive = await getArchive(documentKey, locale)
  if (!archive.ok) {
    return (
      <>
        <h1>{m.compareHeading}</h1>
        <Notice role="alert" tone="error">
          <p>{m.apiError}</p>
          <p className="muted">
            {m.technicalDetail}: {archive.message}
          </p>
        </Notice>
      </>
    )
  }

  const versions = archive.data.releases.map((release) => release.version)
  const problems: string[] = []
  const pick = (raw: string | undefined): string | undefined => {
    if (raw === undefined || raw === '') return undefined
    if (VERSION_PATTERN.test(raw) && versions.includes(raw)) return raw
    problems.push(m.unknownVersion(raw.slice(0, 20)))
    return undefined
  }
  const to = pick(single(search.to)) ?? archive.data.inForce ?? versions[0]
  const from = pick(single(search.from)) ?? previousOf(archive.data, to) ?? to

  return (
    <>
      <h1>{m.compareHeading}</h1>
      <p>{m.compareIntro}</p>
      <CompareForm
        documentKey={documentKey}
        from={from}
        locale={locale}
        to={to}
        versions={versions}
      />
      {problems.map((problem) => (
        <Notice key={problem} role="alert" tone="warning">
          <p>{problem}</p>
        </Notice>
      ))}
      {from && to && from !== to ? (
        <DiffResult documentKey={documentKey} from={from} locale={locale} to={to} />
      ) : (
        <Notice role="status">
          <p>{m.pickTwoVersions}</p>
        </Notice>
      )}
    </>
  )
}

function previousOf(archive: Archive, version: string | undefined): string | undefined {
  return (
    archive.releases.find((release) => release.version === version)?.previousVersion ?? undefined
  )
}

function CompareForm(props: {
  documentKey: string
  from?: string
  locale: Locale
  to?: string
  versions: string[]
}) {
  const m = t(props.locale)
  const select = (name: 'from' | 'to', label: string, value?: string) => (
    <div className="field">
      <label htmlFor={`compare-${name}`}>{label}</label>
      <select defaultValue={value} id={`compare-${name}`} name={name}>
        {props.versions.map((version) => (
          <option key={version} value={version}>
            {version}
          </option>
        ))}
      </select>
    </div>
  )
  return (
    <form
      action={comparePath(props.locale, props.documentKey)}
      className="compare-form"
      method="get"
    >
      {select('from', m.from, props.from)}
      {select('to', m.to, props.to)}
      <button type="submit">{m.compareSubmit}</button>
    </form>
  )
}

async function DiffResult({
  documentKey,
  from,
  locale,
  to,
}: {
  documentKey: string
  from: string
  locale: Locale
  to: string
}) {
  const m = t(locale)
  const diff = await getDiff(documentKey, from, to, locale)
  if (!diff.ok || typeof diff.data.html !== 'string') {
    return (
      <Notice role="status" tone="warning">
        <p data-testid="diff-unavailable">
          <strong>{m.diffUnavailable}</strong> {m.diffUnavailableDetail}
        </p>
        <ul>
          <li>
            <a href={versionPath(locale, documentKey, from)}>{m.readVersion(from)}</a>
          </li>
          <li>
            <a href={versionPath(locale, documentKey, to)}>{m.readVersion(to)}</a>
          </li>
        </ul>
        <p className="muted">
          {m.technicalDetail}:{' '}
          {diff.ok ? 'the answer has no html' : `HTTP ${diff.status || '–'}: ${diff.message}`}
        </p>
      </Notice>
    )
  }
  return <DiffBody diff={diff.data} locale={locale} />
}

function DiffBody({ diff, locale }: { diff: Diff; locale: Locale }) {
  const m = t(locale)
  const { pieces, wrapper } = splitDiffHtml(diff.html ?? '')
  const unchanged = pieces.filter((piece) => piece.type === 'unchanged').length
  const Wrapper = wrapper?.tag ?? 'div'
  return (
    <section aria-labelledby="changes-heading" className="diff">
      <h2 id="changes-heading">{m.changesHeading}</h2>
      {typeof diff.summary === 'string' && diff.summary.trim() !== '' && (
        <div className="diff-summary">
          <h3>{m.summaryHeading}</h3>
          <SummaryText text={diff.summary} />
        </div>
      )}
      <p className="muted diff-legend">
        {m.diffLegend} {unchanged > 0 && m.unchangedCount(unchanged)}
      </p>
      <Wrapper
        className={['policy-diff', wrapper?.className].filter(Boolean).join(' ')}
        data-testid="diff-html"
      >
        {pieces.map((piece, index) =>
          piece.type === 'html' ? (
            // Server-built, escaped diff html (a verbatim slice of `diff.html`).
            <div
              className="diff-piece"
              dangerouslySetInnerHTML={{ __html: piece.html }}
              key={index}
            />
          ) : (
            <details className="diff-unchanged" data-key={piece.key ?? undefined} key={index}>
              <summary>
                {piece.heading || piece.key} <span className="muted">({m.unchangedSection})</span>
              </summary>
              {/* Server-built, escaped diff html (a verbatim slice of `diff.html`). */}
              <div className="diff-piece" dangerouslySetInnerHTML={{ __html: piece.html }} />
            </details>
          ),
        )}
      </Wrapper>
    </section>
  )
}

/**
 * The API's plain-text summary: lines starting with "- " become a list, other lines paragraphs.
 * Everything is React text (escaped); nothing is parsed as markup.
 */
function SummaryText({ text }: { text: string }) {
  const blocks: Array<{ items: string[]; type: 'list' } | { text: string; type: 'paragraph' }> = []
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue
    const item = /^\s*[-•*]\s+(.*)$/.exec(line)
    const last = blocks[blocks.length - 1]
    if (item) {
      if (last?.type === 'list') last.items.push(item[1]!)
      else blocks.push({ items: [item[1]!], type: 'list' })
    } else {
      blocks.push({ text: line.trim(), type: 'paragraph' })
    }
  }
  return (
    <>
      {blocks.map((block, index) =>
        block.type === 'list' ? (
          <ul key={index}>
            {block.items.map((item, itemIndex) => (
              <li key={itemIndex}>{item}</li>
            ))}
          </ul>
        ) : (
          <p key={index}>{block.text}</p>
        ),
      )}
    </>
  )
}
