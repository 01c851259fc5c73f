import { catalog, type Executor, type PublishContext } from '@repo/events'
import type { GradingContext } from '../context.js'
import type { submissions } from '../db/schema.js'

/** What a `grading.submission.graded.v1` is built from: a submission row as stored. */
export type GradedSubmission = Pick<typeof submissions.$inferSelect,
  'id' | 'inviteId' | 'testId' | 'scoringStatus' | 'autoScore' | 'manualScore' | 'finalScore' | 'gradedAt'>

/**
 * Records `grading.submission.graded.v1` with the submission's current totals in the outbox, inside the
 * caller's transaction (the one that stored those totals): after the first grading, after every manual
 * review, and again whenever invitation republishes a submission already graded here (its confirmation
 * may have been lost). `gradedAt` is when these totals were set: the row's `graded_at` for the first
 * grade (the default), the review's time after a review.
 */
export async function publishGraded (ctx: Pick<GradingContext, 'publish'>, tx: Executor, submission: GradedSubmission, meta: PublishContext = {}, gradedAt: Date = submission.gradedAt): Promise<void> {
  await ctx.publish(tx, catalog.grading.SubmissionGradedV1, {
    submissionId: submission.id,
    inviteId: submission.inviteId,
    testId: submission.testId,
    scoringStatus: submission.scoringStatus,
    autoScore: submission.autoScore,
    manualScore: submission.manualScore,
    finalScore: submission.finalScore,
    gradedAt: gradedAt.toISOString()
  }, meta)
}
