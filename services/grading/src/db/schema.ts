import { sql } from 'drizzle-orm'
import { boolean, check, index, integer, jsonb, pgSchema, primaryKey, real, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core'
import { eventTables } from '@repo/events'

export const grading = pgSchema('grading')

export const SCORING_STATUSES = ['auto_only', 'needs_review', 'partially_reviewed', 'fully_reviewed'] as const
export type ScoringStatus = typeof SCORING_STATUSES[number]

export const MANUAL_SCORE_STATUSES = ['pending', 'correct', 'wrong', 'partial'] as const
export type ManualScoreStatus = typeof MANUAL_SCORE_STATUSES[number]

export type QuestionType = 'multiple_choice' | 'coding' | 'essay'

/** A question with its answer key, as `assessment.test.published.v1` carries it. */
export type KeyedQuestion = {
  id: string
  type: QuestionType
  question: string
  options: string[] | null
  correctAnswer: string | null
  expectedLanguage: string | null
  points: number
  order: number
}

/**
 * Grading's copy of every test version with its answer keys, from `assessment.test.published.v1`.
 * Versions are immutable, so a row is written once; a submission is scored against exactly the version
 * its invite was pinned to.
 */
export const testVersions = grading.table('test_versions', {
  testId: uuid('test_id').notNull(),
  version: integer('version').notNull(),
  title: text('title').notNull(),
  description: text('description').notNull(),
  durationMinutes: integer('duration_minutes').notNull(),
  questions: jsonb('questions').$type<KeyedQuestion[]>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  publishedAt: timestamp('published_at', { withTimezone: true }).notNull()
}, (table) => [primaryKey({ columns: [table.testId, table.version] })])

/** Tests assessment force-deleted: a redelivered published or submitted event must not bring them back. */
export const deletedTests = grading.table('deleted_tests', {
  testId: uuid('test_id').primaryKey(),
  deletedAt: timestamp('deleted_at', { withTimezone: true }).notNull()
})

/**
 * Applicants erased on `identity.user.deleted.v1` (D17), so that a submitted event still on its way
 * (sent before the delete, handled after it) cannot bring their data back. Kept as a SHA-256 of the
 * lower-cased address, not the address itself; only submissions made before `erased_at` are refused,
 * so someone who signs up again with that address later is graded as usual.
 */
export const erasedApplicants = grading.table('erased_applicants', {
  emailHash: text('email_hash').primaryKey(),
  erasedAt: timestamp('erased_at', { withTimezone: true }).notNull()
})

/**
 * A submitted test, graded. Its id is invitation's submission id, so a redelivered or republished
 * `invitation.test.submitted.v1` finds the row and creates nothing (issue 6: never a second submission).
 */
export const submissions = grading.table('submissions', {
  id: uuid('id').primaryKey(),
  inviteId: uuid('invite_id').notNull().unique('submissions_invite_id_key'),
  // The applicant's link credential: /my-submissions shows it to its owner, as the original does.
  inviteToken: text('invite_token').notNull(),
  testId: uuid('test_id').notNull(),
  testVersion: integer('test_version').notNull(),
  applicantEmail: text('applicant_email').notNull(),
  applicantName: text('applicant_name').notNull(),
  invitedBy: uuid('invited_by'),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
  autoSubmitted: boolean('auto_submitted').notNull(),
  // From signaling's events (API.md rule 9); POST /admin/fix-monitoring-status recomputes it.
  isMonitored: boolean('is_monitored').notNull().default(false),
  // Percentages 0..100 (auto, final) and raw points (manual), as the original (API.md rules 3 and 4, D13).
  autoScore: real('auto_score'),
  manualScore: real('manual_score'),
  finalScore: real('final_score'),
  scoringStatus: text('scoring_status', { enum: SCORING_STATUSES }).notNull(),
  // The admin who completed the review. Not a foreign key: users live in identity's schema.
  reviewedBy: uuid('reviewed_by'),
  reviewCompletedAt: timestamp('review_completed_at', { withTimezone: true }),
  gradedAt: timestamp('graded_at', { withTimezone: true }).notNull()
}, (table) => [
  index('submissions_submitted_at_idx').on(table.submittedAt),
  index('submissions_test_idx').on(table.testId, table.testVersion),
  // E-mail addresses are compared case-insensitively (/my-submissions, user.deleted).
  index('submissions_email_idx').on(sql`lower(${table.applicantEmail})`),
  // The scoring queue reads only submissions that wait for a reviewer.
  index('submissions_review_queue_idx').on(table.submittedAt).where(sql`${table.scoringStatus} IN ('needs_review', 'partially_reviewed')`),
  check('submissions_scoring_status_check', sql`${table.scoringStatus} IN ('auto_only', 'needs_review', 'partially_reviewed', 'fully_reviewed')`)
])

/**
 * One answer per question of the pinned version (`""` when unanswered). The question's type and points
 * are copied from the immutable version, so the queue and the totals need no JSON lookups.
 */
export const answers = grading.table('answers', {
  id: uuid('id').primaryKey().defaultRandom(),
  submissionId: uuid('submission_id').notNull().references(() => submissions.id, { onDelete: 'cascade' }),
  questionId: text('question_id').notNull(),
  questionOrder: integer('question_order').notNull(),
  questionType: text('question_type', { enum: ['multiple_choice', 'coding', 'essay'] }).notNull(),
  points: integer('points').notNull(),
  answer: text('answer').notNull(),
  // Multiple choice: whether the answer matched the key exactly (manual fields stay null).
  isCorrect: boolean('is_correct'),
  // Essay and coding: the reviewer's verdict and points (capped at `points`).
  manualScore: real('manual_score'),
  manualScoreStatus: text('manual_score_status', { enum: MANUAL_SCORE_STATUSES }),
  reviewerId: uuid('reviewer_id'),
  reviewComments: text('review_comments'),
  reviewedAt: timestamp('reviewed_at', { withTimezone: true })
}, (table) => [
  unique('answers_submission_question_key').on(table.submissionId, table.questionId),
  check('answers_manual_score_status_check', sql`${table.manualScoreStatus} IS NULL OR ${table.manualScoreStatus} IN ('pending', 'correct', 'wrong', 'partial')`),
  check('answers_manual_score_check', sql`${table.manualScore} IS NULL OR (${table.manualScore} >= 0 AND ${table.manualScore} <= ${table.points})`)
])

/**
 * Submissions whose pinned version has not arrived here yet (and that assessment could not be asked
 * for). Kept whole, so nothing is dropped; graded as soon as the version arrives.
 */
export const pendingSubmissions = grading.table('pending_submissions', {
  submissionId: uuid('submission_id').primaryKey(),
  testId: uuid('test_id').notNull(),
  testVersion: integer('test_version').notNull(),
  // The `invitation.test.submitted.v1` payload as it arrived.
  payload: jsonb('payload').notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow()
}, (table) => [index('pending_submissions_version_idx').on(table.testId, table.testVersion)])

/**
 * Invites signaling reported as monitored (API.md rule 9). Kept apart from submissions, because the
 * report can come before the submission does; /admin/fix-monitoring-status recomputes from it.
 */
export const monitoredInvites = grading.table('monitored_invites', {
  inviteId: uuid('invite_id').primaryKey(),
  monitoredAt: timestamp('monitored_at', { withTimezone: true }).notNull()
})

export const { outbox, inbox, deadLetters } = eventTables(grading)
