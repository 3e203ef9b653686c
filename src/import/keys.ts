/**
 * Stable section keys from headings: lowercase ASCII letters, digits and dashes, at most 64
 * characters, unique within the statement (the key pattern of the documents collection).
 */
const FOLD: Record<string, string> = {
  æ: 'ae',
  ø: 'oe',
  å: 'aa',
  ß: 'ss',
  œ: 'oe',
  þ: 'th',
  ð: 'd',
}

/** `"Hvordan beskytter vi dine oplysninger?"` → `"hvordan-beskytter-vi-dine-oplysninger"`. */
export function keyFromHeading(heading: string): string {
  const ascii = heading
    .toLowerCase()
    .replace(/[æøåßœþð]/g, (ch) => FOLD[ch] ?? ch)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
  const key = ascii
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 56)
    .replace(/-+$/, '')
  return key || 'section'
}

/** Keys for every heading, numbered where two would be equal ("rights", "rights-2"). */
export function uniqueKeys(headings: string[]): string[] {
  const used = new Set<string>()
  return headings.map((heading) => {
    const base = keyFromHeading(heading)
    let key = base
    for (let n = 2; used.has(key); n++) key = `${base}-${n}`
    used.add(key)
    return key
  })
}
