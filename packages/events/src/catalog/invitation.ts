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

/** One final answer, in the pinned version's question order (`""` when unanswered). */
export const SubmittedAnswerSchema = Type.Object({
  questionId: Type.String(),
  answer: Type.String()
})

/**
 * An applicant started a test: the server's clock runs from `startedAt` to `deadline` (D10, D11).
 * Signaling notifies every admin (`test_started`).
 */
export const TestStartedV1 = defineEvent({
  producer: 'invitation',
  type: 'test.started',
  version: 1,
  schema: Type.Object({
    inviteId: Type.String({ format: 'uuid' }),
    // The applicant's link credential: signaling accepts it as `X-Invite-Token` (D15) and keeps only its hash.
    inviteToken: Type.String(),
    testId: Type.String({ format: 'uuid' }),
    testVersion: Type.Integer({ minimum: 1 }),
    testTitle: Type.String(),
    applicantEmail: Type.String(),
    applicantName: Type.String(),
    invitedBy: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
    startedAt: Type.String({ format: 'date-time' }),
    deadline: Type.String({ format: 'date-time' })
  })
})

/**
 * A test was submitted, by the applicant or by the auto-submit job (D11, D12). It carries everything
 * grading needs: the answers, the pinned version, the invite and applicant, and the times. It is
 * published again, with the same `submissionId`, until grading confirms it (grading is idempotent on
 * `submissionId`).
 */
export const TestSubmittedV1 = defineEvent({
  producer: 'invitation',
  type: 'test.submitted',
  version: 1,
  schema: Type.Object({
    submissionId: Type.String({ format: 'uuid' }),
    inviteId: Type.String({ format: 'uuid' }),
    // The applicant's link credential: /my-submissions shows it to its owner, as the original does.
    inviteToken: Type.String(),
    testId: Type.String({ format: 'uuid' }),
    testVersion: Type.Integer({ minimum: 1 }),
    applicantEmail: Type.String(),
    applicantName: Type.String(),
    invitedBy: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
    answers: Type.Array(SubmittedAnswerSchema),
    startedAt: Type.String({ format: 'date-time' }),
    submittedAt: Type.String({ format: 'date-time' }),
    autoSubmitted: Type.Boolean()
  })
})
