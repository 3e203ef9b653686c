/**
 * E-mail addresses typed into the subscription form: what we accept, how we store it, and which
 * mailbox it reaches (for rate limits).
 *
 * Accepted: an ASCII local part (RFC 5321 dot-atom) at any domain, including internationalized
 * domains, which are stored in their ASCII (punycode, IDNA/UTS #46) form, e.g. `a@exämple.com` is
 * stored as `a@xn--exmple-cua.com`. Refused with a reason: a non-ASCII local part such as
 * `ü@exämple.com` (RFC 6531 SMTPUTF8 mailboxes need every relay on the way to support SMTPUTF8,
 * which we cannot promise), control characters, quoted local parts and anything longer than
 * RFC 5321 allows.
 */
import { domainToASCII } from 'node:url'

/** Why an address was refused; each has a message for the person who typed it. */
export type AddressProblem = 'control-characters' | 'invalid' | 'non-ascii-local-part' | 'too-long'

/** The outcome of `parseEmailAddress`. */
export type ParsedAddress =
  { address: string; mailbox: string; ok: true } | { ok: false; problem: AddressProblem }

/** A sentence for each refusal, in English (API error messages are English). */
export const ADDRESS_PROBLEMS: Record<AddressProblem, string> = {
  'control-characters': 'The e-mail address contains control characters.',
  invalid: 'Give a valid e-mail address in "email".',
  'non-ascii-local-part':
    'Addresses with non-ASCII characters before the "@" (SMTPUTF8, RFC 6531) are not supported; give an address whose part before the "@" is ASCII.',
  'too-long':
    'The e-mail address is too long (at most 64 characters before the "@" and 254 in all).',
}

// The same rule as Payload's e-mail field (payload/dist/fields/validations.js), so an address we
// accept is always one the database layer accepts too.
const LOCAL_PART =
  /^(?!.*\.\.)[\w!#$%&'*+/=?^`{|}~-](?:[\w!#$%&'*+/=?^`{|}~.-]*[\w!#$%&'*+/=?^`{|}~-])?$/
const DOMAIN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,}$/
// A punycode top-level domain (`xn--…`) is valid too; Payload's rule wants letters only there.
const DOMAIN_PUNYCODE_TLD =
  /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.xn--[a-z0-9-]+$/
// C0, DEL, C1, and the Unicode line and paragraph separators.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/
const NON_ASCII = /[^\u0000-\u007f]/

// Providers known to ignore dots in the local part.
const DOTLESS_DOMAINS = new Set(['gmail.com', 'googlemail.com'])

/** Validates and normalizes an address; never throws. */
export function parseEmailAddress(input: unknown): ParsedAddress {
  if (typeof input !== 'string') {
    return { ok: false, problem: 'invalid' }
  }
  const value = input.trim()
  if (CONTROL.test(value)) {
    return { ok: false, problem: 'control-characters' }
  }
  if (value.length > 320) {
    return { ok: false, problem: 'too-long' }
  }
  const at = value.lastIndexOf('@')
  if (at <= 0 || at === value.length - 1) {
    return { ok: false, problem: 'invalid' }
  }
  const local = value.slice(0, at)
  const rawDomain = value.slice(at + 1)
  if (NON_ASCII.test(local)) {
    return { ok: false, problem: 'non-ascii-local-part' }
  }
  if (local.length > 64) {
    return { ok: false, problem: 'too-long' }
  }
  if (!LOCAL_PART.test(local)) {
    return { ok: false, problem: 'invalid' }
  }
  // domainToASCII applies UTS #46 mapping (case folding, width, …) and returns '' when invalid.
  const domain = domainToASCII(rawDomain).toLowerCase()
  if (domain.length > 253) {
    return { ok: false, problem: 'too-long' }
  }
  if (!domain || !(DOMAIN.test(domain) || DOMAIN_PUNYCODE_TLD.test(domain))) {
    return { ok: false, problem: 'invalid' }
  }
  const address = `${local.toLowerCase()}@${domain}`
  if (address.length > 254) {
    return { ok: false, problem: 'too-long' }
  }
  return { address, mailbox: mailboxKey(address), ok: true }
}

/**
 * The mailbox an (already normalized) address reaches, as far as we can tell: case-insensitive,
 * without a `+tag` subaddress (RFC 5233), and without dots for providers that ignore them.
 * Used only to count requests per mailbox, so `victim+1@…` and `Victim+2@…` share one limit.
 */
export function mailboxKey(address: string): string {
  const at = address.lastIndexOf('@')
  const domain = address.slice(at + 1).toLowerCase()
  let local = address.slice(0, at).toLowerCase()
  const plus = local.indexOf('+')
  if (plus > 0) {
    local = local.slice(0, plus)
  }
  if (DOTLESS_DOMAINS.has(domain)) {
    local = local.replace(/\./g, '')
  }
  return `${local}@${domain === 'googlemail.com' ? 'gmail.com' : domain}`
}
