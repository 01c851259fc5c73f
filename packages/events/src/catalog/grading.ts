import { Type } from 'typebox'
import { defineEvent } from '../define-event.js'

/** The original's scoring states (API.md rules 3 and 4). */
export const ScoringStatusSchema = Type.Union([
  Type.Literal('auto_only'), Type.Literal('needs_review'),
  Type.Literal('partially_reviewed'), Type.Literal('fully_reviewed')
])

/**
 * A submission was graded, first automatically and again after each manual review. Invitation takes the
 * first one as the end-to-end confirmation that its `invitation.test.submitted.v1` arrived.
 */
export const SubmissionGradedV1 = defineEvent({
  producer: 'grading',
  type: 'submission.graded',
  version: 1,
  schema: Type.Object({
    submissionId: Type.String({ format: 'uuid' }),
    inviteId: Type.String({ format: 'uuid' }),
    testId: Type.String({ format: 'uuid' }),
    scoringStatus: ScoringStatusSchema,
    autoScore: Type.Union([Type.Number(), Type.Null()]),
    manualScore: Type.Union([Type.Number(), Type.Null()]),
    finalScore: Type.Union([Type.Number(), Type.Null()]),
    gradedAt: Type.String({ format: 'date-time' })
  })
})
