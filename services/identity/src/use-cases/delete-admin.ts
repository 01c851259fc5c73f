import type { IdentityContext, RequestMeta } from '../context.js'
import { lockFor } from '../db/database.js'
import type { UserRow } from '../db/users.js'
import { AdminNotFound, CannotDeleteSuperadmin } from '../errors.js'
import { isUuid } from '@repo/kit'
import { deleteUserAndAnnounce } from './delete-user.js'
import { requireSuperadmin, superadminOnly } from './superadmin.js'

/** The superadmin deletes another admin (with the admin's theme); the superadmin cannot be deleted. */
export async function deleteAdmin (ctx: IdentityContext, callerId: string, adminId: string, meta: RequestMeta): Promise<UserRow> {
  return ctx.db.transaction(async (tx) => {
    // Same lock as admin creation: who is superadmin must not change while this runs.
    await lockFor(tx, 'admin-signup')
    const superadmin = await requireSuperadmin(tx, callerId, superadminOnly.delete)
    if (!isUuid(adminId)) throw AdminNotFound()
    if (adminId === superadmin.id) throw CannotDeleteSuperadmin()
    const deleted = await deleteUserAndAnnounce(ctx, tx, adminId, 'admin', meta)
    if (deleted === undefined) throw AdminNotFound()
    return deleted
  })
}
