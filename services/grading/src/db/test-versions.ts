import { and, eq } from 'drizzle-orm'
import type { Executor } from '@repo/events'
import { deletedTests, testVersions } from './schema.js'

export type TestVersionRow = typeof testVersions.$inferSelect
export type NewTestVersion = typeof testVersions.$inferInsert

/** What became of a version copy: stored now, there already, or refused because the test was deleted. */
export type VersionOutcome = 'stored' | 'known' | 'deleted'

/**
 * Stores a version with its answer keys unless it is already there (versions never change, so a
 * redelivery, or the internal read and the event both arriving, is a no-op) or the test was deleted (a
 * late redelivery must not bring its data back).
 */
export async function insertTestVersion (db: Executor, row: NewTestVersion): Promise<VersionOutcome> {
  if (await isDeletedTest(db, row.testId)) return 'deleted'
  const inserted = await db.insert(testVersions).values(row).onConflictDoNothing().returning({ version: testVersions.version })
  return inserted.length > 0 ? 'stored' : 'known'
}

export async function findTestVersion (db: Executor, testId: string, version: number): Promise<TestVersionRow | undefined> {
  const [row] = await db.select().from(testVersions).where(and(eq(testVersions.testId, testId), eq(testVersions.version, version))).limit(1)
  return row
}

/** Whether assessment force-deleted the test (its tombstone is here). */
export async function isDeletedTest (db: Executor, testId: string): Promise<boolean> {
  const rows = await db.select({ testId: deletedTests.testId }).from(deletedTests).where(eq(deletedTests.testId, testId)).limit(1)
  return rows.length > 0
}

/** Erases a force-deleted test's versions and leaves its tombstone; answers how many versions went. */
export async function eraseTestVersions (db: Executor, testId: string, deletedAt: Date): Promise<number> {
  const erased = await db.delete(testVersions).where(eq(testVersions.testId, testId)).returning({ version: testVersions.version })
  await db.insert(deletedTests).values({ testId, deletedAt }).onConflictDoNothing()
  return erased.length
}
