import type { GradingContext } from '../context.js'
import { listReviewQueue, type Page, type QueueRow } from '../db/results.js'

/** GET /admin/scoring-queue: submissions waiting for a reviewer (needs_review, partially_reviewed), oldest first. */
export async function getScoringQueue (ctx: GradingContext, page: Page): Promise<QueueRow[]> {
  return listReviewQueue(ctx.db, page)
}
