import { catalog } from '@repo/events'
import type { AssessmentContext, RequestMeta } from '../context.js'
import type { AssessmentTx } from '../db/database.js'
import { insertVersion, type TestContent, type TestRow, type TestVersionRecord } from '../db/tests.js'
import { publishedTest } from '../views.js'

/**
 * Writes a new immutable version and, in the same transaction, `assessment.test.published.v1` with
 * its full content (answer keys included): grading and invitation keep their own copies from it.
 */
export async function publishVersion (ctx: AssessmentContext, tx: AssessmentTx, test: TestRow, version: number, content: TestContent, meta: RequestMeta): Promise<TestVersionRecord> {
  const record = await insertVersion(tx, test, version, content)
  await ctx.publish(tx, catalog.assessment.TestPublishedV1, publishedTest(record), meta)
  return record
}
