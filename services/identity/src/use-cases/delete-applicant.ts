import type { AdminRequestMeta, IdentityContext } from '../context.js'
import { findUserById, type UserRow } from '../db/users.js'
import { ApplicantNotFound } from '../errors.js'
import { isUuid } from '@repo/kit'
import { deleteUserAndAnnounce } from './delete-user.js'

export type DeletedApplicant = {
  user: UserRow
  /** The applicant's invites at the time of the delete, which the event erases; null when invitation could not say. */
  deletedInvitesCount: number | null
}

/**
 * Deletes an applicant; the other services erase the applicant's data when the event reaches them (D17).
 * Invitation is asked for the invite count first, so the number covers what the event will erase, and
 * outside the transaction, so a slow invitation holds no database connection. Its failure only leaves
 * the count null: the erasure itself never depends on invitation being up.
 */
export async function deleteApplicant (ctx: IdentityContext, id: string, meta: AdminRequestMeta): Promise<DeletedApplicant> {
  if (!isUuid(id)) throw ApplicantNotFound()
  const found = await findUserById(ctx.db, id)
  if (found?.role !== 'applicant') throw ApplicantNotFound()
  const deletedInvitesCount = await ctx.invitation.inviteCount(found.email, meta.authorization)
  const user = await ctx.db.transaction(async (tx) => {
    const deleted = await deleteUserAndAnnounce(ctx, tx, id, 'applicant', { traceId: meta.traceId })
    if (deleted === undefined) throw ApplicantNotFound()
    return deleted
  })
  return { user, deletedInvitesCount }
}
