import type { GradingContext } from '../context.js'
import { isUuid } from '@repo/kit'
import { findSubmissionOf, listSubmissionsOf, type Page, type SubmissionWithTest } from '../db/results.js'
import { SubmissionNotFound } from '../errors.js'

/** The caller's own submissions (GET /my-submissions), matched by the token's e-mail case-insensitively. */
export async function listMySubmissions (ctx: GradingContext, email: string, page: Page): Promise<SubmissionWithTest[]> {
  return listSubmissionsOf(ctx.db, email, page)
}

/**
 * One of the caller's own submissions (GET /my-submissions/{id}, beyond the original). Another
 * applicant's submission is answered exactly like a missing one, 404, so ids cannot be probed.
 */
export async function getMySubmission (ctx: GradingContext, email: string, submissionId: string): Promise<SubmissionWithTest> {
  if (!isUuid(submissionId)) throw SubmissionNotFound()
  const row = await findSubmissionOf(ctx.db, email, submissionId)
  if (row === undefined) throw SubmissionNotFound()
  return row
}
