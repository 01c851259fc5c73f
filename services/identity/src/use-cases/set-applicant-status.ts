import { catalog } from '@repo/events'
import type { IdentityContext, RequestMeta } from '../context.js'
import { revocationSecond, updateActive } from '../db/users.js'
import { ApplicantNotFound } from '../errors.js'
import { isUuid } from '@repo/kit'

/**
 * Activates or deactivates an applicant. Deactivating revokes the applicant's tokens here (the row's
 * tokens_valid_from) and everywhere else (the event, in the same transaction; D6).
 */
export async function setApplicantStatus (ctx: IdentityContext, id: string, status: 'active' | 'inactive', meta: RequestMeta): Promise<void> {
  if (!isUuid(id)) throw ApplicantNotFound()
  await ctx.db.transaction(async (tx) => {
    if (status === 'active') {
      if (await updateActive(tx, id, 'applicant', true, undefined) === undefined) throw ApplicantNotFound()
      return
    }
    const tokensValidFrom = revocationSecond()
    const user = await updateActive(tx, id, 'applicant', false, tokensValidFrom)
    if (user === undefined) throw ApplicantNotFound()
    await ctx.publish(tx, catalog.identity.UserTokensRevokedV1, { userId: user.id, tokensValidFrom, reason: 'deactivated' }, meta)
  })
}
