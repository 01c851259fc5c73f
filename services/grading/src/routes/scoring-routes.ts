import { requireRole, requireRoleWith } from '@repo/auth'
import { ErrorResponseSchema, PageQuerySchema, type ServiceApp } from '@repo/kit'
import type { GradingContext } from '../context.js'
import { AutoReviewNotImplemented } from '../errors.js'
import { fixMonitoringStatus } from '../use-cases/fix-monitoring-status.js'
import { getResult } from '../use-cases/get-result.js'
import { getScoringQueue } from '../use-cases/get-scoring-queue.js'
import { scoreAnswer } from '../use-cases/score-answer.js'
import { queueView, scoringDetailView } from '../views.js'
import { AnswerParams, FixMonitoringResponse, ScoreInputSchema, ScoreResponse, ScoringDetail, ScoringQueue, SubmissionParams } from './schemas.js'

/**
 * Manual review (API.md 2.6), behind the original's inline check ("Admin access required"), and
 * POST /admin/fix-monitoring-status (API.md 2.7), behind `get_admin_user` ("Not enough permissions").
 */
export function scoringRoutes (app: ServiceApp, ctx: GradingContext): void {
  const adminStar = requireRoleWith({ roles: ['admin'], detail: 'Admin access required' })

  // Not in the original, which returns the whole queue: D18's limit/offset bound it.
  app.get('/api/admin/scoring-queue', { onRequest: adminStar, schema: { querystring: PageQuerySchema, response: { 200: ScoringQueue } } }, async (request) => {
    return { submissions: (await getScoringQueue(ctx, request.query)).map(queueView) }
  })

  app.get('/api/admin/scoring/:submission_id', {
    onRequest: adminStar,
    schema: { params: SubmissionParams, response: { 200: ScoringDetail } }
  }, async (request) => {
    return scoringDetailView(await getResult(ctx, request.params.submission_id))
  })

  app.post('/api/admin/scoring/:submission_id/answer/:answer_id', {
    onRequest: adminStar,
    schema: { params: AnswerParams, body: ScoreInputSchema, response: { 200: ScoreResponse } }
  }, async (request) => {
    const { body, params } = request
    const scored = await scoreAnswer(ctx, request.user.id, params.submission_id, params.answer_id, {
      scoreStatus: body.score_status,
      manualScore: body.manual_score,
      ...(body.comments === undefined ? {} : { comments: body.comments })
    }, { traceId: request.id })
    return {
      message: 'Answer scored successfully',
      submission_id: scored.id,
      scoring_status: scored.scoringStatus,
      auto_score: scored.autoScore,
      manual_score: scored.manualScore,
      final_score: scored.finalScore
    }
  })

  // API.md "Out of this version": the Gemini-backed review calls an outside service.
  app.post('/api/admin/auto-review/:submission_id', { onRequest: adminStar, schema: { params: SubmissionParams, response: { 501: ErrorResponseSchema } } }, async () => {
    throw AutoReviewNotImplemented()
  })

  app.post('/api/admin/fix-monitoring-status', { onRequest: requireRole('admin'), schema: { response: { 200: FixMonitoringResponse } } }, async () => {
    const changed = await fixMonitoringStatus(ctx)
    return { message: 'Monitoring status updated for all submissions', updated: changed }
  })
}
