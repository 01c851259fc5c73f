import { isUuid } from '@repo/kit'
import type { GradingContext } from '../context.js'
import { findSubmission, listAnswers, type AnswerRow, type SubmissionRow, type TestVersionRow } from '../db/results.js'
import { SubmissionNotFound } from '../errors.js'

export type ResultDetail = { submission: SubmissionRow, version: TestVersionRow, answers: AnswerRow[] }

/** A submission with its pinned version and its answers in question order (GET /results/{id}, GET /admin/scoring/{id}). */
export async function getResult (ctx: GradingContext, submissionId: string): Promise<ResultDetail> {
  if (!isUuid(submissionId)) throw SubmissionNotFound()
  const found = await findSubmission(ctx.db, submissionId)
  if (found === undefined) throw SubmissionNotFound()
  return { ...found, answers: await listAnswers(ctx.db, submissionId) }
}
