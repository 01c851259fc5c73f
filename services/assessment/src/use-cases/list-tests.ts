import type { AssessmentContext } from '../context.js'
import { listActiveTests, type TestVersionRecord } from '../db/tests.js'

/** Every admin's active tests, newest first, as the original's GET /tests (with D18 paging). */
export async function listTests (ctx: AssessmentContext, page: { limit: number, offset: number }): Promise<TestVersionRecord[]> {
  return listActiveTests(ctx.db, page)
}
