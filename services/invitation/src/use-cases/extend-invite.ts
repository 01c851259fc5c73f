import { isUuid } from '@repo/kit'
import type { InvitationContext } from '../context.js'
import { lockInviteById, updateInvite, type InviteRow } from '../db/invites.js'
import type { InviteStatus } from '../db/schema.js'
import { ExtraTimeLimit, InviteNotExtendable, InviteNotFound } from '../errors.js'

/** The most extra time one invite can add up to: a week, far beyond any accommodation; more is a typo. */
export const MAX_EXTRA_MINUTES = 10_080

const EXTENDABLE: InviteStatus[] = ['sent', 'scheduled', 'in_progress']

const NOT_EXTENDABLE_DETAIL: Partial<Record<InviteStatus, string>> = {
  completed: 'The test has already been completed; extra time can no longer be given',
  expired: 'This invite has expired; extra time can no longer be given',
  revoked: 'This invite has been revoked; extra time can no longer be given'
}

/**
 * POST /invites/{id}/extend (admin): adds minutes to the invite's extra time, which the deadline, the
 * submit check and the auto-submit job all read (D11). Cumulative, up to MAX_EXTRA_MINUTES. A session
 * whose deadline has passed but which the job has not submitted yet gets its time back: the row lock
 * decides which of the two comes first, and an auto-submitted one is `completed` (409).
 */
export async function extendInvite (ctx: InvitationContext, inviteId: string, minutes: number): Promise<InviteRow> {
  if (!isUuid(inviteId)) throw InviteNotFound()
  return ctx.db.transaction(async (tx) => {
    const invite = await lockInviteById(tx, inviteId)
    if (invite === undefined) throw InviteNotFound()
    if (!EXTENDABLE.includes(invite.status)) throw InviteNotExtendable(NOT_EXTENDABLE_DETAIL[invite.status])
    const total = invite.extraMinutes + minutes
    if (total > MAX_EXTRA_MINUTES) {
      throw ExtraTimeLimit(`Extra time can add up to at most ${MAX_EXTRA_MINUTES} minutes per invite; this invite already has ${invite.extraMinutes}`)
    }
    const extended = await updateInvite(tx, invite.id, { extraMinutes: total })
    ctx.log.info({ inviteId: invite.id, added: minutes, extraMinutes: total }, 'gave an invite extra time')
    return extended
  })
}
