import { catalog, subscribe, type Subscription } from '@repo/events'
import { eraseApplicant, eraseTest, findInviteTitle, isErased, recordInviteStarted, recordInviteStatus } from '../db/invite-facts.js'
import { eraseAdmin, notifyEveryAdmin, upsertAdmin } from '../db/notifications.js'
import { hashInviteToken } from '../use-cases/authorize-side.js'

/**
 * Everything signaling consumes. Each effect is written in the consumer's inbox transaction, so a
 * redelivered event is skipped. The admin notifications made here are pushed to the admins' sockets by
 * the NOTIFY their insert issues, delivered at commit (see NotificationHub).
 *
 * Each subject has its own durable consumer, so events of different subjects may arrive in any order:
 * status changes carry their time and an older one never overwrites a newer one; a notification goes
 * to the admins known when its event is handled; an event about an erased applicant or a deleted test
 * that arrives after the erasure is dropped (D17).
 */
export const subscriptions: Subscription[] = [
  // The admin list: every admin gets every notification.
  subscribe(catalog.identity.UserCreatedV1, async (event, { tx, log }) => {
    if (event.data.role !== 'admin') return
    await upsertAdmin(tx, { userId: event.data.userId, email: event.data.email, createdAt: new Date(event.data.createdAt) })
    log.info({ adminId: event.data.userId }, 'admin added')
  }),
  // D17: an admin takes their notifications along; an applicant their invites, sessions, signals and
  // the notifications naming them.
  subscribe(catalog.identity.UserDeletedV1, async (event, { tx, log }) => {
    const { userId, email, role } = event.data
    if (role === 'admin') {
      const erased = await eraseAdmin(tx, userId)
      log.info({ userId, ...erased }, 'erased a deleted admin')
    } else {
      const erased = await eraseApplicant(tx, email, new Date(event.data.deletedAt))
      log.info({ userId, ...erased }, 'erased a deleted applicant\'s data')
    }
  }),
  subscribe(catalog.invitation.InviteStatusChangedV1, async (event, { tx, log }) => {
    const { inviteId, testId, status, changedAt } = event.data
    if (await isErased(tx, { testId, at: new Date(changedAt) })) {
      log.info({ inviteId, testId }, 'dropped a status change of a deleted test')
      return
    }
    const changed = await recordInviteStatus(tx, { inviteId, testId, status, changedAt: new Date(changedAt) })
    log.debug({ inviteId, status, changed }, changed ? 'invite status' : 'ignored an older invite status')
  }),
  // The applicant's identity for D15, and rule 7: every admin is told (the admin UI opens live
  // monitoring from `data.invite_id`).
  subscribe(catalog.invitation.TestStartedV1, async (event, { tx, log }) => {
    const { inviteId, testId, testTitle, applicantEmail, inviteToken, startedAt } = event.data
    if (await isErased(tx, { testId, applicantEmail, at: new Date(startedAt) })) {
      log.info({ inviteId, testId }, 'dropped a start whose data was erased')
      return
    }
    await recordInviteStarted(tx, { inviteId, testId, testTitle, applicantEmail, inviteTokenHash: hashInviteToken(inviteToken), startedAt: new Date(startedAt) })
    const message = `Test started by ${applicantEmail}`
    const notified = await notifyEveryAdmin(tx, {
      type: 'test_started',
      message,
      data: { type: 'test_started', message, applicant_email: applicantEmail, invite_id: inviteId, test_id: testId, test_title: testTitle, timestamp: startedAt },
      eventId: event.id,
      createdAt: new Date()
    })
    log.info({ inviteId, notified }, 'test started; admins notified')
  }),
  subscribe(catalog.invitation.TestSubmittedV1, async (event, { tx, log }) => {
    const { inviteId, testId, applicantEmail, submittedAt, autoSubmitted, submissionId } = event.data
    if (await isErased(tx, { testId, applicantEmail, at: new Date(submittedAt) })) {
      log.info({ inviteId, testId }, 'dropped a submission whose data was erased')
      return
    }
    const message = `Test submitted by ${applicantEmail}`
    const notified = await notifyEveryAdmin(tx, {
      type: 'test_submitted',
      message,
      data: {
        type: 'test_submitted',
        message,
        applicant_email: applicantEmail,
        invite_id: inviteId,
        test_id: testId,
        test_title: await findInviteTitle(tx, inviteId),
        submission_id: submissionId,
        auto_submitted: autoSubmitted,
        timestamp: submittedAt
      },
      eventId: event.id,
      createdAt: new Date()
    })
    log.info({ inviteId, notified }, 'test submitted; admins notified')
  }),
  // A force-deleted test: its invites with their sessions, signals and notifications.
  subscribe(catalog.assessment.TestDeletedV1, async (event, { tx, log }) => {
    const erased = await eraseTest(tx, event.data.testId, new Date(event.data.deletedAt))
    log.info({ testId: event.data.testId, ...erased }, 'erased a deleted test')
  })
]
