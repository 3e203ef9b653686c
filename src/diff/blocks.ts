/**
 * Block level: paragraphs and lists inside one section, then items inside a list.
 * Both use `align`, so reordering, adding and editing are told apart at every level.
 */
import type { Block, ListItem } from '../types.js'
import type { AlignOp } from './align.js'
import type { DiffContext } from './context.js'
import type {
  BlockChange,
  EntryChangeType,
  ItemChange,
  ListChange,
  ParagraphChange,
} from './types.js'

import { align } from './align.js'
import { dice, type WordBag, wordBag } from './bags.js'
import { rowInline, tableChange, tablesEqual } from './tables.js'
import { CLEARLY_SIMILAR, edgeOverlap } from './text.js'
import { compareInline } from './words.js'

type ListBlock = Extract<Block, { type: 'list' }>

/** A list item with its nesting depth, in document order. */
export type FlatItem = { depth: number; item: ListItem }

/** Flattens nested list items depth-first, so sub-bullets are matched like any other item. */
export function flattenItems(items: ListItem[], depth = 0, out: FlatItem[] = []): FlatItem[] {
  for (const item of items) {
    out.push({ depth, item })
    flattenItems(item.children, depth + 1, out)
  }
  return out
}

function itemsEqual(a: ListItem[], b: ListItem[]): boolean {
  return (
    a.length === b.length &&
    a.every((item, i) => {
      const other = b[i]!
      return (
        item.text === other.text &&
        item.html === other.html &&
        itemsEqual(item.children, other.children)
      )
    })
  )
}

/** True when two block lists are identical in text, html and structure. */
export function blocksEqual(a: Block[], b: Block[]): boolean {
  return (
    a.length === b.length &&
    a.every((block, i) => {
      const other = b[i]!
      if (block.type === 'paragraph')
        return other.type === 'paragraph' && block.text === other.text && block.html === other.html
      if (block.type === 'table') return other.type === 'table' && tablesEqual(block, other)
      return (
        other.type === 'list' &&
        block.ordered === other.ordered &&
        itemsEqual(block.items, other.items)
      )
    })
  )
}

/**
 * Numbers standing for entry signatures, so that aligning compares numbers and no signature
 * string copying an entry's text is built. Two entries get the same number exactly when they
 * are equal: paragraphs in text, items in depth and text, lists in numbering and every item.
 */
class Signatures {
  private readonly paragraphs = new Map<string, number>()
  private readonly items: Array<Map<string, number>> = []
  private readonly lists = new Map<string, number>()
  private readonly tables = new Map<string, number>()
  private count = 0

  private idIn<K>(map: Map<K, number>, key: K): number {
    let id = map.get(key)
    if (id === undefined) map.set(key, (id = this.count++))
    return id
  }

  item(flat: FlatItem): number {
    return this.idIn((this.items[flat.depth] ??= new Map()), flat.item.text)
  }

  block(block: Block, flat: FlatItem[] | undefined): number {
    if (block.type === 'paragraph') return this.idIn(this.paragraphs, block.text)
    if (block.type === 'table') {
      // JSON keeps cell boundaries apart, whatever the cells contain.
      return this.idIn(
        this.tables,
        JSON.stringify([block.header, block.rows.map((row) => row.cells.map((cell) => cell.text))]),
      )
    }
    const items = (flat ?? flattenItems(block.items)).map((f) => this.item(f))
    return this.idIn(this.lists, `${block.ordered ? 1 : 0}:${items.join(',')}`)
  }
}

/** Lazily computed word bags, one per entry, so a gap of m × n candidates tokenizes each entry once. */
function bagCache(textOf: (index: number) => string, ctx: DiffContext): (index: number) => WordBag {
  const bags: Array<WordBag | undefined> = []
  return (index) => (bags[index] ??= wordBag(textOf(index), ctx.wordIds, ctx.latinFastPath))
}

function entryType(op: AlignOp, changed: boolean): EntryChangeType {
  if (op.type === 'moved') return 'moved'
  if (op.type === 'added' || op.type === 'removed') return op.type
  return changed ? 'changed' : 'unchanged'
}

/** Compares two lists item by item. */
export function diffListItems(
  oldItems: FlatItem[],
  newItems: FlatItem[],
  ctx: DiffContext,
  signatures: Signatures = new Signatures(),
): ItemChange[] {
  const oldBag = bagCache((i) => oldItems[i]!.item.text, ctx)
  const newBag = bagCache((j) => newItems[j]!.item.text, ctx)
  const score = (i: number, j: number): number => {
    const quick = edgeOverlap(oldItems[i]!.item.text, newItems[j]!.item.text)
    return quick >= CLEARLY_SIMILAR && quick >= ctx.minPairSimilarity
      ? quick
      : dice(oldBag(i), newBag(j), ctx.wordIds)
  }
  const ops = align(
    oldItems.map((f) => signatures.item(f)),
    newItems.map((f) => signatures.item(f)),
    score,
    ctx,
  )
  return ops.map((op): ItemChange => {
    const oldFlat = op.type === 'added' ? null : oldItems[op.oldIndex]!
    const newFlat = op.type === 'removed' ? null : newItems[op.newIndex]!
    const text = compareInline(oldFlat?.item ?? null, newFlat?.item ?? null, ctx)
    // Same words at another depth: the indentation is the change.
    if (text.flavour === null && oldFlat && newFlat && oldFlat.depth !== newFlat.depth)
      text.flavour = 'formatting'
    return {
      // Every op has at least one side, so one of the two is set.
      depth: (newFlat ?? oldFlat)!.depth,
      newIndex: op.type === 'removed' ? null : op.newIndex,
      oldDepth: oldFlat?.depth ?? null,
      oldIndex: op.type === 'added' ? null : op.oldIndex,
      text,
      type: entryType(op, text.flavour !== null),
    }
  })
}

