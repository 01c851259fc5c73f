import { catalog } from '@repo/events'
import type { AssessmentContext, RequestMeta } from '../context.js'
import { countOpenInvites, forgetInvites } from '../db/invite-statuses.js'
import { currentTitle, deleteTest, lockTest } from '../db/tests.js'
import { TestNotFound } from '../errors.js'
import { isUuid } from '@repo/kit'

export type ForceDeleted = { title: string, deletedInvites: number }

/**
 * Hard delete of the test with every version, and `assessment.test.deleted.v1` in the same
 * transaction: invitation, grading and signaling erase that test's invites, sessions and submissions
 * when it reaches them. `deletedInvites` is the number of open invites assessment knew of.
 */
export async function forceDeleteTest (ctx: AssessmentContext, testId: string, meta: RequestMeta): Promise<ForceDeleted> {
  if (!isUuid(testId)) throw TestNotFound()
  return ctx.db.transaction(async (tx) => {
    const test = await lockTest(tx, testId)
    if (test === undefined) throw TestNotFound()
    const title = await currentTitle(tx, test)
    const deletedInvites = await countOpenInvites(tx, test.id)
    await forgetInvites(tx, test.id)
    await deleteTest(tx, test.id)
    await ctx.publish(tx, catalog.assessment.TestDeletedV1, { testId: test.id, deletedAt: new Date().toISOString() }, meta)
    return { title, deletedInvites }
  })
}
