import { Type } from 'typebox'
import { defineEvent } from '../define-event.js'

export const InviteStatusSchema = Type.Union([
  Type.Literal('sent'), Type.Literal('scheduled'), Type.Literal('in_progress'),
  Type.Literal('completed'), Type.Literal('expired'), Type.Literal('revoked')
])

/**
 * An invite was created (`previousStatus` null) or changed status. Assessment counts a test's open
 * invites (sent, scheduled, in_progress) from these to refuse a soft delete while any is open.
 */
export const InviteStatusChangedV1 = defineEvent({
  producer: 'invitation',
  type: 'invite.status_changed',
  version: 1,
  schema: Type.Object({
    inviteId: Type.String({ format: 'uuid' }),
    testId: Type.String({ format: 'uuid' }),
    testVersion: Type.Integer({ minimum: 1 }),
    status: InviteStatusSchema,
    previousStatus: Type.Union([InviteStatusSchema, Type.Null()]),
    changedAt: Type.String({ format: 'date-time' })
  })
})
