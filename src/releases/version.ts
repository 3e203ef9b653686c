import type { ChangeKind, Version } from '../types.js'

const VERSION_PATTERN = /^(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})$/

/** Parses `major.minor` strictly ("2.0", not "2", "02.0" or "2.0.0"); returns undefined for anything else. */
export function parseVersion(input: unknown): Version | undefined {
  if (typeof input !== 'string') {
    return undefined
  }
  const match = VERSION_PATTERN.exec(input)
  if (!match) {
    return undefined
  }
  return { major: Number(match[1]), minor: Number(match[2]) }
}

/** `{ major: 2, minor: 0 }` → `"2.0"`. */
export function formatVersion(version: Version): string {
  return `${version.major}.${version.minor}`
}

/** Orders versions numerically, so 1.10 comes after 1.9. */
export function compareVersions(a: Version, b: Version): number {
  return a.major - b.major || a.minor - b.minor
}

/**
 * The version a new release gets: the first release is 1.0, a material change opens the next
 * major (2.0, 3.0 …), a minor change bumps the minor (1.1, 1.2 …).
 */
export function nextVersion(previous: Version | null | undefined, kind: ChangeKind): Version {
  if (!previous) {
    return { major: 1, minor: 0 }
  }
  return kind === 'material'
    ? { major: previous.major + 1, minor: 0 }
    : { major: previous.major, minor: previous.minor + 1 }
}
