import type { Block, InlineText, ListItem } from '../../src/types.js'

/** Every piece of running text in blocks — paragraphs and list items at any depth — in document order. */
export function inlineTexts(blocks: readonly Block[]): InlineText[] {
  const out: InlineText[] = []
  const walk = (items: readonly ListItem[]): void => {
    for (const item of items) {
      out.push(item)
      walk(item.children)
    }
  }
  for (const block of blocks) {
    if (block.type === 'list') {
      walk(block.items)
    } else if (block.type === 'paragraph') {
      out.push(block)
    }
  }
  return out
}
