import { catalog, subscribe, type Subscription } from '@repo/events'
import { recordInviteStatus } from '../use-cases/record-invite-status.js'

/** Everything assessment consumes: invitation's invite statuses, for the soft-delete rule. */
export const subscriptions: Subscription[] = [
  subscribe(catalog.invitation.InviteStatusChangedV1, async (event, { tx }) => {
    await recordInviteStatus(tx, event.data)
  })
]
