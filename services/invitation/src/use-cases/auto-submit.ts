import { randomUUID } from 'node:crypto'
import type { InvitationContext } from '../context.js'
import { findPinnedVersion } from '../db/invites.js'
import { claimDueSessions } from '../db/sessions.js'
import { completeSession } from './submit-test.js'

const BATCH = 50

/**
 * Submits, with their saved answers, the started sessions whose deadline plus grace has passed (D11).
 * Each batch is claimed with FOR UPDATE SKIP LOCKED and completed in that transaction, so replicas
 * running this at once never submit a session twice, and a restart just finds what is still due.
 * Returns how many were submitted.
 */
export async function autoSubmitDue (ctx: InvitationContext): Promise<number> {
  let total = 0
  for (;;) {
    const submitted = await ctx.db.transaction(async (tx) => {
      const now = new Date()
      const due = await claimDueSessions(tx, now, ctx.submitGraceSeconds, BATCH)
      for (const invite of due) {
        const version = await findPinnedVersion(tx, invite)
        if (version === undefined) continue
        const submission = await completeSession(ctx, tx, invite, version, [], { now, autoSubmitted: true, meta: { traceId: randomUUID() } })
        ctx.log.info({ inviteId: invite.id, submissionId: submission.id }, 'auto-submitted a session past its deadline')
      }
      return due.length
    })
    total += submitted
    if (submitted < BATCH) return total
  }
}
