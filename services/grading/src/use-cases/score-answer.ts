import { isUuid, ValidationFailed } from '@repo/kit'
import type { GradingContext, RequestMeta } from '../context.js'
import { findAnswerOf, listAnswers, lockSubmission, updateAnswerReview, updateSubmissionTotals, type SubmissionRow } from '../db/results.js'
import type { ManualScoreStatus } from '../db/schema.js'
import { AnswerNotFound, AnswerNotReviewable, SubmissionNotFound } from '../errors.js'
import { computeTotals, isValidManualScore } from '../scoring/scoring.js'
import { publishGraded } from './publish-graded.js'

export type ScoreInput = {
  scoreStatus: ManualScoreStatus
  /** Points given, 0 up to the question's points. Not stored for `pending`: a pending answer has none. */
  manualScore: number
  /** Omitted: the answer keeps its comments; null clears them. */
  comments?: string | null
}

/**
 * POST /admin/scoring/{id}/answer/{answer_id}: a reviewer scores one essay or coding answer (API.md rule
 * 4 with D13). The submission's totals and status are computed again from all its answers, and its grade
 * is published again, in the same transaction. The submission row is locked first, so two reviews of one
 * submission run one after another and neither computes totals from a state the other has changed.
 * - `fully_reviewed` records this reviewer and the time in `reviewed_by` / `review_completed_at`; a review
 *   that sets an answer back to `pending` reopens the submission and clears them.
 * - Multiple choice answers are scored by their key, not by a reviewer (409).
 */
export async function scoreAnswer (ctx: GradingContext, reviewerId: string, submissionId: string, answerId: string, input: ScoreInput, meta: RequestMeta): Promise<SubmissionRow> {
  if (!isUuid(submissionId)) throw SubmissionNotFound()
  if (!isUuid(answerId)) throw AnswerNotFound()
  return ctx.db.transaction(async (tx) => {
    const submission = await lockSubmission(tx, submissionId)
    if (submission === undefined) throw SubmissionNotFound()
    const answer = await findAnswerOf(tx, submission.id, answerId)
    if (answer === undefined) throw AnswerNotFound()
    if (answer.questionType === 'multiple_choice') throw AnswerNotReviewable()
    if (!isValidManualScore(answer.points, input.manualScore)) {
      throw new ValidationFailed([{ loc: ['body', 'manual_score'], msg: `Must be between 0 and ${answer.points}, the question's points`, type: 'less_than_equal' }])
    }
    const now = new Date()
    await updateAnswerReview(tx, answer.id, {
      manualScore: input.scoreStatus === 'pending' ? null : input.manualScore,
      manualScoreStatus: input.scoreStatus,
      reviewerId,
      reviewComments: input.comments === undefined ? answer.reviewComments : input.comments,
      reviewedAt: now
    })
    const totals = computeTotals(await listAnswers(tx, submission.id))
    const complete = totals.scoringStatus === 'fully_reviewed'
    const updated = await updateSubmissionTotals(tx, submission.id, {
      ...totals,
      reviewedBy: complete ? reviewerId : null,
      reviewCompletedAt: complete ? now : null
    })
    await publishGraded(ctx, tx, updated, { traceId: meta.traceId }, now)
    ctx.log.info({ submissionId: submission.id, answerId: answer.id, scoreStatus: input.scoreStatus, scoringStatus: updated.scoringStatus }, 'scored an answer')
    return updated
  })
}
