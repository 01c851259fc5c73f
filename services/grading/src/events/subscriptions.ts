import { catalog, subscribe, type Subscription } from '@repo/events'
import { recordErasedApplicant } from '../db/erased-applicants.js'
import { notifyPending } from '../db/pending-submissions.js'
import { eraseApplicantSubmissions, eraseTestSubmissions, recordMonitored } from '../db/submissions.js'
import { eraseTestVersions, findTestVersion } from '../db/test-versions.js'
import { gradePending, gradeSubmission, type GradingPipeline } from '../use-cases/grade-submission.js'
import { recordTestVersion } from '../use-cases/record-test-version.js'

/**
 * Everything grading consumes. Each effect is written in the consumer's inbox transaction (one per
 * batch of deliveries), so a redelivered event is skipped and a half-applied one is impossible. No
 * handler calls another service: that transaction must stay short (see resolvePending).
 * `assessment.test.archived.v1` is not consumed: an archived test's submissions are still graded.
 */
export function gradingSubscriptions (ctx: GradingPipeline): Subscription[] {
  return [
    // The answer keys of every version, which submissions are scored against; then whatever waited for it.
    subscribe(catalog.assessment.TestPublishedV1, async (event, { tx, log, traceId }) => {
      const { testId, version } = event.data
      const stored = await recordTestVersion(tx, event.data)
      if (stored === 'deleted') {
        log.info({ testId, version }, 'ignored a version of a deleted test')
        return
      }
      const row = await findTestVersion(tx, testId, version)
      const pending = row === undefined ? undefined : await gradePending(ctx, tx, row)
      // Wakes the pending pass after the commit, for submissions this transaction could not see or did not take.
      await notifyPending(tx)
      log.debug({ testId, version, stored, pending: pending?.outcomes, traceId }, 'test version with answer keys')
    }),
    // A submitted test: graded against its pinned version, or kept until that version is known.
    // Submissions are independent and grading is idempotent on the submission id, so several batches
    // run at once: a burst does not queue behind one transaction's round trips to Postgres.
    subscribe(catalog.invitation.TestSubmittedV1, async (event, { tx, log, traceId }) => {
      const { submissionId, inviteId, testId, testVersion } = event.data
      const outcome = await gradeSubmission(ctx, tx, event.data, traceId === undefined ? {} : { traceId })
      const fields = { submissionId, inviteId, testId, testVersion, outcome }
      if (outcome === 'pending') log.info(fields, 'submission waits for its test version')
      else if (outcome === 'test_deleted' || outcome === 'applicant_erased') log.info(fields, 'dropped a submission whose data is being erased')
      else log.debug(fields, 'submission graded')
    }, { concurrency: 4 }),
    // A force-deleted test takes its versions, submissions (answers cascade) and pending ones with it.
    subscribe(catalog.assessment.TestDeletedV1, async (event, { tx, log }) => {
      const { testId } = event.data
      const erased = await eraseTestSubmissions(tx, testId)
      const versions = await eraseTestVersions(tx, testId, new Date(event.data.deletedAt))
      log.info({ testId, versions, ...erased }, 'erased a deleted test')
    }),
    // A deleted user's submissions are personal data (D17); they are kept by e-mail, compared lower-case.
    subscribe(catalog.identity.UserDeletedV1, async (event, { tx, log }) => {
      const erased = await eraseApplicantSubmissions(tx, event.data.email)
      // A submitted event still on its way must not bring them back.
      await recordErasedApplicant(tx, event.data.email, new Date(event.data.deletedAt))
      log.info({ userId: event.data.userId, ...erased }, 'erased a deleted user\'s submissions')
    }),
    // A proctor watched the invite's session (API.md rule 9).
    subscribe(catalog.signaling.SessionConnectedV1, async (event, { tx, log }) => {
      const marked = await recordMonitored(tx, event.data.inviteId, new Date(event.data.connectedAt))
      log.debug({ inviteId: event.data.inviteId, marked }, 'invite monitored')
    })
  ]
}
