import { Type } from 'typebox'
import { PageQuerySchema, type ServiceApp } from '@repo/kit'
import type { GradingContext } from '../context.js'
import { getMySubmission, listMySubmissions } from '../use-cases/list-my-submissions.js'
import { mySubmissionView } from '../views.js'
import { MySubmission, SubmissionParams } from './schemas.js'

/**
 * GET /my-submissions (API.md 2.5) and GET /my-submissions/{id}: any signed-in user, only their own,
 * matched by the e-mail in their token.
 */
export function mySubmissionsRoutes (app: ServiceApp, ctx: GradingContext): void {
  app.get('/api/my-submissions', {
    onRequest: app.authenticate,
    schema: { querystring: PageQuerySchema, response: { 200: Type.Array(MySubmission) } }
  }, async (request) => {
    return (await listMySubmissions(ctx, request.user.email, request.query)).map(mySubmissionView)
  })

  app.get('/api/my-submissions/:submission_id', {
    onRequest: app.authenticate,
    schema: { params: SubmissionParams, response: { 200: MySubmission } }
  }, async (request) => {
    return mySubmissionView(await getMySubmission(ctx, request.user.email, request.params.submission_id))
  })
}
