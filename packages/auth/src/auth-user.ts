/** The roles identity puts in the `role` claim. */
export const roles = ['admin', 'applicant'] as const
export type Role = typeof roles[number]

/** The caller behind a verified access token (API.md D7). */
export type AuthUser = {
  /** The user id: the token's `sub`. */
  id: string
  email: string
  role: Role
  /** The token's id; revocation lists key on it. */
  jti: string
  /** `iat`, in seconds since the epoch (JWT NumericDate), as identity wrote it. */
  issuedAt: number
  /** `exp`, in seconds since the epoch. */
  expiresAt: number
}

function isRole (value: unknown): value is Role {
  return roles.includes(value as Role)
}

function nonEmptyString (value: unknown): value is string {
  return typeof value === 'string' && value !== ''
}

/**
 * Reads the user out of a payload whose signature, issuer, audience and dates are already checked.
 * Undefined when a claim is missing or has the wrong shape: such a token is as invalid as a forged one.
 */
export function toAuthUser (payload: Record<string, unknown>): AuthUser | undefined {
  const { sub, email, role, jti, iat, exp } = payload
  if (!nonEmptyString(sub) || !nonEmptyString(email) || !isRole(role) || !nonEmptyString(jti)) return undefined
  if (typeof iat !== 'number' || typeof exp !== 'number') return undefined
  return { id: sub, email, role, jti, issuedAt: iat, expiresAt: exp }
}
