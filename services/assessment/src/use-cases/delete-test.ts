import type { AssessmentContext } from '../context.js'
import { countOpenInvites } from '../db/invite-statuses.js'
import { currentTitle, deactivateTest, lockTest } from '../db/tests.js'
import { TestHasOpenInvites, TestNotFound } from '../errors.js'
import { isUuid } from '@repo/kit'

/**
 * Soft delete (the original's DELETE /tests/{id}): refused while the test has open invites, which
 * assessment knows only from invitation's status events. An already inactive test counts as found.
 * An invite created after the last event arrived is not yet known here: invitation refuses invites
 * for inactive tests once it learns of the delete, the eventual-consistency price of not reading its tables.
 */
export async function deleteTest (ctx: AssessmentContext, testId: string): Promise<{ title: string }> {
  if (!isUuid(testId)) throw TestNotFound()
  return ctx.db.transaction(async (tx) => {
    const test = await lockTest(tx, testId)
    if (test === undefined) throw TestNotFound()
    if (await countOpenInvites(tx, test.id) > 0) throw TestHasOpenInvites()
    await deactivateTest(tx, test.id)
    return { title: await currentTitle(tx, test) }
  })
}
