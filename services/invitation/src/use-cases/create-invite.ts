import { isUuid } from '@repo/kit'
import type { InvitationContext, RequestMeta } from '../context.js'
import { insertInvite, type InviteRow } from '../db/invites.js'
import { findNewestVersion } from '../db/test-versions.js'
import { TestNotFound } from '../errors.js'
import { newInviteToken } from '../tokens.js'
import { logUndeliveredInvite, pendingEmailOutcome } from './deliver-invite-email.js'
import { publishStatus } from './publish-status.js'

export type InviteInput = {
  testId: string
  applicantEmail: string
  applicantName: string
  scheduledDate: Date | null
  adminScheduled: boolean
  noSchedule: boolean
}

/**
 * Creates an invite pinned to the newest version of the test known here (D9), with a 256-bit token
 * (D8), and its status event in the same transaction. A test with no version copy is "not found": its
 * published event has not arrived, or it was deleted. (Reading the version from assessment when the
 * event is late comes in the next part of issue 5.)
 */
/** An unstarted invite expires `inviteExpiryDays` after it is made, or after its slot when that is later. */
export function expiryOf (ctx: Pick<InvitationContext, 'inviteExpiryDays'>, createdAt: Date, scheduledDate: Date | null): Date {
  const expiry = createdAt.getTime() + ctx.inviteExpiryDays * 86_400_000
  return new Date(Math.max(expiry, scheduledDate?.getTime() ?? 0))
}

export async function createInvite (ctx: InvitationContext, adminId: string, input: InviteInput, meta: RequestMeta): Promise<InviteRow> {
  if (!isUuid(input.testId)) throw TestNotFound()
  const invite = await ctx.db.transaction(async (tx) => {
    const version = await findNewestVersion(tx, input.testId)
    if (version === undefined) throw TestNotFound()
    const row = await insertInvite(tx, {
      testId: version.testId,
      testVersion: version.version,
      applicantEmail: input.applicantEmail,
      applicantName: input.applicantName,
      invitedBy: adminId,
      inviteToken: newInviteToken(),
      scheduledDate: input.scheduledDate,
      adminScheduled: input.adminScheduled,
      noSchedule: input.noSchedule,
      // As the original: scheduled only when the admin set the slot; a date alone still opens the window.
      status: input.adminScheduled && input.scheduledDate !== null ? 'scheduled' : 'sent',
      expiresAt: expiryOf(ctx, new Date(), input.scheduledDate),
      ...pendingEmailOutcome()
    })
    await publishStatus(ctx, tx, row, null, row.createdAt, meta)
    return row
  })
  logUndeliveredInvite(ctx, invite)
  return invite
}
