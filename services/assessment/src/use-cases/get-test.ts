import type { AssessmentContext } from '../context.js'
import { findTest, findVersion, type TestVersionRecord } from '../db/tests.js'
import { TestNotFound } from '../errors.js'
import { isUuid } from '@repo/kit'

/** An active test at its current version; 404 when missing, malformed or soft-deleted (as the original). */
export async function getTest (ctx: AssessmentContext, testId: string): Promise<TestVersionRecord> {
  if (!isUuid(testId)) throw TestNotFound()
  const test = await findTest(ctx.db, testId)
  if (test === undefined || !test.isActive) throw TestNotFound()
  const record = await findVersion(ctx.db, test, test.currentVersion)
  if (record === undefined) throw new Error(`test ${test.id} has no row for its current version ${test.currentVersion}`)
  return record
}
