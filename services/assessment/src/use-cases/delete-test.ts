import { catalog } from '@repo/events'
import type { AssessmentContext, RequestMeta } from '../context.js'
import { countOpenInvites } from '../db/invite-statuses.js'
import { currentTitle, deactivateTest, lockTest } from '../db/tests.js'
import { TestHasOpenInvites, TestNotFound } from '../errors.js'
import { isUuid } from '@repo/kit'

/**
 * Soft delete (the original's DELETE /tests/{id}): refused while the test has open invites, which
 * assessment knows only from invitation's status events. An already inactive test counts as found.
 * `assessment.test.archived.v1` goes out in the same transaction (once, when the test was active):
 * invitation then refuses new invites for it while those already made stay usable. An invite created
 * before that event arrives is not known here: the eventual-consistency price of not reading its tables.
 */
export async function deleteTest (ctx: AssessmentContext, testId: string, meta: RequestMeta): Promise<{ title: string }> {
  if (!isUuid(testId)) throw TestNotFound()
  return ctx.db.transaction(async (tx) => {
    const test = await lockTest(tx, testId)
    if (test === undefined) throw TestNotFound()
    if (await countOpenInvites(tx, test.id) > 0) throw TestHasOpenInvites()
    if (test.isActive) {
      await deactivateTest(tx, test.id)
      await ctx.publish(tx, catalog.assessment.TestArchivedV1, { testId: test.id, archivedAt: new Date().toISOString() }, meta)
    }
    return { title: await currentTitle(tx, test) }
  })
}
