import { eq } from 'drizzle-orm'
import { catalog } from '@repo/events'
import type { IdentityContext, RequestMeta } from '../context.js'
import { users } from '../db/schema.js'
import { findUserById, revocationSecond, updatePassword, type UserRow } from '../db/users.js'
import { AdminNotFound } from '../errors.js'
import { isUuid } from '@repo/kit'
import { requireSuperadmin, superadminOnly } from './superadmin.js'

/**
 * The superadmin sets an admin's password. The admin's earlier tokens stop working here and, through
 * the event written in the same transaction, everywhere else (D6).
 */
export async function changeAdminPassword (ctx: IdentityContext, callerId: string, adminId: string, newPassword: string, meta: RequestMeta): Promise<UserRow> {
  await requireSuperadmin(ctx.db, callerId, superadminOnly.changePassword)
  if (!isUuid(adminId)) throw AdminNotFound()
  const target = await findUserById(ctx.db, adminId)
  if (target?.role !== 'admin') throw AdminNotFound()
  const passwordHash = await ctx.passwords.hash(newPassword)
  return ctx.db.transaction(async (tx) => {
    // Locks the row so a concurrent delete cannot slip between the check above and the update.
    const [row] = await tx.select({ id: users.id }).from(users).where(eq(users.id, adminId)).for('update')
    if (row === undefined) throw AdminNotFound()
    const tokensValidFrom = revocationSecond()
    const updated = await updatePassword(tx, adminId, passwordHash, tokensValidFrom)
    if (updated === undefined) throw AdminNotFound()
    await ctx.publish(tx, catalog.identity.UserTokensRevokedV1, { userId: adminId, tokensValidFrom, reason: 'password_changed' }, meta)
    return updated
  })
}
