import type { InvitationContext } from '../context.js'
import { listInvitesOf, type InviteWithTest } from '../db/invites.js'

/** The caller's own invites (GET /my-invites), matched by the token's e-mail case-insensitively. */
export async function listMyInvites (ctx: InvitationContext, email: string, page: { limit: number, offset: number }): Promise<InviteWithTest[]> {
  return listInvitesOf(ctx.db, email, page)
}