function listChange(
  op: AlignOp,
  oldList: ListBlock | null,
  newList: ListBlock | null,
  items: ItemChange[],
): ListChange {
  const orderedChanged = oldList !== null && newList !== null && oldList.ordered !== newList.ordered
  return {
    blockType: 'list',
    items,
    newIndex: op.type === 'removed' ? null : op.newIndex,
    oldIndex: op.type === 'added' ? null : op.oldIndex,
    oldOrdered: oldList?.ordered ?? null,
    ordered: (newList ?? oldList)!.ordered,
    type: entryType(op, orderedChanged || items.some((item) => item.type !== 'unchanged')),
  }
}

/** Blocks of an unchanged section, without aligning anything. */
export function unchangedBlocks(blocks: Block[], ctx: DiffContext): BlockChange[] {
  return blocks.map((block, i): BlockChange => {
    const op: AlignOp = { newIndex: i, oldIndex: i, type: 'equal' }
    if (block.type === 'paragraph') {
      return {
        blockType: 'paragraph',
        newIndex: i,
        oldIndex: i,
        text: compareInline(block, block, ctx),
        type: 'unchanged',
      }
    }
    if (block.type === 'table') return tableChange(op, block, block, ctx)
    const flat = flattenItems(block.items)
    return listChange(
      op,
      block,
      block,
      flat.map((f, k) => unchangedItem(f, k)),
    )
  })
}

function unchangedItem(flat: FlatItem, index: number): ItemChange {
  const text = flat.item.text
  return {
    depth: flat.depth,
    newIndex: index,
    oldDepth: flat.depth,
    oldIndex: index,
    text: {
      deletedWords: 0,
      flavour: null,
      insertedWords: 0,
      newText: text,
      oldText: text,
      parts: text ? [{ text, type: 'equal' }] : [],
    },
    type: 'unchanged',
  }
}

/** Compares the bodies of two sections block by block. */
export function diffBlocks(
  oldBlocks: Block[],
  newBlocks: Block[],
  ctx: DiffContext,
): BlockChange[] {
  const oldFlat: Array<FlatItem[] | undefined> = oldBlocks.map((b) =>
    b.type === 'list' ? flattenItems(b.items) : undefined,
  )
  const newFlat: Array<FlatItem[] | undefined> = newBlocks.map((b) =>
    b.type === 'list' ? flattenItems(b.items) : undefined,
  )
  const blockText = (block: Block, flat: FlatItem[] | undefined): string =>
    block.type === 'paragraph'
      ? block.text
      : block.type === 'table'
        ? block.rows.map((row) => rowInline(row).text).join('\n')
        : (flat ?? []).map((f) => f.item.text).join('\n')
  const oldBag = bagCache((i) => blockText(oldBlocks[i]!, oldFlat[i]), ctx)
  const newBag = bagCache((j) => blockText(newBlocks[j]!, newFlat[j]), ctx)

  const score = (i: number, j: number): number => {
    const a = oldBlocks[i]!
    const b = newBlocks[j]!
    if (a.type !== b.type) return 0
    if (a.type === 'paragraph' && b.type === 'paragraph') {
      const quick = edgeOverlap(a.text, b.text)
      if (quick >= CLEARLY_SIMILAR && quick >= ctx.minPairSimilarity) return quick
    }
    const similarity = dice(oldBag(i), newBag(j), ctx.wordIds)
    // Two lists (or two tables) in the same gap are always the same list edited: comparing item
    // by item then shows exactly which bullets came and went. Paragraphs need real overlap.
    return a.type === 'list' || a.type === 'table' ? 1 + similarity : similarity
  }
  // `score > 0` without tokenizing: two lists always score at least 1.
  const related = (i: number, j: number): boolean => {
    const a = oldBlocks[i]!
    const b = newBlocks[j]!
    if (a.type !== b.type) return false
    return a.type === 'list' || a.type === 'table' || score(i, j) > 0
  }

  const signatures = new Signatures()
  const ops = align(
    oldBlocks.map((b, i) => signatures.block(b, oldFlat[i])),
    newBlocks.map((b, j) => signatures.block(b, newFlat[j])),
    score,
    ctx,
    related,
  )

  return ops.map((op): BlockChange => {
    const oldBlock = op.type === 'added' ? null : oldBlocks[op.oldIndex]!
    const newBlock = op.type === 'removed' ? null : newBlocks[op.newIndex]!
    // Every op has at least one side, so one of the two is set.
    const block = (newBlock ?? oldBlock)!
    if (block.type === 'paragraph') {
      const text = compareInline(
        oldBlock?.type === 'paragraph' ? oldBlock : null,
        newBlock?.type === 'paragraph' ? newBlock : null,
        ctx,
      )
      const change: ParagraphChange = {
        blockType: 'paragraph',
        newIndex: op.type === 'removed' ? null : op.newIndex,
        oldIndex: op.type === 'added' ? null : op.oldIndex,
        text,
        type: entryType(op, text.flavour !== null),
      }
      return change
    }
    if (block.type === 'table') {
      return tableChange(
        op,
        oldBlock?.type === 'table' ? oldBlock : null,
        newBlock?.type === 'table' ? newBlock : null,
        ctx,
      )
    }
    const oldList = oldBlock?.type === 'list' ? oldBlock : null
    const newList = newBlock?.type === 'list' ? newBlock : null
    const oldItems = op.type === 'added' ? [] : (oldFlat[op.oldIndex] ?? [])
    const newItems = op.type === 'removed' ? [] : (newFlat[op.newIndex] ?? [])
    return listChange(op, oldList, newList, diffListItems(oldItems, newItems, ctx, signatures))
  })
}
