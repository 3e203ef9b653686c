/**
 * Deterministic test data for the diff benchmark: a generated Danish-like statement of about
 * 20,000 words in 40 sections (paragraphs and bullet lists, nested bullets, «quotes», æ/ø/å),
 * and the three edited versions the benchmark compares it with. Same seed, same text, every run.
 */
import { readFileSync } from 'node:fs'

import type { Block, ListItem, LocaleSnapshot, SectionKind, SectionSnapshot } from '../src/types.js'

import { escapeHtml } from '../src/i18n/index.js'
import { SECTION_KINDS } from '../src/types.js'

/** mulberry32: a small, fast, seedable PRNG, so every run generates the same statement. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const EXTRA_WORDS = `
  behandling behandlingen oplysninger personoplysninger samtykke samtykket dataansvarlig databehandler
  registrerede rettigheder indsigt berigtigelse sletning begrænsning dataportabilitet indsigelse klage
  Datatilsynet opbevaring opbevaringsperiode sikkerhed kryptering adgangskontrol logning hændelse brud
  overførsel tredjelande standardkontraktbestemmelser modtagere leverandører underleverandører
  kunder medarbejdere ansøgere besøgende nyhedsbrev markedsføring statistik analyse cookies samtykkeløsning
  købshistorik fakturering bogføring regnskab lovkrav skattemyndigheder politiet domstolene
  års måneders dages periode gemmes slettes anonymiseres pseudonymiseres behandles videregives deles
  nødvendig nødvendigt legitime interesser aftale opfyldelse retlig forpligtelse vitale offentlig myndighed
  følsomme særlige kategorier helbred fagforening religiøs politisk biometriske genetiske
  søgning søgeord præferencer enhed browser styresystem skærmopløsning tidszone sprog placering
  øvrige større mindre væsentlige ændringer gældende bæredygtig ansvarlig tilgængelig jævnligt
  ønsker spørgsmål henvendelse kontaktformular kundeservice e-mail telefon adresse postnummer
  årsag første anden tredje også især herunder således derfor dog blandt andet eksempelvis
`

/** Zipf-weighted vocabulary from the real statement plus privacy terms, so word frequencies look natural. */
function vocabulary(random: () => number): { pick: () => string } {
  const source = readFileSync(
    new URL('../seed/data/privacy-statement.da.txt', import.meta.url),
    'utf8',
  )
  const counts = new Map<string, number>()
  for (const word of `${source} ${EXTRA_WORDS}`.match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu) ?? []) {
    const lower = word.toLowerCase()
    counts.set(lower, (counts.get(lower) ?? 0) + 1)
  }
  // Frequent words first, then a Zipf curve: rank r gets weight 1/r.
  const words = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (random() < 0.5 ? -1 : 1))
    .map(([w]) => w)
  const cumulative: number[] = []
  let total = 0
  words.forEach((_, rank) => {
    total += 1 / (rank + 1)
    cumulative.push(total)
  })
  return {
    pick: () => {
      const x = random() * total
      let lo = 0
      let hi = cumulative.length - 1
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        if (cumulative[mid]! < x) lo = mid + 1
        else hi = mid
      }
      return words[lo]!
    },
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

type Generator = {
  heading: () => string
  list: (budget: number) => { block: Block; words: number }
  paragraph: (budget: number) => { block: Block; words: number }
  random: () => number
  word: () => string
}

function generator(seed: number): Generator {
  const random = prng(seed)
  const vocab = vocabulary(random)
  const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1))
  const phrase = (n: number): string => {
    const out: string[] = []
    for (let i = 0; i < n; i++) {
      let w = vocab.pick()
      if (random() < 0.03) w = `«${w}»`
      out.push(w)
      if (i < n - 1 && random() < 0.08) out[out.length - 1] += ','
    }
    return out.join(' ')
  }
  const sentence = (n: number): string => `${capitalize(phrase(n))}${random() < 0.08 ? '?' : '.'}`
  const inline = (text: string): { html: string; text: string } => ({
    html: escapeHtml(text),
    text,
  })
  return {
    heading: () => capitalize(phrase(int(2, 6))) + (random() < 0.4 ? '?' : ''),
    list: (budget) => {
      let words = 0
      const items: ListItem[] = []
      const count = int(3, 8)
      for (let i = 0; i < count && words < budget; i++) {
        const n = Math.min(int(2, 16), Math.max(1, budget - words))
        const children: ListItem[] = []
        words += n
        if (random() < 0.15) {
          for (let c = int(1, 3); c > 0 && words < budget; c--) {
            const m = int(2, 8)
            children.push({ ...inline(capitalize(phrase(m))), children: [] })
            words += m
          }
        }
        items.push({ ...inline(random() < 0.5 ? capitalize(phrase(n)) : sentence(n)), children })
      }
      return { block: { items, ordered: random() < 0.2, type: 'list' }, words }
    },
    paragraph: (budget) => {
      const sentences: string[] = []
      let words = 0
      for (let s = int(2, 5); s > 0 && words < budget; s--) {
        const n = Math.min(int(6, 22), Math.max(3, budget - words))
        sentences.push(sentence(n))
        words += n
      }
      return { block: { ...inline(sentences.join(' ')), type: 'paragraph' }, words }
    },
    random,
    word: vocab.pick,
  }
}

/** Words per generated statement. */
export const STATEMENT_WORDS = 20_000
/** Sections per generated statement. */
export const STATEMENT_SECTIONS = 40

