import { sql } from 'drizzle-orm'
import { bigserial, boolean, check, index, jsonb, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { eventTables } from '@repo/events'

export const signaling = pgSchema('signaling')

export const INVITE_STATUSES = ['sent', 'scheduled', 'in_progress', 'completed', 'expired', 'revoked'] as const
export type InviteStatus = typeof INVITE_STATUSES[number]

/**
 * What signaling knows of each invite, from invitation's events: its status (`invite.status_changed`)
 * and, once started (`test.started`), whose it is. D15 authorises the applicant side with it.
 */
export const invites = signaling.table('invites', {
  inviteId: uuid('invite_id').primaryKey(),
  testId: uuid('test_id').notNull(),
  status: text('status', { enum: INVITE_STATUSES }).notNull(),
  // Known from test.started; compared lower-case with a caller's token e-mail.
  applicantEmail: text('applicant_email'),
  // sha256 of the invite token (X-Invite-Token), never the token itself.
  inviteTokenHash: text('invite_token_hash'),
  // Known from test.started; the test_submitted notification names the test with it.
  testTitle: text('test_title'),
  statusChangedAt: timestamp('status_changed_at', { withTimezone: true }).notNull()
}, (table) => [
  index('invites_test_idx').on(table.testId),
  index('invites_email_idx').on(sql`lower(${table.applicantEmail})`)
])

export const SESSION_STATUSES = ['initializing', 'offer_sent', 'connected', 'ended'] as const
export type SessionStatus = typeof SESSION_STATUSES[number]

/** The original's active_webrtc_sessions: one proctoring session per invite. */
export const sessions = signaling.table('sessions', {
  inviteId: uuid('invite_id').primaryKey(),
  status: text('status', { enum: SESSION_STATUSES }).notNull(),
  offerId: uuid('offer_id'),
  answerId: uuid('answer_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  endedAt: timestamp('ended_at', { withTimezone: true })
}, (table) => [
  index('sessions_ended_idx').on(table.endedAt).where(sql`${table.status} = 'ended'`),
  check('sessions_status_check', sql`${table.status} IN ('initializing', 'offer_sent', 'connected', 'ended')`)
])

/**
 * The HTTP mailbox (API.md 2.8): each signal with its sender (D15). `seq` orders them and makes
 * `?since=<signal id>` a range read.
 */
export const signals = signaling.table('signals', {
  id: uuid('id').primaryKey().defaultRandom(),
  seq: bigserial('seq', { mode: 'number' }).notNull().unique('signals_seq_key'),
  inviteId: uuid('invite_id').notNull(),
  type: text('type', { enum: ['offer', 'answer', 'ice_candidate'] }).notNull(),
  sender: text('sender', { enum: ['applicant', 'admin'] }).notNull(),
  // The whole request body, as the original stores it.
  data: jsonb('data').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
}, (table) => [
  index('signals_invite_seq_idx').on(table.inviteId, table.seq),
  check('signals_type_check', sql`${table.type} IN ('offer', 'answer', 'ice_candidate')`),
  check('signals_sender_check', sql`${table.sender} IN ('applicant', 'admin')`)
])

/** Every admin, from identity's events: each gets every notification. */
export const admins = signaling.table('admins', {
  userId: uuid('user_id').primaryKey(),
  email: text('email').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull()
})

/** The original's admin_notifications (API.md 2.6), one row per admin. */
export const notifications = signaling.table('notifications', {
  id: uuid('id').primaryKey().defaultRandom(),
  adminId: uuid('admin_id').notNull(),
  type: text('type').notNull(),
  message: text('message').notNull(),
  data: jsonb('data').$type<Record<string, unknown>>().notNull(),
  isRead: boolean('is_read').notNull().default(false),
  // The event that caused it, so a redelivered event never notifies twice.
  eventId: uuid('event_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
}, (table) => [
  index('notifications_admin_created_idx').on(table.adminId, table.createdAt),
  index('notifications_unread_idx').on(table.adminId).where(sql`NOT ${table.isRead}`),
  // One notification per admin per event, even if the inbox were bypassed (a replayed event).
  uniqueIndex('notifications_admin_event_key').on(table.adminId, table.eventId)
])

/**
 * Applicants erased on `identity.user.deleted.v1` (D17), so that a started or submitted event still on
 * its way (each subject has its own consumer) cannot bring their invite or a notification naming them
 * back. Kept as a SHA-256 of the lower-cased address; only events from before `erased_at` are dropped.
 */
export const erasedApplicants = signaling.table('erased_applicants', {
  emailHash: text('email_hash').primaryKey(),
  erasedAt: timestamp('erased_at', { withTimezone: true }).notNull()
})

/** Tests erased on `assessment.test.deleted.v1`: later events about their invites are dropped. */
export const deletedTests = signaling.table('deleted_tests', {
  testId: uuid('test_id').primaryKey(),
  deletedAt: timestamp('deleted_at', { withTimezone: true }).notNull()
})

export const { outbox, inbox, deadLetters } = eventTables(signaling)
