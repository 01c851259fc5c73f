import { and, count, eq, inArray, lte, sql } from 'drizzle-orm'
import type { Executor } from '@repo/events'
import type { AssessmentQueryable } from './database.js'
import { inviteStatuses } from './schema.js'

/** The statuses in which an invite blocks a soft delete (API.md 2.2, rule 10). */
export const OPEN_STATUSES = ['sent', 'scheduled', 'in_progress']

export type InviteStatusFact = { inviteId: string, testId: string, status: string, changedAt: Date }

/**
 * Records an invite's status (with the consumer's transaction, typed as the events package hands it) unless a later one is already known: events of one invite may be
 * redelivered or retried out of order, and an older "sent" must not reopen a completed invite.
 */
export async function upsertInviteStatus (db: Executor, fact: InviteStatusFact): Promise<void> {
  await db.insert(inviteStatuses).values(fact).onConflictDoUpdate({
    target: inviteStatuses.inviteId,
    set: { status: fact.status, testId: fact.testId, changedAt: fact.changedAt },
    setWhere: lte(inviteStatuses.changedAt, sql`excluded.changed_at`)
  })
}

export async function countOpenInvites (db: AssessmentQueryable, testId: string): Promise<number> {
  const [row] = await db.select({ open: count() }).from(inviteStatuses)
    .where(and(eq(inviteStatuses.testId, testId), inArray(inviteStatuses.status, OPEN_STATUSES)))
  return row?.open ?? 0
}

/** Forgets a force-deleted test's invites (invitation erases them when it sees test.deleted). */
export async function forgetInvites (db: AssessmentQueryable, testId: string): Promise<void> {
  await db.delete(inviteStatuses).where(eq(inviteStatuses.testId, testId))
}
