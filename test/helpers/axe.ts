/**
 * axe-core in a playwright page: the WCAG 2.x A and AA rules (2.2 AA included), optionally only
 * within some selectors. Returns the violations, each with the nodes it found, for `toEqual([])`.
 */
import type { Page } from 'playwright-core'

import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

export type AxeViolation = { id: string; nodes: number; summary: string }

export async function axe(target: Page, include?: string[]): Promise<AxeViolation[]> {
  await target.addScriptTag({ content: AXE_SOURCE })
  return target.evaluate(async (selectors) => {
    type Result = {
      violations: Array<{ id: string; nodes: Array<{ failureSummary?: string; target: unknown }> }>
    }
    const engine = (
      window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<Result> } }
    ).axe
    const result = await engine.run(
      selectors ? { include: selectors.map((selector) => [selector]) } : document,
      {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      },
    )
    return result.violations.map((violation) => ({
      id: violation.id,
      nodes: violation.nodes.length,
      summary: violation.nodes
        .map((node) => `${JSON.stringify(node.target)}: ${node.failureSummary ?? ''}`)
        .join('\n'),
    }))
  }, include ?? null)
}
