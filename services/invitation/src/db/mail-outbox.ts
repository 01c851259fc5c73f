import { and, asc, desc, eq, inArray, lte, sql } from 'drizzle-orm'
import type { Executor } from '@repo/events'
import type { InvitationQueryable, InvitationTx } from './database.js'
import { invites, mailOutbox } from './schema.js'

export type MailRow = typeof mailOutbox.$inferSelect
export type NewMail = typeof mailOutbox.$inferInsert

export async function insertMail (db: InvitationQueryable, values: NewMail): Promise<MailRow> {
  const [row] = await db.insert(mailOutbox).values(values).returning()
  if (row === undefined) throw new Error('INSERT ... RETURNING gave no row')
  return row
}

export async function findMail (db: InvitationQueryable, id: string): Promise<MailRow | undefined> {
  const [row] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, id)).limit(1)
  return row
}

/**
 * Locks a mail that was never attempted, for its first attempt right after it was queued. SKIP LOCKED:
 * when the worker (here or on a replica) holds it, it is being sent already and is left alone.
 */
export async function lockFreshMail (tx: InvitationTx, id: string): Promise<MailRow | undefined> {
  const [row] = await tx.select().from(mailOutbox)
    .where(and(eq(mailOutbox.id, id), eq(mailOutbox.status, 'pending'), eq(mailOutbox.attempts, 0)))
    .for('update', { skipLocked: true }).limit(1)
  return row
}

/**
 * Locks the pending mail that has waited longest past its next attempt time. The lock is held while the
 * mail is sent, and SKIP LOCKED lets replicas share the work, so no mail is ever sent by two at once.
 */
export async function lockDueMail (tx: InvitationTx, now: Date): Promise<MailRow | undefined> {
  const [row] = await tx.select().from(mailOutbox)
    // The status test is literal, as in the partial index mail_outbox_due_idx, so the planner can use it.
    .where(and(sql`${mailOutbox.status} = 'pending'`, lte(mailOutbox.nextAttemptAt, now)))
    .orderBy(asc(mailOutbox.nextAttemptAt)).limit(1)
    .for('update', { skipLocked: true })
  return row
}

/**
 * Locks an invite's newest mail for retry-email, waiting for an attempt in progress to end (the caller
 * bounds the wait with lock_timeout).
 */
export async function lockInviteMail (tx: InvitationTx, inviteId: string): Promise<MailRow | undefined> {
  const [row] = await tx.select().from(mailOutbox)
    .where(and(eq(mailOutbox.inviteId, inviteId), eq(mailOutbox.kind, 'invite')))
    .orderBy(desc(mailOutbox.createdAt)).limit(1)
    .for('update')
  return row
}

export async function recordMailSent (tx: InvitationTx, id: string, attempts: number, sentAt: Date): Promise<void> {
  await tx.update(mailOutbox).set({ status: 'sent', attempts, sentAt, lastError: null }).where(eq(mailOutbox.id, id))
}

/** A failed attempt: pending again at `retryAt`, or `failed` for good when `retryAt` is null. */
export async function recordMailFailure (tx: InvitationTx, id: string, attempts: number, reason: string, retryAt: Date | null): Promise<void> {
  await tx.update(mailOutbox)
    .set(retryAt === null ? { status: 'failed', attempts, lastError: reason } : { status: 'pending', attempts, lastError: reason, nextAttemptAt: retryAt })
    .where(eq(mailOutbox.id, id))
}

/** Puts a mail back in the queue as new (retry-email): fresh content, no attempts, first attempt at `firstAttemptAt`. */
export async function requeueMail (tx: InvitationTx, id: string, values: Pick<NewMail, 'recipient' | 'subject' | 'html' | 'text' | 'senderAdminId'>, firstAttemptAt: Date): Promise<void> {
  await tx.update(mailOutbox)
    .set({ ...values, status: 'pending', attempts: 0, lastError: null, nextAttemptAt: firstAttemptAt, sentAt: null })
    .where(eq(mailOutbox.id, id))
}

/** What an invite records about its e-mail (the TestInvite's email_sent, email_sent_at, email_error). */
export type InviteEmailFields = Partial<{ emailSent: boolean, emailSentAt: Date | null, emailError: string | null }>

export async function recordInviteEmail (tx: InvitationTx, inviteId: string, fields: InviteEmailFields): Promise<void> {
  await tx.update(invites).set(fields).where(eq(invites.id, inviteId))
}

/** Invites by id, for answering with their e-mail columns as the first attempts left them. */
export async function findInvitesByIds (db: InvitationQueryable, ids: string[]): Promise<(typeof invites.$inferSelect)[]> {
  if (ids.length === 0) return []
  return db.select().from(invites).where(inArray(invites.id, ids))
}

/**
 * Erases the settings-test mails sent to a deleted user's address (compared lower-case), in the
 * consumer's transaction; invite mails go with their invites. Returns how many went.
 */
export async function deleteSettingsTestMailsTo (db: Executor, email: string): Promise<number> {
  const erased = await db.delete(mailOutbox)
    .where(and(eq(mailOutbox.kind, 'settings_test'), sql`lower(${mailOutbox.recipient}) = lower(${email})`))
    .returning({ id: mailOutbox.id })
  return erased.length
}
