import type { AssessmentContext } from '../context.js'
import { findTest, listVersions, type VersionRow } from '../db/tests.js'
import { TestNotFound } from '../errors.js'
import { isUuid } from '@repo/kit'

/**
 * The versions of a test, oldest first. A soft-deleted test's versions stay readable: its invites and
 * submissions are still pinned to them.
 */
export async function listTestVersions (ctx: AssessmentContext, testId: string): Promise<VersionRow[]> {
  if (!isUuid(testId)) throw TestNotFound()
  const test = await findTest(ctx.db, testId)
  if (test === undefined) throw TestNotFound()
  return listVersions(ctx.db, test.id)
}
