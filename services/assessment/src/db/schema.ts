import { sql } from 'drizzle-orm'
import { boolean, check, foreignKey, index, integer, jsonb, pgSchema, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { eventTables } from '@repo/events'

export const assessment = pgSchema('assessment')

/**
 * A test's identity and lifecycle. Its content lives in immutable versions (API.md D9); `current_version`
 * is the one GET /tests shows and the next edit builds on.
 */
export const tests = assessment.table('tests', {
  id: uuid('id').primaryKey().defaultRandom(),
  // The admin who created it; only they may edit it. Not a foreign key: users live in identity's schema.
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  isActive: boolean('is_active').notNull().default(true),
  currentVersion: integer('current_version').notNull()
}, (table) => [index('tests_active_created_at_idx').on(table.isActive, table.createdAt)])

/** One version of a test's metadata; never updated after insert. */
export const testVersions = assessment.table('test_versions', {
  testId: uuid('test_id').notNull().references(() => tests.id, { onDelete: 'cascade' }),
  version: integer('version').notNull(),
  title: text('title').notNull(),
  description: text('description').notNull(),
  durationMinutes: integer('duration_minutes').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
}, (table) => [primaryKey({ columns: [table.testId, table.version] })])

/** The questions of one version; each version has its own question ids. */
export const questions = assessment.table('questions', {
  id: uuid('id').primaryKey().defaultRandom(),
  testId: uuid('test_id').notNull(),
  version: integer('version').notNull(),
  type: text('type', { enum: ['multiple_choice', 'coding', 'essay'] }).notNull(),
  question: text('question').notNull(),
  options: jsonb('options').$type<string[]>(),
  correctAnswer: text('correct_answer'),
  expectedLanguage: text('expected_language'),
  points: integer('points').notNull(),
  questionOrder: integer('question_order').notNull()
}, (table) => [
  foreignKey({ columns: [table.testId, table.version], foreignColumns: [testVersions.testId, testVersions.version] }).onDelete('cascade'),
  index('questions_version_order_idx').on(table.testId, table.version, table.questionOrder),
  check('questions_type_check', sql`${table.type} IN ('multiple_choice', 'coding', 'essay')`),
  check('questions_points_check', sql`${table.points} >= 0`)
])

/**
 * The last known status of every invite, from invitation's `invite.status_changed` events: assessment
 * refuses a soft delete while a test has open ones without ever reading invitation's tables. Closed
 * invites keep their row so an older event delivered late cannot reopen them (see changed_at).
 */
export const inviteStatuses = assessment.table('invite_statuses', {
  inviteId: uuid('invite_id').primaryKey(),
  testId: uuid('test_id').notNull(),
  status: text('status').notNull(),
  changedAt: timestamp('changed_at', { withTimezone: true }).notNull()
}, (table) => [index('invite_statuses_test_idx').on(table.testId, table.status)])

export const { outbox, inbox, deadLetters } = eventTables(assessment)
