import { randomBytes } from 'node:crypto'

const TOKEN_BYTES = 32
// 32 bytes in base64url without padding are exactly 43 characters of [A-Za-z0-9_-].
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/

/** A new invite token: 256 random bits, URL-safe (D8). It is the applicant's only credential. */
export function newInviteToken (): string {
  return randomBytes(TOKEN_BYTES).toString('base64url')
}

/** Whether a path segment can be a token at all; anything else is answered like an unknown token (D2). */
export function isInviteToken (value: string): boolean {
  return TOKEN_PATTERN.test(value)
}
