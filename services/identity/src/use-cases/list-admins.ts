import type { IdentityContext } from '../context.js'
import { listUsersByRole, type UserRow } from '../db/users.js'
import { requireSuperadmin, superadminOnly } from './superadmin.js'

/** Every admin, oldest first; the first one is the superadmin. */
export async function listAdmins (ctx: IdentityContext, callerId: string, page: { limit: number, offset: number }): Promise<{ admins: UserRow[], superadminId: string }> {
  const superadmin = await requireSuperadmin(ctx.db, callerId, superadminOnly.list)
  return { admins: await listUsersByRole(ctx.db, 'admin', page, 'oldest'), superadminId: superadmin.id }
}
