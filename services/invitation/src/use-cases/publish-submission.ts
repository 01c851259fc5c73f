import { catalog } from '@repo/events'
import type { InvitationContext, RequestMeta } from '../context.js'
import type { InvitationTx } from '../db/database.js'
import type { SubmissionRow } from '../db/sessions.js'

/**
 * Records `invitation.test.submitted.v1` in the outbox, built from the submission row alone, inside the
 * transaction that stored it (D12): the answers and the event are committed together or not at all.
 * A republish (no confirmation from grading yet) sends the same payload under a new event id, so
 * JetStream's duplicate window does not drop it; grading is idempotent on `submissionId`.
 */
export async function publishSubmitted (ctx: Pick<InvitationContext, 'publish'>, tx: InvitationTx, submission: SubmissionRow, inviteToken: string, meta: RequestMeta): Promise<void> {
  await ctx.publish(tx, catalog.invitation.TestSubmittedV1, {
    submissionId: submission.id,
    inviteId: submission.inviteId,
    inviteToken,
    testId: submission.testId,
    testVersion: submission.testVersion,
    applicantEmail: submission.applicantEmail,
    applicantName: submission.applicantName,
    invitedBy: submission.invitedBy,
    answers: submission.answers,
    startedAt: submission.startedAt.toISOString(),
    submittedAt: submission.submittedAt.toISOString(),
    autoSubmitted: submission.autoSubmitted
  }, meta)
}
