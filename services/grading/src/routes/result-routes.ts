import { Type } from 'typebox'
import { requireRole } from '@repo/auth'
import type { ServiceApp } from '@repo/kit'
import type { GradingContext } from '../context.js'
import { exportResults } from '../use-cases/export-results.js'
import { getResult } from '../use-cases/get-result.js'
import { listResults } from '../use-cases/list-results.js'
import { resultDetailView, resultView } from '../views.js'
import { ResultDetail, ResultFilterQuerySchema, ResultList, ResultListQuerySchema, SubmissionParams } from './schemas.js'

/** The admin's /results routes (API.md 2.5), behind `get_admin_user` ("Not enough permissions"). */
// Documented as a string; typed as unknown because the body is streamed, not built in memory.
const CsvBody = Type.Unsafe<unknown>({ type: 'string', description: 'One row per result, with a header row' })

export function resultRoutes (app: ServiceApp, ctx: GradingContext): void {
  const admin = requireRole('admin')

  app.get('/api/results', { onRequest: admin, schema: { querystring: ResultListQuerySchema, response: { 200: ResultList } } }, async (request) => {
    const { rows, pagination } = await listResults(ctx, request.query)
    return { results: rows.map(resultView), pagination }
  })

  // A static path: the router prefers it to /api/results/:submission_id, whatever the order of registration.
  app.get('/api/results/export.csv', {
    onRequest: admin,
    schema: { querystring: ResultFilterQuerySchema, response: { 200: { content: { 'text/csv': { schema: CsvBody } } } } }
  }, async (request, reply) => {
    const csv = await exportResults(ctx, request.query)
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="results.csv"')
      .header('cache-control', 'no-store')
      .send(csv)
  })

  app.get('/api/results/:submission_id', {
    onRequest: admin,
    schema: { params: SubmissionParams, response: { 200: ResultDetail } }
  }, async (request) => {
    return resultDetailView(await getResult(ctx, request.params.submission_id))
  })
}
