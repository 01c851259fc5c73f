import type { EventData, catalog, Executor } from '@repo/events'
import { upsertInviteStatus } from '../db/invite-statuses.js'

type InviteStatusChanged = EventData<typeof catalog.invitation.InviteStatusChangedV1>

/** Keeps assessment's view of an invite's status up to date, inside the consumer's inbox transaction. */
export async function recordInviteStatus (tx: Executor, data: InviteStatusChanged): Promise<void> {
  await upsertInviteStatus(tx, { inviteId: data.inviteId, testId: data.testId, status: data.status, changedAt: new Date(data.changedAt) })
}
