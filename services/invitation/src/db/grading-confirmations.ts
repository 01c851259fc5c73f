import { and, asc, eq, inArray, isNull, lt, sql } from 'drizzle-orm'
import type { Executor } from '@repo/events'
import type { InvitationTx } from './database.js'
import type { SubmissionRow } from './sessions.js'
import { invites, submissions } from './schema.js'

/**
 * Records grading's first confirmation of a submission; later grades (manual reviews) keep the first
 * time. Runs in the consumer's transaction. Answers whether a submission of that id exists here.
 */
export async function markGraded (db: Executor, submissionId: string, gradedAt: Date): Promise<boolean> {
  const updated = await db.update(submissions)
    .set({ gradedAt: sql`coalesce(${submissions.gradedAt}, ${gradedAt.toISOString()}::timestamptz)` })
    .where(eq(submissions.id, submissionId)).returning({ id: submissions.id })
  return updated.length > 0
}

export type UnconfirmedSubmission = { submission: SubmissionRow, inviteToken: string }

/**
 * Claims submissions grading has not confirmed whose last publish is older than `publishedBefore`,
 * locked for this transaction. SKIP LOCKED lets replicas run the republish job at once without
 * sending one submission twice in one round.
 */
export async function claimUnconfirmed (tx: InvitationTx, publishedBefore: Date, limit: number): Promise<UnconfirmedSubmission[]> {
  const due = await tx.select().from(submissions)
    .where(and(isNull(submissions.gradedAt), lt(submissions.lastPublishedAt, publishedBefore)))
    .orderBy(asc(submissions.lastPublishedAt)).limit(limit)
    .for('update', { skipLocked: true })
  if (due.length === 0) return []
  const tokens = await tx.select({ id: invites.id, token: invites.inviteToken }).from(invites)
    .where(inArray(invites.id, due.map((row) => row.inviteId)))
  const tokenOf = new Map(tokens.map((row) => [row.id, row.token]))
  // The foreign key keeps every submission's invite, so each has a token.
  return due.flatMap((submission) => {
    const inviteToken = tokenOf.get(submission.inviteId)
    return inviteToken === undefined ? [] : [{ submission, inviteToken }]
  })
}

export async function markRepublished (tx: InvitationTx, ids: string[], now: Date): Promise<void> {
  if (ids.length === 0) return
  await tx.update(submissions)
    .set({ lastPublishedAt: now, publishCount: sql`${submissions.publishCount} + 1` })
    .where(inArray(submissions.id, ids))
}
