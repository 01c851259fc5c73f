import { catalog } from '@repo/events'
import type { IdentityContext, RequestMeta } from '../context.js'
import type { IdentityTx } from '../db/database.js'
import { deleteUser, type Role, type UserRow } from '../db/users.js'

/**
 * Deletes a user and, in the same transaction, publishes `identity.user.deleted.v1` so every other
 * service erases that person's data (D17) and refuses the user's tokens. The theme row goes with the
 * user (ON DELETE CASCADE). Undefined when no user with this id has this role.
 */
export async function deleteUserAndAnnounce (ctx: IdentityContext, tx: IdentityTx, id: string, role: Role, meta: RequestMeta): Promise<UserRow | undefined> {
  const user = await deleteUser(tx, id, role)
  if (user === undefined) return undefined
  await ctx.publish(tx, catalog.identity.UserDeletedV1, {
    userId: user.id,
    email: user.email.toLowerCase(),
    role: user.role,
    deletedAt: new Date().toISOString()
  }, meta)
  return user
}
