import type { PolicyDocumentWithLocales } from './toSnapshot.js'

type Row = Record<string, unknown> & { id?: number | string }

/** Sets one locale's value in a localized `{ [locale]: value }` object, keeping the others. */
function setLocale<T>(
  localized: Partial<Record<string, T>> | null | undefined,
  locale: string,
  value: T,
): Partial<Record<string, T>> {
  return { ...(localized ?? {}), [locale]: value }
}

/**
 * The document a save would write, with every locale: the latest version (read with
 * `locale: 'all'`) with the incoming single-locale `data` laid over it, as Payload merges them
 * when it writes. A `beforeChange` hook sees only `data` for the request's locale; the publish
 * rules need every locale before anything is written. Array rows are matched by their `id`;
 * new rows have no other locale yet.
 */
export function mergeLocaleData(
  base: null | PolicyDocumentWithLocales,
  data: Record<string, unknown>,
  locale: string,
): PolicyDocumentWithLocales {
  // Other top-level fields are not localized: the incoming value replaces the saved one.
  const { release: _release, sections: _sections, title: _title, ...shared } = data
  const merged: PolicyDocumentWithLocales = {
    ...(base ?? { id: '', key: '' }),
    ...(shared as Partial<PolicyDocumentWithLocales>),
    ...(base?.id !== undefined ? { id: base.id } : {}),
    // The key never changes once saved (its field hook keeps the original), so the saved one wins.
    key: base?.key || (typeof data.key === 'string' ? data.key : ''),
  }
  if ('title' in data) {
    merged.title = setLocale(base?.title, locale, (data.title as null | string | undefined) ?? null)
  }
  if (Array.isArray(data.sections)) {
    const byId = new Map((base?.sections ?? []).map((row) => [String((row as Row).id), row]))
    merged.sections = (data.sections as Row[]).map((row) => {
      const previous =
        row.id !== undefined && row.id !== null ? byId.get(String(row.id)) : undefined
      return {
        ...(row.id !== undefined ? { id: row.id } : {}),
        body: 'body' in row ? setLocale(previous?.body, locale, row.body) : previous?.body,
        heading:
          'heading' in row
            ? setLocale(previous?.heading, locale, (row.heading as null | string) ?? null)
            : previous?.heading,
        key: typeof row.key === 'string' ? row.key : (previous?.key ?? ''),
        kind: (row.kind as null | string | undefined) ?? previous?.kind ?? null,
      }
    })
  }
  if (data.release && typeof data.release === 'object') {
    const release = data.release as Record<string, unknown>
    const { changeNote, ...shared } = release
    merged.release = {
      ...(base?.release ?? {}),
      ...(shared as NonNullable<PolicyDocumentWithLocales['release']>),
      ...('changeNote' in release
        ? {
            changeNote: setLocale(
              base?.release?.changeNote,
              locale,
              (changeNote as null | string) ?? null,
            ),
          }
        : {}),
    }
  }
  return merged
}
