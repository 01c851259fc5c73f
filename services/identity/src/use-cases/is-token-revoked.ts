import type { AuthUser } from '@repo/auth'
import type { IdentityQueryable } from '../db/database.js'
import { findUserById } from '../db/users.js'
import { isUuid } from '@repo/kit'

/**
 * Identity's own revocation check (D6), against the user row itself: the user is gone, deactivated,
 * or the token was issued before the user's last revocation.
 */
export async function isTokenRevoked (db: IdentityQueryable, user: AuthUser): Promise<boolean> {
  // Only identity signs, so a non-UUID `sub` cannot happen; refusing it keeps a bad value out of SQL.
  if (!isUuid(user.id)) return true
  const row = await findUserById(db, user.id)
  return row === undefined || !row.isActive || user.issuedAt < row.tokensValidFrom
}
