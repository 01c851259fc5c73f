import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm'
import type { InvitationQueryable, InvitationTx } from './database.js'
import type { InviteRow } from './invites.js'
import { invites, savedAnswers, submissions, testVersions, type InviteStatus } from './schema.js'

export type SavedAnswerRow = typeof savedAnswers.$inferSelect
export type SubmissionRow = typeof submissions.$inferSelect
export type NewSubmission = typeof submissions.$inferInsert

const OPEN: InviteStatus[] = ['sent', 'scheduled', 'in_progress']

/**
 * Serialises the starts of one applicant's invites (compared lower-case) until the transaction ends, so
 * two tabs starting two tests at once cannot both pass the one-test-at-a-time rule.
 */
export async function lockApplicant (tx: InvitationTx, email: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended('invitation.start:' || lower(${email}), 0))`)
}

/** Whether the applicant has an in_progress invite other than this one. */
export async function hasOtherInProgress (db: InvitationQueryable, invite: InviteRow): Promise<boolean> {
  const [row] = await db.select({ id: invites.id }).from(invites)
    .where(and(sql`lower(${invites.applicantEmail}) = lower(${invite.applicantEmail})`, eq(invites.status, 'in_progress'), ne(invites.id, invite.id))).limit(1)
  return row !== undefined
}

/** The applicant's oldest invite among sent, scheduled and in_progress (the original's rule). */
export async function findOldestOpenInviteId (db: InvitationQueryable, email: string): Promise<string | undefined> {
  const [row] = await db.select({ id: invites.id }).from(invites)
    .where(and(sql`lower(${invites.applicantEmail}) = lower(${email})`, inArray(invites.status, OPEN)))
    .orderBy(asc(invites.createdAt), asc(invites.id)).limit(1)
  return row?.id
}

export async function markStarted (tx: InvitationTx, id: string, startedAt: Date): Promise<void> {
  await tx.update(invites).set({ status: 'in_progress', startedAt }).where(eq(invites.id, id))
}

export async function markCompleted (tx: InvitationTx, id: string): Promise<void> {
  await tx.update(invites).set({ status: 'completed' }).where(eq(invites.id, id))
}

/** The saved answers of a session, in no particular order. */
export async function listSavedAnswers (db: InvitationQueryable, inviteId: string): Promise<SavedAnswerRow[]> {
  return db.select().from(savedAnswers).where(eq(savedAnswers.inviteId, inviteId)).orderBy(asc(savedAnswers.questionId))
}

/** Merges answers into the saved ones (one per question; the caller removes duplicates). */
export async function upsertSavedAnswers (tx: InvitationTx, inviteId: string, answers: { questionId: string, answer: string }[], savedAt: Date): Promise<void> {
  if (answers.length === 0) return
  await tx.insert(savedAnswers).values(answers.map((answer) => ({ inviteId, questionId: answer.questionId, answer: answer.answer, savedAt })))
    .onConflictDoUpdate({ target: [savedAnswers.inviteId, savedAnswers.questionId], set: { answer: sql`excluded.answer`, savedAt: sql`excluded.saved_at` } })
}

export async function insertSubmission (tx: InvitationTx, values: NewSubmission): Promise<SubmissionRow> {
  const [row] = await tx.insert(submissions).values(values).returning()
  if (row === undefined) throw new Error('INSERT ... RETURNING gave no row')
  return row
}

/**
 * Claims in_progress invites whose deadline plus grace lies before `now`, locked for this transaction.
 * SKIP LOCKED lets several replicas run the job at once: each due session is taken by one of them.
 */
export async function claimDueSessions (tx: InvitationTx, now: Date, graceSeconds: number, limit: number): Promise<InviteRow[]> {
  // The duration comes from a subquery, not a join, so that only the invites are locked (a locked version
  // row would hold up new invites and make the replicas skip each other's versions).
  const duration = sql`(SELECT ${testVersions.durationMinutes} FROM ${testVersions} WHERE ${testVersions.testId} = ${invites.testId} AND ${testVersions.version} = ${invites.testVersion})`
  const deadline = sql`${invites.startedAt} + make_interval(mins => ${duration} + ${invites.extraMinutes}, secs => ${graceSeconds}::double precision)`
  return tx.select().from(invites)
    .where(and(eq(invites.status, 'in_progress'), sql`${deadline} < ${now.toISOString()}::timestamptz`))
    .orderBy(asc(invites.startedAt)).limit(limit)
    .for('update', { skipLocked: true })
}
