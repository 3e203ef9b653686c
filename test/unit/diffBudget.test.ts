/**
 * Bounded cost: every jsdiff call has a timeout, the whole call has a budget, and a text that
 * could not be compared in time is reported as rewritten instead of hanging.
 */
import type { LocaleSnapshot } from '../../src/types.js'

import { benchCase, generateStatement } from '../../bench/diffData.js'
import { diffLocale } from '../../src/diff/index.js'
import { allTexts, changeOf } from '../fixtures/diff/helpers.js'
import { edited, item, listOf, p, statement } from '../fixtures/diff/statement.js'

/** Two unrelated texts of `words` words each, as one paragraph: the worst case for Myers' algorithm. */
function unrelatedParagraphs(words: number): { next: LocaleSnapshot; prev: LocaleSnapshot } {
  const one = (seed: number): LocaleSnapshot => {
    const text = generateStatement(seed)
      .sections.flatMap((s) =>
        s.blocks.map((b) =>
          b.type === 'paragraph'
            ? b.text
            : b.type === 'list'
              ? b.items.map((i) => i.text).join(' ')
              : '',
        ),
      )
      .join(' ')
      .split(' ')
      .slice(0, words)
      .join(' ')
    return {
      html: '',
      sections: [{ blocks: [p(text)], heading: 'Alt', key: 'all', kind: 'general' }],
      title: 'T',
    }
  }
  return { next: one(6), prev: one(5) }
}

describe('diff time limits', () => {
  it('reports a text whose word diff times out as rewritten, with the old and new text whole', () => {
    const { next, prev } = unrelatedParagraphs(6000)
    const started = performance.now()
    const result = diffLocale(prev, next, { locale: 'da', perBlockTimeoutMs: 20 })
    expect(performance.now() - started).toBeLessThan(1500)
    const block = changeOf(result, 'all').blocks[0]!
    if (block.blockType !== 'paragraph') throw new Error('expected a paragraph')
    expect(block.text).toMatchObject({ flavour: 'rewritten', rewrittenBecause: 'timeout' })
    expect(block.text.parts).toEqual([
      { text: block.text.oldText, type: 'delete' },
      { text: block.text.newText, type: 'insert' },
    ])
    expect(result.complete).toBe(false)
    expect(result.stats.rewrittenTexts).toBe(1)
  })

  it('stops word diffs once the budget is spent but still reports the structure', () => {
    const prev = statement('da')
    const next = edited(prev, (s) => {
      listOf(s, 'personal-data').items.push(item('Lokationsdata'))
      const purpose = listOf(s, 'purposes').items[0]!
      purpose.text = purpose.html = `${purpose.text} og apps`
      s.sections.push(s.sections.shift()!)
    })
    const result = diffLocale(prev, next, { locale: 'da', timeoutMs: 0 })
    expect(changeOf(result, 'introduction')).toMatchObject({ moved: true, type: 'moved' })
    expect(changeOf(result, 'personal-data').type).toBe('changed')
    const purpose = changeOf(result, 'purposes').blocks.flatMap((b) =>
      b.blockType === 'list' ? b.items : [],
    )[0]!
    expect(purpose.text).toMatchObject({ flavour: 'rewritten', rewrittenBecause: 'budget' })
    expect(changeOf(result, 'rights').type).toBe('unchanged')
    expect(result.complete).toBe(false)
  })

  it('keeps the whole call within its budget even when one huge text would take minutes', () => {
    const { next, prev } = unrelatedParagraphs(20_000)
    const started = performance.now()
    const result = diffLocale(prev, next, {
      locale: 'da',
      perBlockTimeoutMs: 60_000,
      timeoutMs: 300,
    })
    const elapsed = performance.now() - started
    expect(elapsed).toBeGreaterThanOrEqual(250)
    expect(elapsed).toBeLessThan(1500)
    expect(
      allTexts(result)
        .filter((t) => t.flavour === 'rewritten')
        .map((t) => t.rewrittenBecause),
    ).toEqual(['budget'])
  })

  it('diffs an unrelated rewrite of a 20,000-word statement well within the default 2 s budget', () => {
    const { next, prev } = benchCase('unrelated')
    const result = diffLocale(prev, next, { locale: 'da' })
    expect(result.elapsedMs).toBeLessThan(2000)
    expect(result.sections).toHaveLength(40)
    expect(result.stats.insertedWords).toBeGreaterThan(15_000)
  })
})
