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

/**
 * Tests assessment soft-deleted (`assessment.test.archived.v1`): no new invite for them (API.md 2.3,
 * "missing or inactive"), while invites already made stay usable.
 */
export const archivedTests = invitation.table('archived_tests', {
  testId: uuid('test_id').primaryKey(),
  archivedAt: timestamp('archived_at', { withTimezone: true }).notNull()
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
  // An invite not started by then becomes `expired` (INVITE_EXPIRY_DAYS after creation, or later when
  // the applicant picks a slot beyond that).
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
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
  // The expiry job looks only at invites not yet started.
  index('invites_unstarted_expiry_idx').on(table.expiresAt).where(sql`${table.status} IN ('sent', 'scheduled')`),
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
  autoSubmitted: boolean('auto_submitted').notNull(),
  // End-to-end confirmation: null until `grading.submission.graded.v1` arrives. Until then the submitted
  // event is published again every GRADING_CONFIRM_TIMEOUT_MS (grading is idempotent).
  gradedAt: timestamp('graded_at', { withTimezone: true }),
  lastPublishedAt: timestamp('last_published_at', { withTimezone: true }).notNull(),
  publishCount: integer('publish_count').notNull().default(1)
}, (table) => [
  index('submissions_test_idx').on(table.testId),
  index('submissions_awaiting_grade_idx').on(table.lastPublishedAt).where(sql`${table.gradedAt} IS NULL`),
  index('submissions_email_idx').on(sql`lower(${table.applicantEmail})`)
])

/**
 * An admin's own SMTP settings (API.md 2.7, camelCase on the wire). The password is encrypted at rest
 * with EMAIL_SETTINGS_KEY (AES-256-GCM) and never returned (D14).
 */
export const emailSettings = invitation.table('email_settings', {
  adminId: uuid('admin_id').primaryKey(),
  smtpHost: text('smtp_host').notNull().default(''),
  smtpPort: integer('smtp_port').notNull().default(587),
  smtpUser: text('smtp_user').notNull().default(''),
  smtpPasswordEncrypted: text('smtp_password_encrypted'),
  fromEmail: text('from_email').notNull().default(''),
  fromName: text('from_name').notNull().default('12th Wonder Interview Platform'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
})

export const MAIL_STATUSES = ['pending', 'sent', 'failed'] as const
export type MailStatus = typeof MAIL_STATUSES[number]

/**
 * The mail outbox (D14): every message is written here first, then delivered with retries and
 * backoff. A message whose attempts ran out stays as `failed` with its last error, so it can be read
 * back and retried.
 */
export const mailOutbox = invitation.table('mail_outbox', {
  id: uuid('id').primaryKey().defaultRandom(),
  // Erasing an invite (deleted test or user) erases its mail with it.
  inviteId: uuid('invite_id').references(() => invites.id, { onDelete: 'cascade' }),
  kind: text('kind', { enum: ['invite', 'settings_test'] }).notNull(),
  // Whose SMTP settings send it when SMTP_URL is not set.
  senderAdminId: uuid('sender_admin_id'),
  recipient: text('recipient').notNull(),
  subject: text('subject').notNull(),
  html: text('html').notNull(),
  text: text('text').notNull(),
  status: text('status', { enum: MAIL_STATUSES }).notNull().default('pending'),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
  lastError: text('last_error'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  sentAt: timestamp('sent_at', { withTimezone: true })
}, (table) => [
  index('mail_outbox_due_idx').on(table.nextAttemptAt).where(sql`${table.status} = 'pending'`),
  index('mail_outbox_invite_idx').on(table.inviteId),
  check('mail_outbox_status_check', sql`${table.status} IN ('pending', 'sent', 'failed')`)
])

export const { outbox, inbox, deadLetters } = eventTables(invitation)
