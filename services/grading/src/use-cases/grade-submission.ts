import type { EventData, Executor, PublishContext, catalog } from '@repo/events'
import type { GradingContext } from '../context.js'
import { addPending, claimPending, deletePending, notifyPending } from '../db/pending-submissions.js'
import type { KeyedQuestion } from '../db/schema.js'
import { currentGradeTime, findSubmission, findSubmissionById, insertSubmission, submissionFacts, type SubmissionFacts } from '../db/submissions.js'
import type { TestVersionRow } from '../db/test-versions.js'
import { computeTotals, scoreAnswers } from '../scoring/scoring.js'
import { publishGraded } from './publish-graded.js'

export type TestSubmitted = EventData<typeof catalog.invitation.TestSubmittedV1>

/**
 * What became of a submitted test:
 * - `graded`: stored with its answers and `grading.submission.graded.v1` published;
 * - `republished`: it was here already (a redelivery or invitation's republish): nothing is stored,
 *   the graded event goes out again with the current totals, as invitation waits for it;
 * - `pending`: its version is not known here yet: kept whole in pending_submissions;
 * - `test_deleted`, `applicant_erased`: its data is being erased, so it is dropped.
 */
export type GradeOutcome = 'graded' | 'republished' | 'pending' | 'test_deleted' | 'applicant_erased'

/** What grading a submission needs: the outbox. */
export type GradingPipeline = Pick<GradingContext, 'publish'>

/**
 * Grades one submitted test inside the caller's transaction (the consumer's inbox transaction, or the
 * pending pass's), against exactly the version its invite was pinned to, never another. Idempotent on
 * the submission id and on the invite. It never calls another service: a submission whose version is
 * unknown waits in pending_submissions, and the pending pass (outside any transaction) asks assessment.
 */
export async function gradeSubmission (ctx: GradingPipeline, tx: Executor, data: TestSubmitted, meta: PublishContext = {}): Promise<GradeOutcome> {
  const facts = await submissionFacts(tx, data)
  const settled = await settledAlready(ctx, tx, facts, meta)
  if (settled !== undefined) return settled
  if (facts.questions === null) {
    await addPending(tx, { submissionId: data.submissionId, testId: data.testId, testVersion: data.testVersion, payload: data })
    // Wakes the pending pass after the commit: it asks assessment for the version at once.
    await notifyPending(tx)
    return 'pending'
  }
  return await gradeAgainst(ctx, tx, data, facts.questions, facts.monitored, meta)
}

/** The outcome of a submission that is not to be graded (again), or undefined for one that is. */
async function settledAlready (ctx: GradingPipeline, tx: Executor, facts: SubmissionFacts, meta: PublishContext): Promise<GradeOutcome | undefined> {
  if (facts.existingId !== null) {
    const existing = await findSubmissionById(tx, facts.existingId)
    if (existing !== undefined) await publishGraded(ctx, tx, existing, meta, await currentGradeTime(tx, existing))
    return 'republished'
  }
  if (facts.testDeleted) return 'test_deleted'
  if (facts.applicantErased) return 'applicant_erased'
  return undefined
}

async function gradeAgainst (ctx: GradingPipeline, tx: Executor, data: TestSubmitted, questions: KeyedQuestion[], monitored: boolean, meta: PublishContext): Promise<GradeOutcome> {
  const rows = scoreAnswers(questions, data.answers)
  const totals = computeTotals(rows)
  const stored = await insertSubmission(tx, {
    id: data.submissionId,
    inviteId: data.inviteId,
    inviteToken: data.inviteToken,
    testId: data.testId,
    testVersion: data.testVersion,
    applicantEmail: data.applicantEmail,
    applicantName: data.applicantName,
    invitedBy: data.invitedBy,
    startedAt: new Date(data.startedAt),
    submittedAt: new Date(data.submittedAt),
    autoSubmitted: data.autoSubmitted,
    isMonitored: monitored,
    autoScore: totals.autoScore,
    manualScore: totals.manualScore,
    finalScore: totals.finalScore,
    scoringStatus: totals.scoringStatus,
    gradedAt: new Date()
  }, rows)
  if (stored !== undefined) {
    await publishGraded(ctx, tx, stored, meta)
    return 'graded'
  }
  // A copy committed by another transaction since the lookup above: confirm that one.
  const winner = await findSubmission(tx, data.submissionId, data.inviteId)
  if (winner !== undefined) await publishGraded(ctx, tx, winner, meta, await currentGradeTime(tx, winner))
  return 'republished'
}

/** How many pending submissions one transaction grades at most; the pending pass takes the rest. */
export const PENDING_BATCH = 200

/**
 * Grades pending submissions of a version known here now (the version row is passed in, so none of
 * them can go back to pending), inside the caller's transaction, and removes them from
 * pending_submissions. Answers how many got each outcome and whether more may be waiting (the caller
 * goes again, or leaves them to the pending pass).
 */
export async function gradePending (ctx: GradingPipeline, tx: Executor, version: TestVersionRow, limit = PENDING_BATCH): Promise<{ outcomes: Partial<Record<GradeOutcome, number>>, more: boolean }> {
  const claimed = await claimPending(tx, version.testId, version.version, limit)
  const outcomes: Partial<Record<GradeOutcome, number>> = {}
  for (const row of claimed) {
    // Stored as it arrived, after the consumer had checked it against the event's schema.
    const data = row.payload as TestSubmitted
    const facts = await submissionFacts(tx, data)
    const outcome = await settledAlready(ctx, tx, facts, {}) ?? await gradeAgainst(ctx, tx, data, version.questions, facts.monitored, {})
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1
  }
  await deletePending(tx, claimed.map((row) => row.submissionId))
  return { outcomes, more: claimed.length === limit }
}
