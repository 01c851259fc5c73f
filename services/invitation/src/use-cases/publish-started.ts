import { catalog } from '@repo/events'
import type { InvitationContext, RequestMeta } from '../context.js'
import type { InvitationTx } from '../db/database.js'
import type { InviteRow } from '../db/invites.js'
import type { TestVersionRow } from '../db/test-versions.js'
import { deadlineOf } from './session-clock.js'

/**
 * Records `invitation.test.started.v1` in the start's transaction; signaling turns it into the
 * `test_started` notification every admin gets (API.md rule 7).
 */
export async function publishStarted (ctx: Pick<InvitationContext, 'publish'>, tx: InvitationTx, invite: InviteRow, version: TestVersionRow, meta: RequestMeta): Promise<void> {
  const deadline = deadlineOf(invite, version)
  if (invite.startedAt === null || deadline === null) throw new Error(`started invite ${invite.id} has no started_at`)
  await ctx.publish(tx, catalog.invitation.TestStartedV1, {
    inviteId: invite.id,
    inviteToken: invite.inviteToken,
    testId: invite.testId,
    testVersion: invite.testVersion,
    testTitle: version.title,
    applicantEmail: invite.applicantEmail,
    applicantName: invite.applicantName,
    invitedBy: invite.invitedBy,
    startedAt: invite.startedAt.toISOString(),
    deadline: deadline.toISOString()
  }, meta)
}
