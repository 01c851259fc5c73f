import { createHash } from 'node:crypto'
import { and, eq, gte, inArray, sql } from 'drizzle-orm'
import type { Executor } from '@repo/events'
import { deletedTests, erasedApplicants, invites, notifications, sessions, signals, type InviteStatus } from './schema.js'

/** How an erased address is remembered: SHA-256 of the trimmed, lower-cased address, in hex. */
const emailHash = (email: string) => createHash('sha256').update(email.trim().toLowerCase()).digest('hex')

/**
 * Whether an event about this applicant and test, from `at`, concerns erased data: the test was
 * deleted, or the applicant was erased at or after `at` (someone who signs up again later is not).
 */
export async function isErased (db: Executor, about: { testId: string, applicantEmail?: string, at: Date }): Promise<boolean> {
  const [test] = await db.select({ testId: deletedTests.testId }).from(deletedTests).where(eq(deletedTests.testId, about.testId)).limit(1)
  if (test !== undefined) return true
  if (about.applicantEmail === undefined) return false
  const [applicant] = await db.select({ emailHash: erasedApplicants.emailHash }).from(erasedApplicants)
    .where(and(eq(erasedApplicants.emailHash, emailHash(about.applicantEmail)), gte(erasedApplicants.erasedAt, about.at))).limit(1)
  return applicant !== undefined
}

/**
 * An invite's status from `invitation.invite.status_changed.v1`. An older change arriving after a newer
 * one (redelivery, or the started event having come first) is ignored: `status_changed_at` only moves
 * forward. Answers whether the row changed.
 */
export async function recordInviteStatus (db: Executor, change: { inviteId: string, testId: string, status: InviteStatus, changedAt: Date }): Promise<boolean> {
  const rows = await db.insert(invites)
    .values({ inviteId: change.inviteId, testId: change.testId, status: change.status, statusChangedAt: change.changedAt })
    .onConflictDoUpdate({
      target: invites.inviteId,
      set: { status: change.status, statusChangedAt: change.changedAt },
      setWhere: sql`${invites.statusChangedAt} <= ${change.changedAt.toISOString()}::timestamptz`
    })
    .returning({ inviteId: invites.inviteId })
  return rows.length > 0
}

/**
 * `invitation.test.started.v1`: whose invite it is (the applicant's e-mail, lower-cased, and the hash of
 * the invite token, D15) and its test's title; the status becomes in_progress unless a newer change is
 * already known (e.g. completed, when the submitted status overtook this event).
 */
export async function recordInviteStarted (db: Executor, started: { inviteId: string, testId: string, testTitle: string, applicantEmail: string, inviteTokenHash: string, startedAt: Date }): Promise<void> {
  const startedAt = started.startedAt.toISOString()
  const applicant = { applicantEmail: started.applicantEmail.toLowerCase(), inviteTokenHash: started.inviteTokenHash, testTitle: started.testTitle }
  await db.insert(invites)
    .values({ inviteId: started.inviteId, testId: started.testId, status: 'in_progress', statusChangedAt: started.startedAt, ...applicant })
    .onConflictDoUpdate({
      target: invites.inviteId,
      set: {
        ...applicant,
        status: sql`CASE WHEN ${invites.statusChangedAt} <= ${startedAt}::timestamptz THEN 'in_progress' ELSE ${invites.status} END`,
        statusChangedAt: sql`GREATEST(${invites.statusChangedAt}, ${startedAt}::timestamptz)`
      }
    })
}

/** The title of an invite's test, when its test.started has been seen. */
export async function findInviteTitle (db: Executor, inviteId: string): Promise<string | null> {
  const [row] = await db.select({ testTitle: invites.testTitle }).from(invites).where(eq(invites.inviteId, inviteId)).limit(1)
  return row?.testTitle ?? null
}

export type Erased = { invites: number, sessions: number, signals: number, notifications: number }

/** Erases invites, with their sessions, signals and the notifications about them. */
async function eraseInvites (db: Executor, inviteIds: string[]): Promise<Omit<Erased, 'invites'>> {
  if (inviteIds.length === 0) return { sessions: 0, signals: 0, notifications: 0 }
  const erasedSignals = await db.delete(signals).where(inArray(signals.inviteId, inviteIds)).returning({ id: signals.id })
  const erasedSessions = await db.delete(sessions).where(inArray(sessions.inviteId, inviteIds)).returning({ id: sessions.inviteId })
  const erasedNotifications = await db.delete(notifications)
    .where(inArray(sql`${notifications.data}->>'invite_id'`, inviteIds))
    .returning({ id: notifications.id })
  return { sessions: erasedSessions.length, signals: erasedSignals.length, notifications: erasedNotifications.length }
}

/**
 * A deleted applicant (D17): every invite started under that e-mail, its session, signals and the admin
 * notifications naming the applicant.
 */
export async function eraseApplicant (db: Executor, email: string, erasedAt: Date): Promise<Erased> {
  const lower = email.trim().toLowerCase()
  await db.insert(erasedApplicants).values({ emailHash: emailHash(email), erasedAt })
    .onConflictDoUpdate({ target: erasedApplicants.emailHash, set: { erasedAt: sql`greatest(${erasedApplicants.erasedAt}, excluded.erased_at)` } })
  const erased = await db.delete(invites).where(sql`lower(${invites.applicantEmail}) = ${lower}`).returning({ inviteId: invites.inviteId })
  const rest = await eraseInvites(db, erased.map((row) => row.inviteId))
  // Notifications of invites this service never stored (their events came before the admin list) too.
  const named = await db.delete(notifications).where(sql`lower(${notifications.data}->>'applicant_email') = ${lower}`).returning({ id: notifications.id })
  return { invites: erased.length, ...rest, notifications: rest.notifications + named.length }
}

/** A force-deleted test: its invites, their sessions and signals, and the notifications about them. */
export async function eraseTest (db: Executor, testId: string, deletedAt: Date): Promise<Erased> {
  await db.insert(deletedTests).values({ testId, deletedAt }).onConflictDoNothing()
  const erased = await db.delete(invites).where(eq(invites.testId, testId)).returning({ inviteId: invites.inviteId })
  const rest = await eraseInvites(db, erased.map((row) => row.inviteId))
  const named = await db.delete(notifications).where(sql`${notifications.data}->>'test_id' = ${testId}`).returning({ id: notifications.id })
  return { invites: erased.length, ...rest, notifications: rest.notifications + named.length }
}
