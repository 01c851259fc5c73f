import type { PublishedTest } from '../assessment-client.js'
import type { InvitationContext } from '../context.js'
import { findNewestVersion, isWithdrawn } from '../db/test-versions.js'
import { TestNotFound } from '../errors.js'

/**
 * The test as assessment has it now, when an invite is made for a test this service has no copy of:
 * the admin created it a moment ago and its published event has not arrived yet (the one synchronous
 * call ARCHITECTURE.md allows). Null when a copy is here, or the test is archived or deleted (nothing to
 * read then). Assessment's 404 is "Test not found"; assessment being unreachable is a 503, never a 404
 * and never an invite for a test nobody knows. Called outside any transaction: a slow assessment must not
 * hold a database connection.
 */
export async function readLateTest (ctx: InvitationContext, testId: string, authorization: string): Promise<PublishedTest | null> {
  if (await findNewestVersion(ctx.db, testId) !== undefined || await isWithdrawn(ctx.db, testId)) return null
  const test = await ctx.assessment.currentTest(testId, authorization)
  if (test === null) throw TestNotFound()
  ctx.log.info({ testId, version: test.version }, 'read a test from assessment: its published event has not arrived yet')
  return test
}
