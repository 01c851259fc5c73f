import type { AssessmentContext, RequestMeta } from '../context.js'
import { lockTest, setCurrentVersion, type TestContent, type TestVersionRecord } from '../db/tests.js'
import { TestNotEditable } from '../errors.js'
import { isUuid } from '@repo/kit'
import { publishVersion } from './publish-version.js'

/**
 * An edit makes a new version (D9); earlier versions, and the invites and submissions pinned to them,
 * are never touched. So, unlike the original, an edit is allowed while someone is taking the test: its
 * 400 "Cannot update test while someone is currently taking it" guarded the in-place rewrite that D9
 * replaces. Only the creator may edit, and only an active test (the original's 404 otherwise).
 */
export async function updateTest (ctx: AssessmentContext, adminId: string, testId: string, content: TestContent, meta: RequestMeta): Promise<TestVersionRecord> {
  if (!isUuid(testId)) throw TestNotEditable()
  return ctx.db.transaction(async (tx) => {
    // The row lock makes two concurrent edits produce versions n+1 and n+2, never two n+1.
    const test = await lockTest(tx, testId)
    if (test === undefined || !test.isActive || test.createdBy !== adminId) throw TestNotEditable()
    const version = test.currentVersion + 1
    const updated = await setCurrentVersion(tx, test.id, version)
    return publishVersion(ctx, tx, updated, version, content, meta)
  })
}
