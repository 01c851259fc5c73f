import { sql } from 'drizzle-orm'
import { boolean, check, foreignKey, index, integer, jsonb, pgSchema, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { eventTables } from '@repo/events'

export const invitation = pgSchema('invitation')

export const INVITE_STATUSES = ['sent', 'scheduled', 'in_progress', 'completed', 'expired', 'revoked'] as const
export type InviteStatus = typeof INVITE_STATUSES[number]

/** A question as an applicant may see it: the answer key is never stored here (API.md D4). */
export type ApplicantQuestion = {
  id: string
  type: 'multiple_choice' | 'coding' | 'essay'
  question: string
  options: string[] | null
  expectedLanguage: string | null
  points: number
  order: number
}

/**
 * The applicant-facing copy of each test version, from `assessment.test.published.v1`. Versions are
 * immutable, so a row is written once; invites pin one of them (D9).
 */
export const testVersions = invitation.table('test_versions', {
  testId: uuid('test_id').notNull(),
  version: integer('version').notNull(),
  title: text('title').notNull(),
  description: text('description').notNull(),
  durationMinutes: integer('duration_minutes').notNull(),
  questions: jsonb('questions').$type<ApplicantQuestion[]>().notNull(),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  publishedAt: timestamp('published_at', { withTimezone: true }).notNull()
}, (table) => [primaryKey({ columns: [table.testId, table.version] })])

/**
 * Tests assessment force-deleted. A published event redelivered after the delete must not bring the
 * copy back, or an invite could be created for a deleted test (D8).
 */
export const deletedTests = invitation.table('deleted_tests', {
  testId: uuid('test_id').primaryKey(),
  deletedAt: timestamp('deleted_at', { withTimezone: true }).notNull()
})

export const invites = invitation.table('invites', {
  id: uuid('id').primaryKey().defaultRandom(),
  testId: uuid('test_id').notNull(),
  // Pinned at creation: later versions of the test never change what this applicant takes (D9).
  testVersion: integer('test_version').notNull(),
  applicantEmail: text('applicant_email').notNull(),
  applicantName: text('applicant_name').notNull(),
  // The inviting admin. Not a foreign key: users live in identity's schema.
  invitedBy: uuid('invited_by'),
  // 256 random bits, base64url (D8); it is the applicant's credential, so it is unique and never logged.
  inviteToken: text('invite_token').notNull().unique('invites_invite_token_key'),
  scheduledDate: timestamp('scheduled_date', { withTimezone: true }),
  adminScheduled: boolean('admin_scheduled').notNull().default(false),
  noSchedule: boolean('no_schedule').notNull().default(false),
  status: text('status', { enum: INVITE_STATUSES }).notNull(),
  emailSent: boolean('email_sent').notNull().default(false),
  emailSentAt: timestamp('email_sent_at', { withTimezone: true }),
  emailError: text('email_error'),
  // Added to the test's duration for this applicant (e.g. an accommodation).
  extraMinutes: integer('extra_minutes').notNull().default(0),
  startedAt: timestamp('started_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
}, (table) => [
  // Erasing a test's copies erases its invites with them; a pinned version cannot vanish otherwise.
  foreignKey({ columns: [table.testId, table.testVersion], foreignColumns: [testVersions.testId, testVersions.version] }).onDelete('cascade'),
  index('invites_test_idx').on(table.testId),
  // E-mail addresses are compared case-insensitively (/my-invites, user.deleted).
  index('invites_email_idx').on(sql`lower(${table.applicantEmail})`),
  index('invites_created_at_idx').on(table.createdAt),
  // The auto-submit job looks only at started sessions.
  index('invites_in_progress_idx').on(table.startedAt).where(sql`${table.status} = 'in_progress'`),
  check('invites_status_check', sql`${table.status} IN ('sent', 'scheduled', 'in_progress', 'completed', 'expired', 'revoked')`),
  check('invites_extra_minutes_check', sql`${table.extraMinutes} >= 0`)
])

/**
 * Answers autosaved while a session is in progress (D11), one per question, the latest kept. A late or
 * missing submit still finds them: the auto-submit job submits them.
 */
export const savedAnswers = invitation.table('saved_answers', {
  inviteId: uuid('invite_id').notNull().references(() => invites.id, { onDelete: 'cascade' }),
  questionId: text('question_id').notNull(),
  answer: text('answer').notNull(),
  savedAt: timestamp('saved_at', { withTimezone: true }).notNull()
}, (table) => [primaryKey({ columns: [table.inviteId, table.questionId] })])

/** One final answer of a submission, in the pinned version's question order. */
export type SubmittedAnswer = { questionId: string, answer: string }

/**
 * A submitted session (D12), one per invite. It holds everything grading needs, so the submitted event
 * can be built from this row alone: the answers, the pinned version, the invite and applicant, and the
 * times.
 */
export const submissions = invitation.table('submissions', {
  id: uuid('id').primaryKey().defaultRandom(),
  inviteId: uuid('invite_id').notNull().unique('submissions_invite_id_key').references(() => invites.id, { onDelete: 'cascade' }),
  testId: uuid('test_id').notNull(),
  testVersion: integer('test_version').notNull(),
  applicantEmail: text('applicant_email').notNull(),
  applicantName: text('applicant_name').notNull(),
  invitedBy: uuid('invited_by'),
  answers: jsonb('answers').$type<SubmittedAnswer[]>().notNull(),
  needsManualReview: boolean('needs_manual_review').notNull(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
  // True when the deadline passed and the job submitted the saved answers (D11).
  autoSubmitted: boolean('auto_submitted').notNull()
}, (table) => [
  index('submissions_test_idx').on(table.testId),
  index('submissions_email_idx').on(sql`lower(${table.applicantEmail})`)
])

export const { outbox, inbox, deadLetters } = eventTables(invitation)
