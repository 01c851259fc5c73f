import type { GradingContext } from '../context.js'
import { recomputeMonitoring } from '../db/results.js'

/**
 * POST /admin/fix-monitoring-status: every submission's `is_monitored` set again from the invites
 * signaling reported as monitored (API.md rule 9, 2.7). Answers how many submissions changed.
 */
export async function fixMonitoringStatus (ctx: GradingContext): Promise<number> {
  const changed = await recomputeMonitoring(ctx.db)
  ctx.log.info({ changed }, 'recomputed is_monitored of every submission')
  return changed
}
