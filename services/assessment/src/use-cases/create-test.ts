import type { AssessmentContext, RequestMeta } from '../context.js'
import { insertTest, type TestContent, type TestVersionRecord } from '../db/tests.js'
import { publishVersion } from './publish-version.js'

/** A new test at version 1, created by `adminId`. */
export async function createTest (ctx: AssessmentContext, adminId: string, content: TestContent, meta: RequestMeta): Promise<TestVersionRecord> {
  return ctx.db.transaction(async (tx) => {
    const test = await insertTest(tx, adminId)
    return publishVersion(ctx, tx, test, 1, content, meta)
  })
}
