/**
 * The diff engine: compares two releases of a policy document per locale, structure first
 * (sections by stable key, then paragraphs and list items), words last (jsdiff `diffWords` with
 * `Intl.Segmenter`, Myers' O(ND) algorithm, each call under a timeout and all of it under one
 * time budget). Output is our own JSON model, safe HTML and a plain-text summary.
 */
import type { RenderDiffHtmlOptions } from './html.js'
import type {
  BlockChange,
  ChangeFlavour,
  DiffOptions,
  DiffStats,
  EntryChangeType,
  ItemChange,
  ListChange,
  LocaleDiff,
  ParagraphChange,
  RowChange,
  SectionChange,
  SectionChangeType,
  SnapshotDiff,
  TableChange,
  TextChange,
  TextPart,
} from './types.js'

import { DIFF_DEFAULTS } from './context.js'
import { renderDiffHtml } from './html.js'
import { diffLocale, diffSnapshots } from './sections.js'
import { summarizeDiff, summarizeDiffLines } from './summary.js'
import { countWords } from './text.js'

export {
  countWords,
  DIFF_DEFAULTS,
  diffLocale,
  diffSnapshots,
  renderDiffHtml,
  summarizeDiff,
  summarizeDiffLines,
}
export type {
  BlockChange,
  ChangeFlavour,
  DiffOptions,
  DiffStats,
  EntryChangeType,
  ItemChange,
  ListChange,
  LocaleDiff,
  ParagraphChange,
  RenderDiffHtmlOptions,
  RowChange,
  SectionChange,
  SectionChangeType,
  SnapshotDiff,
  TableChange,
  TextChange,
  TextPart,
}
