/**
 * Word bags for pairing similar blocks and list items: every text of a gap is compared with
 * every other, so building and comparing bags must be cheap. Words are numbered once per diff
 * (`WordIds`) and a bag is the array of its words' numbers, so comparing two bags is counting in
 * an integer array. Latin-script text is scanned character by character, hashing each
 * lower-cased word as it goes, without allocating a string per word.
 */
import { isLatinText, words } from './text.js'

/**
 * Per code unit up to U+20AC (the highest `isLatinText` allows): 1 for the characters `LATIN_WORD`
 * (text.ts) counts as letters or digits, 2 for its joiners -'’., and 0 for everything else.
 */
const LATIN_CLASS = new Uint8Array(0x20ad)
/** Lower-cased Latin-1 code units: A–Z and À–Þ (but ×) move up by 0x20, everything else stays. */
const LATIN_LOWER = new Uint16Array(0x100)
for (let c = 0; c < 0x100; c++) {
  const letter =
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    (c >= 0xc0 && c !== 0xd7 && c !== 0xf7) ||
    [0xaa, 0xb5, 0xba].includes(c)
  const digit = (c >= 48 && c <= 57) || [0xb2, 0xb3, 0xb9, 0xbc, 0xbd, 0xbe].includes(c)
  if (letter || digit) LATIN_CLASS[c] = 1
  LATIN_LOWER[c] = (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde && c !== 0xd7) ? c + 32 : c
}
for (const c of [45, 39, 0x2019, 46, 44]) LATIN_CLASS[c] = 2

function lower(c: number): number {
  return c < 0x100 ? LATIN_LOWER[c]! : c
}

/**
 * Numbers for the lower-cased words of one diff, so equal words get equal numbers in every bag.
 * An open-addressing table keyed by a 30-bit FNV-1a hash; a hit is confirmed character by
 * character, and a word whose hash another word already has simply takes the next free slot.
 */
export class WordIds {
  private hashes = new Int32Array(1024)
  private ids = new Int32Array(1024).fill(-1)
  private readonly words: string[] = []
  private counts = new Int32Array(1024)

  /** A zeroed array with a cell for every word numbered so far; `dice` leaves it zeroed again. */
  scratch(): Int32Array {
    if (this.counts.length < this.words.length) {
      this.counts = new Int32Array(Math.max(this.words.length, this.counts.length * 2))
    }
    return this.counts
  }

  /** The number of `text.slice(start, end)`, lower-cased (`lowerCase`) or already so; `hash` is its FNV-1a hash. */
  idOf(text: string, start: number, end: number, hash: number, lowerCase: boolean): number {
    const mask = this.ids.length - 1
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const id = this.ids[slot]!
      if (id < 0) {
        const word = lowerCase ? text.slice(start, end).toLowerCase() : text.slice(start, end)
        this.ids[slot] = this.words.length
        this.hashes[slot] = hash
        this.words.push(word)
        // Keep the table at most half full, so probes stay short.
        if (this.words.length * 2 > this.ids.length) this.grow()
        return this.words.length - 1
      }
      if (this.hashes[slot] === hash && this.spells(this.words[id]!, text, start, end, lowerCase))
        return id
    }
  }

  /** Whether `text.slice(start, end)`, lower-cased when `lowerCase`, is `known`. */
  private spells(
    known: string,
    text: string,
    start: number,
    end: number,
    lowerCase: boolean,
  ): boolean {
    if (known.length !== end - start) return false
    // Most words are already lower case, and `startsWith` compares them natively.
    if (text.startsWith(known, start)) return true
    if (!lowerCase) return false
    for (let k = 0; k < known.length; k++)
      if (known.charCodeAt(k) !== lower(text.charCodeAt(start + k))) return false
    return true
  }

  private grow(): void {
    const { hashes, ids } = this
    this.hashes = new Int32Array(ids.length * 2)
    this.ids = new Int32Array(ids.length * 2).fill(-1)
    const mask = this.ids.length - 1
    for (let old = 0; old < ids.length; old++) {
      if (ids[old]! < 0) continue
      let slot = hashes[old]! & mask
      while (this.ids[slot]! >= 0) slot = (slot + 1) & mask
      this.ids[slot] = ids[old]!
      this.hashes[slot] = hashes[old]!
    }
  }
}

// FNV-1a, with the offset basis as a signed 32-bit number and the result cut to 30 bits: V8 keeps
// such numbers unboxed (as "small integers"), so hashing allocates nothing.
const FNV_OFFSET = 0x811c9dc5 | 0
const SMI_MASK = 0x3fffffff

/** The hash `WordIds` files a lower-cased word under (exported for the tests, which need two words that collide). */
export function wordHash(word: string): number {
  return fnv(word, 0, word.length)
}

function fnv(text: string, start: number, end: number): number {
  let hash = FNV_OFFSET
  for (let k = start; k < end; k++) hash = Math.imul(hash ^ text.charCodeAt(k), 0x01000193)
  return hash & SMI_MASK
}

/** A bag of lower-cased words (as in `words`) as their `WordIds` numbers: the input to `dice`. */
export type WordBag = Int32Array

/**
 * Builds a `WordBag` from text, numbering new words in `ids`. `latinFastPath: false` tokenizes
 * with `words` even for Latin text (the tests compare both).
 */
export function wordBag(text: string, ids: WordIds, latinFastPath = true): WordBag {
  if (!latinFastPath || !isLatinText(text)) {
    const list = words(text.toLowerCase())
    const bag = new Int32Array(list.length)
    list.forEach(
      (word, k) => (bag[k] = ids.idOf(word, 0, word.length, fnv(word, 0, word.length), false)),
    )
    return bag
  }
  const found: number[] = []
  const n = text.length
  let p = 0
  while (p < n) {
    if (LATIN_CLASS[text.charCodeAt(p)] !== 1) {
      p++
      continue
    }
    // A word: a run of word characters, continued across a single joiner followed by another run,
    // exactly as `LATIN_WORD` matches. The hash covers the lower-cased characters.
    const start = p
    let hash = FNV_OFFSET
    for (;;) {
      let c = 0
      while (p < n && LATIN_CLASS[(c = text.charCodeAt(p))] === 1) {
        hash = Math.imul(hash ^ LATIN_LOWER[c]!, 0x01000193)
        p++
      }
      if (p + 1 < n && LATIN_CLASS[c] === 2 && LATIN_CLASS[text.charCodeAt(p + 1)] === 1) {
        hash = Math.imul(hash ^ c, 0x01000193)
        p++
      } else break
    }
    found.push(ids.idOf(text, start, p, hash & SMI_MASK, true))
  }
  return new Int32Array(found)
}

/** Dice coefficient of two word bags: 2·|common| / (|a| + |b|), 1 for two empty texts. */
export function dice(a: WordBag, b: WordBag, ids: WordIds): number {
  if (a.length + b.length === 0) return 1
  // Count a's words in a scratch array indexed by word number, take b's words off it (each shared
  // word counts min(count in a, count in b) times), then clear what is left.
  const counts = ids.scratch()
  for (let k = 0; k < a.length; k++) counts[a[k]!]!++
  let common = 0
  for (let k = 0; k < b.length; k++) {
    const id = b[k]!
    if (counts[id]! > 0) {
      counts[id]!--
      common++
    }
  }
  for (let k = 0; k < a.length; k++) counts[a[k]!] = 0
  return (2 * common) / (a.length + b.length)
}
