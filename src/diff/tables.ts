/**
 * Tables compared row by row. A row is keyed by its first cell: rows with the same key (text
 * with whitespace collapsed and case folded) are the same row, wherever they stand, so a new
 * sub-processor is one added row and a reordered table shows moved rows. A row whose first cell
 * changed is a different row (one removed, one added). Cells of kept rows are compared by
 * position, word by word.
 */
import type { Block, InlineText, TableRow } from '../types.js'
import type { AlignOp } from './align.js'
import type { DiffContext } from './context.js'
import type { EntryChangeType, RowChange, TableChange, TextChange } from './types.js'

import { align } from './align.js'
import { normalizeWhitespace } from './text.js'
import { compareInline } from './words.js'

type TableBlock = Extract<Block, { type: 'table' }>

const EMPTY: InlineText = { html: '', text: '' }

/** What the cells of a row are joined by in the row's text. */
export const CELL_SEPARATOR = ' | '

/** The key of a row: its first cell's text, whitespace collapsed, case folded. */
export function rowKey(row: TableRow): string {
  return normalizeWhitespace(row.cells[0]?.text ?? '').toLocaleLowerCase()
}

/** The row as one inline text, cells joined by `CELL_SEPARATOR`. */
export function rowInline(row: TableRow): InlineText {
  return {
    html: row.cells.map((cell) => cell.html).join(CELL_SEPARATOR),
    text: row.cells.map((cell) => cell.text).join(CELL_SEPARATOR),
  }
}

/** True when two tables are identical in header flag, text and html of every cell. */
export function tablesEqual(a: TableBlock, b: TableBlock): boolean {
  return (
    a.header === b.header &&
    a.rows.length === b.rows.length &&
    a.rows.every((row, r) => {
      const other = b.rows[r]!.cells
      return (
        row.cells.length === other.length &&
        row.cells.every((cell, c) => cell.text === other[c]!.text && cell.html === other[c]!.html)
      )
    })
  )
}

function rowChange(
  oldRow: TableRow | null,
  newRow: TableRow | null,
  op: AlignOp,
  ctx: DiffContext,
): RowChange {
  const text = compareInline(
    oldRow ? rowInline(oldRow) : null,
    newRow ? rowInline(newRow) : null,
    ctx,
  )
  const width = Math.max(oldRow?.cells.length ?? 0, newRow?.cells.length ?? 0)
  const cells: TextChange[] = []
  for (let c = 0; c < width; c++) {
    const oldCell = oldRow ? (oldRow.cells[c] ?? EMPTY) : null
    const newCell = newRow ? (newRow.cells[c] ?? EMPTY) : null
    cells.push(compareInline(oldCell, newCell, ctx))
  }
  const changed =
    text.flavour !== null ||
    (oldRow !== null && newRow !== null && oldRow.cells.length !== newRow.cells.length)
  const type: EntryChangeType =
    op.type === 'added' || op.type === 'removed' || op.type === 'moved'
      ? op.type
      : changed
        ? 'changed'
        : 'unchanged'
  return {
    cells,
    depth: 0,
    key: (newRow ?? oldRow)!.cells[0]?.text ?? '',
    newIndex: op.type === 'removed' ? null : op.newIndex,
    oldDepth: oldRow ? 0 : null,
    oldIndex: op.type === 'added' ? null : op.oldIndex,
    text,
    type,
  }
}

/** Compares the rows of two tables (either may be `null` for an added or removed table). */
export function diffTableRows(
  oldTable: TableBlock | null,
  newTable: TableBlock | null,
  ctx: DiffContext,
): RowChange[] {
  const oldRows = oldTable?.rows ?? []
  const newRows = newTable?.rows ?? []
  const ids = new Map<string, number>()
  const id = (row: TableRow): number => {
    const key = rowKey(row)
    let value = ids.get(key)
    if (value === undefined) ids.set(key, (value = ids.size))
    return value
  }
  const oldSigs = oldRows.map(id)
  const newSigs = newRows.map(id)
  // Rows with different keys are never the same row: no pairing by similarity.
  const ops = align(
    oldSigs,
    newSigs,
    () => 0,
    ctx,
    () => false,
  )
  return ops.map((op) =>
    rowChange(
      op.type === 'added' ? null : oldRows[op.oldIndex]!,
      op.type === 'removed' ? null : newRows[op.newIndex]!,
      op,
      ctx,
    ),
  )
}

/** The change of one table block, given how the block itself was aligned. */
export function tableChange(
  op: AlignOp,
  oldTable: TableBlock | null,
  newTable: TableBlock | null,
  ctx: DiffContext,
): TableChange {
  const items = diffTableRows(oldTable, newTable, ctx)
  const headerChanged =
    oldTable !== null && newTable !== null && oldTable.header !== newTable.header
  const changed = headerChanged || items.some((item) => item.type !== 'unchanged')
  return {
    blockType: 'table',
    header: (newTable ?? oldTable)!.header,
    items,
    newIndex: op.type === 'removed' ? null : op.newIndex,
    oldHeader: oldTable?.header ?? null,
    oldIndex: op.type === 'added' ? null : op.oldIndex,
    type:
      op.type === 'moved'
        ? 'moved'
        : op.type === 'added' || op.type === 'removed'
          ? op.type
          : changed
            ? 'changed'
            : 'unchanged',
  }
}
