import { Type } from 'typebox'
import { defineEvent } from '../define-event.js'

/**
 * A proctor connected to an invite's session: the admin's answer reached the applicant over the mailbox
 * or a room (API.md rule 9). Grading marks the invite's submission `is_monitored`.
 */
export const SessionConnectedV1 = defineEvent({
  producer: 'signaling',
  type: 'session.connected',
  version: 1,
  schema: Type.Object({
    inviteId: Type.String({ format: 'uuid' }),
    connectedAt: Type.String({ format: 'date-time' })
  })
})
