import { randomUUID } from 'node:crypto'
import type { InvitationContext } from '../context.js'
import { claimUnconfirmed, markRepublished } from '../db/grading-confirmations.js'
import { publishSubmitted } from './publish-submission.js'

const BATCH = 100

/**
 * End-to-end confirmation of submissions (issue 5): a submission stays "awaiting grade" until
 * `grading.submission.graded.v1` names it. One not confirmed within `timeoutMs` of its last publish is
 * published again, so even a message lost inside NATS, or a grading consumer that was reset, is
 * recovered. Grading is idempotent on `submissionId`, so a republish of one that was graded late does
 * no harm. Returns how many were republished.
 */
export async function republishUnconfirmed (ctx: Pick<InvitationContext, 'db' | 'publish' | 'log'>, timeoutMs: number): Promise<number> {
  let total = 0
  for (;;) {
    const republished = await ctx.db.transaction(async (tx) => {
      const now = new Date()
      const due = await claimUnconfirmed(tx, new Date(now.getTime() - timeoutMs), BATCH)
      const traceId = randomUUID()
      for (const { submission, inviteToken } of due) await publishSubmitted(ctx, tx, submission, inviteToken, { traceId })
      await markRepublished(tx, due.map(({ submission }) => submission.id), now)
      if (due.length > 0) {
        ctx.log.warn({ submissionIds: due.map(({ submission }) => submission.id), traceId }, 'grading has not confirmed these submissions in time; published them again')
      }
      return due.length
    })
    total += republished
    if (republished < BATCH) return total
  }
}
