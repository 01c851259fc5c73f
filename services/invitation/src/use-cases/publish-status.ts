import { catalog } from '@repo/events'
import type { InvitationContext, RequestMeta } from '../context.js'
import type { InvitationTx } from '../db/database.js'
import type { InviteRow } from '../db/invites.js'
import type { InviteStatus } from '../db/schema.js'

/**
 * Records `invitation.invite.status_changed.v1` in the outbox, inside the transaction that made the
 * change: assessment counts a test's open invites from these, so none may be lost or sent for a
 * change that rolled back.
 */
export async function publishStatus (ctx: InvitationContext, tx: InvitationTx, invite: InviteRow, previousStatus: InviteStatus | null, changedAt: Date, meta: RequestMeta): Promise<void> {
  await ctx.publish(tx, catalog.invitation.InviteStatusChangedV1, {
    inviteId: invite.id,
    testId: invite.testId,
    testVersion: invite.testVersion,
    status: invite.status,
    previousStatus,
    changedAt: changedAt.toISOString()
  }, meta)
}
