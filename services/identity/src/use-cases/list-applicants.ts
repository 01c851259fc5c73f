import type { IdentityContext } from '../context.js'
import { listUsersByRole, type UserRow } from '../db/users.js'

/** Applicants, newest first, one page at a time (D18). */
export async function listApplicants (ctx: IdentityContext, page: { limit: number, offset: number }): Promise<UserRow[]> {
  return listUsersByRole(ctx.db, 'applicant', page, 'newest')
}
