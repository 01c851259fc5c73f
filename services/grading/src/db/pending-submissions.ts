import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import type { Executor } from '@repo/events'
import type { GradingQueryable } from './database.js'
import { pendingSubmissions, testVersions } from './schema.js'

/** The LISTEN/NOTIFY channel that wakes the pending pass when a submission starts waiting or a version arrives. */
export const PENDING_CHANNEL = 'grading_pending'

/** Wakes the pending pass of every replica once the caller's transaction commits (a NOTIFY is sent at commit). */
export async function notifyPending (db: Executor): Promise<void> {
  await db.execute(sql`SELECT pg_notify(${PENDING_CHANNEL}, '')`)
}

/** Keeps a submission whose version is unknown here; a redelivery of it keeps the first copy. */
export async function addPending (db: Executor, row: typeof pendingSubmissions.$inferInsert): Promise<boolean> {
  const inserted = await db.insert(pendingSubmissions).values(row).onConflictDoNothing().returning({ id: pendingSubmissions.submissionId })
  return inserted.length > 0
}

/**
 * Claims the pending submissions of one version, locked for the caller's transaction (which grades and
 * deletes them). SKIP LOCKED: rows another replica is grading right now are left to it.
 */
export async function claimPending (db: Executor, testId: string, version: number, limit: number): Promise<{ submissionId: string, payload: unknown }[]> {
  return await db.select({ submissionId: pendingSubmissions.submissionId, payload: pendingSubmissions.payload })
    .from(pendingSubmissions)
    .where(and(eq(pendingSubmissions.testId, testId), eq(pendingSubmissions.testVersion, version)))
    .orderBy(asc(pendingSubmissions.receivedAt))
    .limit(limit)
    .for('update', { skipLocked: true })
}

export async function deletePending (db: Executor, submissionIds: string[]): Promise<void> {
  if (submissionIds.length === 0) return
  await db.delete(pendingSubmissions).where(inArray(pendingSubmissions.submissionId, submissionIds))
}

export type WaitingVersion = { testId: string, version: number, known: boolean }

/** The versions pending submissions wait for, and whether each is known here by now. */
export async function waitingVersions (db: GradingQueryable): Promise<WaitingVersion[]> {
  const rows = await db.selectDistinct({ testId: pendingSubmissions.testId, version: pendingSubmissions.testVersion, known: sql<boolean>`${testVersions.testId} IS NOT NULL` })
    .from(pendingSubmissions)
    .leftJoin(testVersions, and(eq(testVersions.testId, pendingSubmissions.testId), eq(testVersions.version, pendingSubmissions.testVersion)))
  return rows
}
