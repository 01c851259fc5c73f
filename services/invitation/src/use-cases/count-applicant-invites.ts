import type { InvitationContext } from '../context.js'
import { countInvitesOf } from '../db/invites.js'

/**
 * How many invites (of any status) an applicant's e-mail has: identity asks just before it deletes the
 * applicant, so its answer can count what the `identity.user.deleted.v1` erasure will take (D17).
 */
export async function countApplicantInvites (ctx: InvitationContext, email: string): Promise<number> {
  return countInvitesOf(ctx.db, email)
}
