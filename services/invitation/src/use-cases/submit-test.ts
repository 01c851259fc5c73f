import type { InvitationContext, RequestMeta } from '../context.js'
import type { InvitationTx } from '../db/database.js'
import { findPinnedVersion, lockInviteByToken, type InviteRow } from '../db/invites.js'
import { insertSubmission, listSavedAnswers, markCompleted, type SubmissionRow } from '../db/sessions.js'
import type { TestVersionRow } from '../db/test-versions.js'
import { InactiveTestSession, InviteRevoked, TestAlreadySubmitted, TestNotFound, TimeIsUp } from '../errors.js'
import { isInviteToken } from '../tokens.js'
import { publishStatus } from './publish-status.js'
import { publishSubmitted } from './publish-submission.js'
import { lastAnswerPerQuestion, type AnswerInput } from './save-answers.js'
import { isPastGrace } from './session-clock.js'

/** Essay and coding answers wait for a reviewer (API.md rule 3). */
export function needsManualReview (version: TestVersionRow): boolean {
  return version.questions.some((question) => question.type !== 'multiple_choice')
}

/**
 * Completes a locked in_progress invite: the final answers are the saved ones with `submitted` merged
 * over them, one per question of the pinned version in its order (`""` when unanswered; ids not in the
 * version are dropped, as in the original). The submission row, the status event and
 * `invitation.test.submitted.v1` are written in the caller's transaction.
 */
export async function completeSession (ctx: InvitationContext, tx: InvitationTx, invite: InviteRow, version: TestVersionRow, submitted: AnswerInput[], options: { now: Date, autoSubmitted: boolean, meta: RequestMeta }): Promise<SubmissionRow> {
  if (invite.startedAt === null) throw new Error(`in_progress invite ${invite.id} has no started_at`)
  const saved = await listSavedAnswers(tx, invite.id)
  const answers = lastAnswerPerQuestion([...saved.map((row) => ({ question_id: row.questionId, answer: row.answer })), ...submitted])
  const submission = await insertSubmission(tx, {
    inviteId: invite.id,
    testId: invite.testId,
    testVersion: invite.testVersion,
    applicantEmail: invite.applicantEmail,
    applicantName: invite.applicantName,
    invitedBy: invite.invitedBy,
    answers: version.questions.map((question) => ({ questionId: question.id, answer: answers.get(question.id) ?? '' })),
    needsManualReview: needsManualReview(version),
    startedAt: invite.startedAt,
    submittedAt: options.now,
    autoSubmitted: options.autoSubmitted,
    lastPublishedAt: options.now
  })
  await markCompleted(tx, invite.id)
  await publishStatus(ctx, tx, { ...invite, status: 'completed' }, invite.status, options.now, options.meta)
  await publishSubmitted(ctx, tx, submission, invite.inviteToken, options.meta)
  return submission
}

/**
 * POST /submit-test (D11, D12): only an in_progress session, at the latest at its deadline plus grace.
 * The row lock makes concurrent submits of one invite take turns: the first completes it, the others
 * find it completed (409).
 */
export async function submitTest (ctx: InvitationContext, token: string, answers: AnswerInput[], meta: RequestMeta): Promise<SubmissionRow> {
  if (!isInviteToken(token)) throw InactiveTestSession()
  return ctx.db.transaction(async (tx) => {
    const invite = await lockInviteByToken(tx, token)
    if (invite === undefined) throw InactiveTestSession()
    if (invite.status === 'completed') throw TestAlreadySubmitted()
    // Like start (D10), a 409 that says why: an applicant whose session was revoked should not be told it is unknown.
    if (invite.status === 'revoked') throw InviteRevoked()
    if (invite.status !== 'in_progress') throw InactiveTestSession()
    const version = await findPinnedVersion(tx, invite)
    if (version === undefined) throw TestNotFound()
    const now = new Date()
    // Too late: the saved answers are submitted by the auto-submit job instead.
    if (isPastGrace(ctx, invite, version, now)) throw TimeIsUp()
    return completeSession(ctx, tx, invite, version, answers, { now, autoSubmitted: false, meta })
  })
}
