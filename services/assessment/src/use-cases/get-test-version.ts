import type { AssessmentContext } from '../context.js'
import { findTest, findVersion, type TestVersionRecord } from '../db/tests.js'
import { TestNotFound, TestVersionNotFound } from '../errors.js'
import { isUuid } from '@repo/kit'
import { parseVersion } from '../ids.js'

/** One version exactly as it was published; also for soft-deleted tests, whose invites stay pinned to it. */
export async function getTestVersion (ctx: AssessmentContext, testId: string, versionParam: string): Promise<TestVersionRecord> {
  if (!isUuid(testId)) throw TestNotFound()
  const test = await findTest(ctx.db, testId)
  if (test === undefined) throw TestNotFound()
  const version = parseVersion(versionParam)
  const record = version === undefined ? undefined : await findVersion(ctx.db, test, version)
  if (record === undefined) throw TestVersionNotFound()
  return record
}