function sectionBody(gen: Generator, budget: number): Block[] {
  const blocks: Block[] = []
  let words = 0
  while (words < budget) {
    const left = budget - words
    const { block, words: n } = gen.random() < 0.65 ? gen.paragraph(left) : gen.list(left)
    blocks.push(block)
    words += n
  }
  return blocks
}

/** A statement of about `STATEMENT_WORDS` words in `STATEMENT_SECTIONS` sections, keys `s01`…`s40`. */
export function generateStatement(seed: number): LocaleSnapshot {
  const gen = generator(seed)
  const perSection = STATEMENT_WORDS / STATEMENT_SECTIONS
  const sections: SectionSnapshot[] = []
  for (let i = 0; i < STATEMENT_SECTIONS; i++) {
    const heading = gen.heading()
    const kind: SectionKind = SECTION_KINDS[i % SECTION_KINDS.length]!
    sections.push({
      blocks: sectionBody(gen, perSection - heading.split(' ').length),
      heading,
      key: `s${String(i + 1).padStart(2, '0')}`,
      kind,
    })
  }
  return { html: '', sections, title: 'Persondataerklæring' }
}

function editText(text: string, rate: number, gen: Generator): string {
  const out: string[] = []
  for (const word of text.split(' ')) {
    if (gen.random() >= rate) {
      out.push(word)
      continue
    }
    const op = gen.random()
    if (op < 0.5) out.push(gen.word())
    else if (op < 0.75) out.push(word, gen.word())
    // else: deleted
  }
  return out.join(' ')
}

function editItems(items: ListItem[], rate: number, gen: Generator): ListItem[] {
  return items.map((item) => {
    const text = editText(item.text, rate, gen)
    return { children: editItems(item.children, rate, gen), html: escapeHtml(text), text }
  })
}

/** The statement with about `rate` of its words substituted, deleted or followed by an insertion, scattered evenly. */
export function scatterEdits(
  statement: LocaleSnapshot,
  rate: number,
  seed: number,
): LocaleSnapshot {
  const gen = generator(seed)
  return {
    ...statement,
    sections: statement.sections.map((section) => ({
      ...section,
      blocks: section.blocks.map((block): Block => {
        if (block.type === 'list') return { ...block, items: editItems(block.items, rate, gen) }
        if (block.type === 'table') return block
        const text = editText(block.text, rate, gen)
        return { html: escapeHtml(text), text, type: 'paragraph' }
      }),
    })),
  }
}

/** Moves the section at `from` to index `to`, and replaces the body of the section at `rewrite` with fresh text. */
export function moveAndRewrite(
  statement: LocaleSnapshot,
  from: number,
  to: number,
  rewrite: number,
  seed: number,
): LocaleSnapshot {
  const sections = [...statement.sections]
  const fresh = generator(seed)
  const target = sections[rewrite]!
  const words = target.blocks.reduce(
    (n, b) =>
      n +
      (b.type === 'paragraph'
        ? b.text
        : b.type === 'list'
          ? b.items.map((i) => i.text).join(' ')
          : ''
      ).split(' ').length,
    0,
  )
  sections[rewrite] = { ...target, blocks: sectionBody(fresh, words) }
  const [moved] = sections.splice(from, 1)
  sections.splice(to, 0, moved!)
  return { ...statement, sections }
}

function itemLines(items: ListItem[], depth: number, out: string[]): void {
  for (const item of items) {
    out.push(`${'  '.repeat(depth)}• ${item.text}`)
    itemLines(item.children, depth + 1, out)
  }
}

/** The statement as one plain text, the input for whole-text diffing. */
export function wholeText(statement: LocaleSnapshot): string {
  const parts: string[] = [statement.title]
  for (const section of statement.sections) {
    parts.push(section.heading)
    for (const block of section.blocks) {
      if (block.type === 'paragraph') parts.push(block.text)
      else if (block.type === 'list') {
        const lines: string[] = []
        itemLines(block.items, 0, lines)
        parts.push(lines.join('\n'))
      }
    }
  }
  return parts.join('\n\n')
}

/** The benchmark cases. */
export type DiffBenchCase = 'moved' | 'one-block' | 'scattered' | 'unrelated'

/** The whole statement as one section holding one paragraph: the worst case for a single jsdiff call. */
function asOneBlock(statement: LocaleSnapshot): LocaleSnapshot {
  const text = wholeText(statement).replace(/\s+/g, ' ')
  return {
    ...statement,
    sections: [
      {
        blocks: [{ html: escapeHtml(text), text, type: 'paragraph' }],
        heading: 'Alt',
        key: 'all',
        kind: 'general',
      },
    ],
  }
}

/** Builds the old and new statement for a case. */
export function benchCase(name: DiffBenchCase): { next: LocaleSnapshot; prev: LocaleSnapshot } {
  const prev = generateStatement(1)
  if (name === 'scattered') return { next: scatterEdits(prev, 0.02, 2), prev }
  if (name === 'one-block')
    return { next: asOneBlock(generateStatement(4)), prev: asOneBlock(prev) }
  if (name === 'moved')
    return { next: moveAndRewrite(scatterEdits(prev, 0.02, 2), 7, 31, 20, 3), prev }
  // Same keys and kinds, entirely different text: the worst case, every section must be compared.
  const unrelated = generateStatement(4)
  return {
    next: {
      ...unrelated,
      sections: unrelated.sections.map((s, i) => ({ ...s, key: prev.sections[i]!.key })),
    },
    prev,
  }
}
