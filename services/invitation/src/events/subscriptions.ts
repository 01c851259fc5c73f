import { catalog, subscribe, type Subscription } from '@repo/events'
import { deleteInvitesOf } from '../db/invites.js'
import { eraseTest } from '../db/test-versions.js'
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
  // A deleted user's invites are personal data (D17); they are kept by e-mail, compared lower-case.
  subscribe(catalog.identity.UserDeletedV1, async (event, { tx, log }) => {
    const invites = await deleteInvitesOf(tx, event.data.email)
    log.info({ userId: event.data.userId, invites }, 'erased a deleted user\'s invites')
  })
]
