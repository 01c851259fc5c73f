import type { InvitationContext, RequestMeta } from '../context.js'
import { lockInviteByToken, setSchedule } from '../db/invites.js'
import type { InviteStatus } from '../db/schema.js'
import { InviteNotSchedulable, InviteTokenNotFound, ScheduleNotInFuture } from '../errors.js'
import { isInviteToken } from '../tokens.js'
import { hasExpired, slotClosesAt } from './invite-expiry.js'
import { publishStatus } from './publish-status.js'

// Only an invite whose test has not begun can get a slot; the original reset even completed ones.
const SCHEDULABLE: InviteStatus[] = ['sent', 'scheduled']

const NOT_SCHEDULABLE_DETAIL: Partial<Record<InviteStatus, string>> = {
  in_progress: 'The test has already been started and can no longer be scheduled',
  completed: 'The test has already been completed and can no longer be scheduled',
  expired: 'This invite has expired and can no longer be scheduled',
  revoked: 'This invite has been revoked and can no longer be scheduled'
}

/**
 * The applicant picks a slot (public; the token is the credential). Only a future date, and only before
 * the test is started or the invite has expired. The status becomes `scheduled`; its event is published
 * when it changed. `expires_at` moves to the close of the slot's window when that is later, so a chosen
 * slot never expires before it comes; it never moves earlier.
 */
export async function scheduleInvite (ctx: InvitationContext, token: string, scheduledDate: Date, meta: RequestMeta): Promise<void> {
  if (!isInviteToken(token)) throw InviteTokenNotFound()
  await ctx.db.transaction(async (tx) => {
    const invite = await lockInviteByToken(tx, token)
    if (invite === undefined) throw InviteTokenNotFound()
    if (!SCHEDULABLE.includes(invite.status)) throw InviteNotSchedulable(NOT_SCHEDULABLE_DETAIL[invite.status])
    // The server decides what "future" means; the client's clock is not trusted.
    const now = new Date()
    if (hasExpired(invite, now)) throw InviteNotSchedulable(NOT_SCHEDULABLE_DETAIL.expired)
    if (scheduledDate.getTime() <= now.getTime()) throw ScheduleNotInFuture()
    const expiresAt = new Date(Math.max(invite.expiresAt.getTime(), slotClosesAt(ctx, scheduledDate).getTime()))
    await setSchedule(tx, invite.id, scheduledDate, 'scheduled', expiresAt)
    if (invite.status !== 'scheduled') {
      await publishStatus(ctx, tx, { ...invite, status: 'scheduled' }, invite.status, now, meta)
    }
  })
}
