import { desc, eq } from 'drizzle-orm'
import type { Executor } from '@repo/events'
import type { InvitationQueryable } from './database.js'
import { archivedTests, deletedTests, invites, testVersions } from './schema.js'

export type TestVersionRow = typeof testVersions.$inferSelect
export type NewTestVersion = typeof testVersions.$inferInsert

/**
 * Stores a version copy unless it is already there (versions never change, so a redelivery is a no-op)
 * or the test was deleted (a late redelivery must not bring it back). Runs in the consumer's transaction.
 */
export async function insertTestVersion (db: Executor, row: NewTestVersion): Promise<boolean> {
  const [tombstone] = await db.select({ testId: deletedTests.testId }).from(deletedTests).where(eq(deletedTests.testId, row.testId)).limit(1)
  if (tombstone !== undefined) return false
  const inserted = await db.insert(testVersions).values(row).onConflictDoNothing().returning({ version: testVersions.version })
  return inserted.length > 0
}

/** The newest version known of a test: the one a new invite pins. */
export async function findNewestVersion (db: InvitationQueryable, testId: string): Promise<TestVersionRow | undefined> {
  const [row] = await db.select().from(testVersions).where(eq(testVersions.testId, testId)).orderBy(desc(testVersions.version)).limit(1)
  return row
}

/**
 * Erases a force-deleted test: its invites, its version copies, and leaves a tombstone. Returns how
 * many invites went.
 */
export async function eraseTest (db: Executor, testId: string, deletedAt: Date): Promise<number> {
  const erased = await db.delete(invites).where(eq(invites.testId, testId)).returning({ id: invites.id })
  await db.delete(testVersions).where(eq(testVersions.testId, testId))
  await db.insert(deletedTests).values({ testId, deletedAt }).onConflictDoNothing()
  return erased.length
}

/**
 * Records a soft-deleted test (`assessment.test.archived.v1`). Nothing else changes: its copies stay,
 * so invites already made can still be taken. Idempotent; the first date is kept.
 */
export async function archiveTest (db: Executor, testId: string, archivedAt: Date): Promise<boolean> {
  const inserted = await db.insert(archivedTests).values({ testId, archivedAt }).onConflictDoNothing().returning({ testId: archivedTests.testId })
  return inserted.length > 0
}

/** Whether assessment archived (soft-deleted) or deleted the test: no new invite may be made for it (D8). */
export async function isWithdrawn (db: InvitationQueryable, testId: string): Promise<boolean> {
  const rows = await db.select({ testId: archivedTests.testId }).from(archivedTests).where(eq(archivedTests.testId, testId))
    .union(db.select({ testId: deletedTests.testId }).from(deletedTests).where(eq(deletedTests.testId, testId)))
    .limit(1)
  return rows.length > 0
}
