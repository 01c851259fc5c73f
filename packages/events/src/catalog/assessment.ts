import { Type } from 'typebox'
import { defineEvent } from '../define-event.js'

const QuestionType = Type.Union([Type.Literal('multiple_choice'), Type.Literal('coding'), Type.Literal('essay')])

/** One question of a test version, answer key included (only services that grade or show admins keep it). */
export const PublishedQuestionSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  type: QuestionType,
  question: Type.String({ minLength: 1 }),
  options: Type.Union([Type.Array(Type.String()), Type.Null()]),
  correctAnswer: Type.Union([Type.String(), Type.Null()]),
  expectedLanguage: Type.Union([Type.String(), Type.Null()]),
  points: Type.Integer({ minimum: 0 }),
  order: Type.Integer({ minimum: 0 })
})

/**
 * A test version was created (a new test, or an edit, which never changes an earlier version; API.md
 * D9). It carries the version's full content, so grading keeps the answer keys and invitation the
 * applicant view without asking assessment.
 */
export const TestPublishedV1 = defineEvent({
  producer: 'assessment',
  type: 'test.published',
  version: 1,
  schema: Type.Object({
    testId: Type.String({ format: 'uuid' }),
    version: Type.Integer({ minimum: 1 }),
    title: Type.String({ minLength: 1 }),
    description: Type.String(),
    durationMinutes: Type.Integer({ minimum: 1 }),
    createdBy: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
    publishedAt: Type.String({ format: 'date-time' }),
    questions: Type.Array(PublishedQuestionSchema)
  })
})

/** A test was force-deleted: every service erases what belongs to it (invites, sessions, submissions). */
export const TestDeletedV1 = defineEvent({
  producer: 'assessment',
  type: 'test.deleted',
  version: 1,
  schema: Type.Object({
    testId: Type.String({ format: 'uuid' }),
    deletedAt: Type.String({ format: 'date-time' })
  })
})

/**
 * A test was soft-deleted (the original's DELETE /tests/{id}, `is_active` false). Invites already made
 * stay usable; no new invite is made for it (API.md 2.3: "missing or inactive").
 */
export const TestArchivedV1 = defineEvent({
  producer: 'assessment',
  type: 'test.archived',
  version: 1,
  schema: Type.Object({
    testId: Type.String({ format: 'uuid' }),
    archivedAt: Type.String({ format: 'date-time' })
  })
})
