import type { FastifyBaseLogger } from 'fastify'
import type { AssessmentClient } from '../assessment-client.js'
import type { GradingContext } from '../context.js'
import { waitingVersions, type WaitingVersion } from '../db/pending-submissions.js'
import { findTestVersion } from '../db/test-versions.js'
import { gradePending } from './grade-submission.js'
import { recordTestVersion } from './record-test-version.js'

export type PendingPassContext = Pick<GradingContext, 'db' | 'publish'> & {
  log: FastifyBaseLogger
  /** Assessment's internal read; undefined without INTERNAL_API_TOKEN (submissions then wait for the event). */
  assessment: AssessmentClient | undefined
}

// Reads of assessment under way at once in one pass.
const READ_CONCURRENCY = 4

/**
 * One pass over pending_submissions, run by a job in every replica (rows are claimed with SKIP LOCKED):
 * 1. submissions whose version has arrived meanwhile are graded (this also closes the race where the
 *    version's and the submission's transactions commit at the same time and neither sees the other);
 * 2. for every version still unknown, assessment's internal read is asked, outside any transaction,
 *    with a timeout; a version it returns is stored (as if its event had come) and its submissions
 *    graded in a short transaction. One that it does not know, or an assessment that is down, leaves
 *    the submissions waiting for the next pass or the event; nothing is ever dropped.
 */
export async function resolvePending (ctx: PendingPassContext): Promise<{ settled: number, waiting: number }> {
  const waiting = await waitingVersions(ctx.db)
  if (waiting.length === 0) return { settled: 0, waiting: 0 }
  let settled = 0
  for (const each of waiting.filter((item) => item.known)) settled += await gradeAll(ctx, each)
  const unknown = waiting.filter((item) => !item.known)
  const { assessment } = ctx
  if (unknown.length > 0 && assessment === undefined) {
    ctx.log.debug({ versions: unknown.length }, 'submissions wait for their version\'s published event (no INTERNAL_API_TOKEN to ask assessment)')
  }
  if (assessment !== undefined) {
    const queue = [...unknown]
    await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, queue.length) }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) settled += await readAndGrade(ctx, assessment, item)
    }))
  }
  return { settled, waiting: waiting.length }
}

async function readAndGrade (ctx: PendingPassContext, assessment: AssessmentClient, item: WaitingVersion): Promise<number> {
  const lookup = await assessment.testVersion(item.testId, item.version)
  if (lookup.status === 'missing') {
    ctx.log.warn({ testId: item.testId, version: item.version }, 'assessment does not know the version pending submissions are pinned to; they keep waiting')
    return 0
  }
  if (lookup.status === 'unavailable') {
    ctx.log.warn({ testId: item.testId, version: item.version, reason: lookup.reason }, 'could not read a version from assessment; pending submissions keep waiting')
    return 0
  }
  const stored = await ctx.db.transaction(async (tx) => await recordTestVersion(tx, lookup.version))
  ctx.log.info({ testId: item.testId, version: item.version, stored }, 'read a version from assessment for pending submissions')
  return stored === 'deleted' ? 0 : await gradeAll(ctx, item)
}

/** Grades a known version's pending submissions, a bounded batch per transaction; answers how many were settled. */
async function gradeAll (ctx: PendingPassContext, item: WaitingVersion): Promise<number> {
  let settled = 0
  for (;;) {
    const result = await ctx.db.transaction(async (tx) => {
      const version = await findTestVersion(tx, item.testId, item.version)
      return version === undefined ? undefined : await gradePending(ctx, tx, version)
    })
    if (result === undefined) return settled
    const count = Object.values(result.outcomes).reduce((sum, n) => sum + n, 0)
    settled += count
    if (count > 0) ctx.log.info({ testId: item.testId, version: item.version, outcomes: result.outcomes }, 'graded pending submissions')
    if (!result.more) return settled
  }
}
