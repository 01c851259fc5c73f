import { catalog, subscribe, type Subscription } from '@repo/events'
import { deleteEmailSettingsOf } from '../db/email-settings.js'
import { markGraded } from '../db/grading-confirmations.js'
import { deleteInvitesOf } from '../db/invites.js'
import { deleteSettingsTestMailsTo } from '../db/mail-outbox.js'
import { archiveTest, eraseTest } from '../db/test-versions.js'
import { recordTestVersion } from '../use-cases/record-test-version.js'

/**
 * Everything invitation consumes. Each effect is written in the consumer's inbox transaction, so a
 * redelivered event is skipped and a half-applied one is impossible.
 */
export const subscriptions: Subscription[] = [
  // The applicant-facing copy of every test version, which invites pin.
  subscribe(catalog.assessment.TestPublishedV1, async (event, { tx, log }) => {
    const stored = await recordTestVersion(tx, event.data)
    log.debug({ testId: event.data.testId, version: event.data.version, stored }, 'test version copy')
  }),
  // A force-deleted test takes its invites and copies with it.
  subscribe(catalog.assessment.TestDeletedV1, async (event, { tx, log }) => {
    const invites = await eraseTest(tx, event.data.testId, new Date(event.data.deletedAt))
    log.info({ testId: event.data.testId, invites }, 'erased a deleted test')
  }),
  // A soft-deleted test gets no new invites; those already made stay usable, so its copies stay.
  subscribe(catalog.assessment.TestArchivedV1, async (event, { tx, log }) => {
    const recorded = await archiveTest(tx, event.data.testId, new Date(event.data.archivedAt))
    log.info({ testId: event.data.testId, recorded }, 'recorded an archived test')
  }),
  // A deleted user's invites are personal data (D17); they are kept by e-mail, compared lower-case.
  subscribe(catalog.identity.UserDeletedV1, async (event, { tx, log }) => {
    const invites = await deleteInvitesOf(tx, event.data.email)
    // Invite mails go with their invites (foreign key); settings-test mails are kept by address only.
    const testMails = await deleteSettingsTestMailsTo(tx, event.data.email)
    // An admin's SMTP settings (an applicant has none, so this is a no-op for them).
    const settings = await deleteEmailSettingsOf(tx, event.data.userId)
    log.info({ userId: event.data.userId, invites, testMails, settings }, 'erased a deleted user\'s invites and mail data')
  }),
  // Grading's confirmation that a submission arrived: it is no longer published again.
  subscribe(catalog.grading.SubmissionGradedV1, async (event, { tx, log }) => {
    const known = await markGraded(tx, event.data.submissionId, new Date(event.data.gradedAt))
    log.debug({ submissionId: event.data.submissionId, known }, 'grading confirmed a submission')
  })
]
