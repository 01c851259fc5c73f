import type { IdentityContext, RequestMeta } from '../context.js'
import type { UserRow } from '../db/users.js'
import { ApplicantNotFound } from '../errors.js'
import { isUuid } from '@repo/kit'
import { deleteUserAndAnnounce } from './delete-user.js'

/** Deletes an applicant; the other services erase the applicant's data when the event reaches them. */
export async function deleteApplicant (ctx: IdentityContext, id: string, meta: RequestMeta): Promise<UserRow> {
  if (!isUuid(id)) throw ApplicantNotFound()
  return ctx.db.transaction(async (tx) => {
    const user = await deleteUserAndAnnounce(ctx, tx, id, 'applicant', meta)
    if (user === undefined) throw ApplicantNotFound()
    return user
  })
}
