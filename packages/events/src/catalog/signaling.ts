import { Type } from 'typebox'
import { defineEvent } from '../define-event.js'

/**
 * A proctor watched an invite's session: its WebRTC session reached offer_sent or connected, or an
 * answer signal arrived (API.md rule 9). Grading marks the invite's submission `is_monitored`.
 */
export const SessionMonitoredV1 = defineEvent({
  producer: 'signaling',
  type: 'session.monitored',
  version: 1,
  schema: Type.Object({
    inviteId: Type.String({ format: 'uuid' }),
    monitoredAt: Type.String({ format: 'date-time' })
  })
})
