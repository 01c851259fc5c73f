import type { IdentityContext } from '../context.js'
import type { IdentityQueryable } from '../db/database.js'
import { findSuperadmin, type UserRow } from '../db/users.js'
import { NotSuperadmin } from '../errors.js'

/** The 403 text of each superadmin route, as the original answers it (API.md 2.7). */
export const superadminOnly = {
  list: 'Only the superadmin can manage other admins',
  create: 'Only the superadmin can create other admins',
  changePassword: 'Only the superadmin can change other admin passwords',
  delete: 'Only the superadmin can delete other admins'
} as const

/** Returns the superadmin, or throws the route's 403 when the caller is not it. */
export async function requireSuperadmin (db: IdentityQueryable, callerId: string, detail: string): Promise<UserRow> {
  const superadmin = await findSuperadmin(db)
  if (superadmin?.id !== callerId) throw NotSuperadmin(detail)
  return superadmin
}

/** `GET /admin/is-first-admin`: whether the caller is the superadmin, and who that is. */
export async function describeFirstAdmin (ctx: IdentityContext, callerId: string): Promise<{ isFirstAdmin: boolean, firstAdmin: UserRow | undefined }> {
  const firstAdmin = await findSuperadmin(ctx.db)
  return { isFirstAdmin: firstAdmin?.id === callerId, firstAdmin }
}
