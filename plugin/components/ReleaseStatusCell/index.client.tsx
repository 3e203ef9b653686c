'use client'
/**
 * The "Status" column of the release list: in force, upcoming, superseded or withdrawn, computed
 * now from the document's public archive (effective dates after postponements, withdrawals).
 * One archive request per document per page, shared by every row of that document.
 */
import type { DefaultCellComponentProps } from 'payload'

import { useConfig } from '@payloadcms/ui'
import React, { useEffect, useState } from 'react'

import type { ReleaseStatus } from '../../../src/releases/status.js'

import { releaseStatus } from '../../../src/releases/status.js'
import { fetchJson } from '../fetchJson.js'
import { usePolicyTranslation } from '../usePolicyTranslation.js'

type ArchiveAnswer = {
  releases: Array<{ effectiveAt: string; status?: 'active' | 'withdrawn'; version: string }>
}

const archives = new Map<string, Promise<ArchiveAnswer | null>>()

const LABELS: Record<
  ReleaseStatus,
  'statusInForce' | 'statusSuperseded' | 'statusUpcoming' | 'statusWithdrawn'
> = {
  'in-force': 'statusInForce',
  superseded: 'statusSuperseded',
  upcoming: 'statusUpcoming',
  withdrawn: 'statusWithdrawn',
}

export type ReleaseStatusCellProps = Partial<DefaultCellComponentProps> & { publicPath?: string }

export function ReleaseStatusCell(props: ReleaseStatusCellProps) {
  const row = (props.rowData ?? {}) as { documentKey?: string; version?: string }
  const { config } = useConfig()
  const { t } = usePolicyTranslation()
  const [status, setStatus] = useState<ReleaseStatus | undefined>()
  const publicPath = props.publicPath ?? '/policies'
  useEffect(() => {
    if (!row.documentKey || !row.version) return
    const url = `${config.serverURL ?? ''}${config.routes.api}${publicPath}/${encodeURIComponent(row.documentKey)}/releases`
    let archive = archives.get(url)
    if (!archive) {
      archive = fetchJson<ArchiveAnswer>(url).catch(() => null)
      archives.set(url, archive)
      // Fresh on the next visit of the list: the status changes with time.
      setTimeout(() => archives.delete(url), 30_000)
    }
    let live = true
    void archive.then(
      (answer) =>
        live && answer && setStatus(releaseStatus(answer.releases, row.version!, new Date())),
    )
    return () => {
      live = false
    }
  }, [config.routes.api, config.serverURL, publicPath, row.documentKey, row.version])
  if (!status) return <span>…</span>
  return (
    <span data-status={status} data-testid="policy-release-status-cell">
      {t(LABELS[status])}
    </span>
  )
}
