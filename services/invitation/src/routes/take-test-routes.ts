import type { FastifyRequest } from 'fastify'
import { ValidationFailed, type ServiceApp } from '@repo/kit'
import type { InvitationContext } from '../context.js'
import { saveAnswers } from '../use-cases/save-answers.js'
import { startTest } from '../use-cases/start-test.js'
import { submitTest } from '../use-cases/submit-test.js'
import { takeTest } from '../use-cases/take-test.js'
import { takeTestView } from '../views.js'
import { AnswersInputSchema, SavedAnswersResponse, StartTestResponse, SubmitTestResponse, TakeTestResponse, TokenParams } from './schemas.js'

/**
 * The validator coerces a number to a string; the original answers 422 for a non-string `answer`, so the
 * raw body is checked before validation.
 */
async function rejectNonStringAnswers (request: FastifyRequest): Promise<void> {
  const answers: unknown = (request.body as { answers?: unknown } | null)?.answers
  if (!Array.isArray(answers)) return
  const errors = answers.flatMap((item: unknown, index) => {
    const answer: unknown = typeof item === 'object' && item !== null ? (item as { answer?: unknown }).answer : undefined
    return answer === undefined || typeof answer === 'string' ? [] : [{ loc: ['body', 'answers', index, 'answer'], msg: 'Input should be a valid string', type: 'string_type' }]
  })
  if (errors.length > 0) throw new ValidationFailed(errors)
}

/** Taking a test (API.md 2.4, D10-D12): public, the invite token is the credential; the server's clock decides. */
export function takeTestRoutes (app: ServiceApp, ctx: InvitationContext): void {
  app.get('/api/take-test/:token', { schema: { params: TokenParams, response: { 200: TakeTestResponse } } }, async (request) => {
    return takeTestView(await takeTest(ctx, request.params.token))
  })

  app.post('/api/start-test/:token', { schema: { params: TokenParams, response: { 200: StartTestResponse } } }, async (request) => {
    await startTest(ctx, request.params.token, { traceId: request.id })
    return { message: 'Test started successfully', status: 'in_progress' as const }
  })

  app.put('/api/take-test/:token/answers', {
    preValidation: rejectNonStringAnswers,
    schema: { params: TokenParams, body: AnswersInputSchema, response: { 200: SavedAnswersResponse } }
  }, async (request) => {
    const savedAt = await saveAnswers(ctx, request.params.token, request.body.answers)
    return { saved_at: savedAt.toISOString() }
  })

  app.post('/api/submit-test/:token', {
    preValidation: rejectNonStringAnswers,
    schema: { params: TokenParams, body: AnswersInputSchema, response: { 200: SubmitTestResponse } }
  }, async (request) => {
    const submission = await submitTest(ctx, request.params.token, request.body.answers, { traceId: request.id })
    return {
      message: 'Test submitted successfully',
      submission_id: submission.id,
      scoring_status: 'pending',
      needs_manual_review: submission.needsManualReview,
      score: null,
      auto_score: null,
      final_score: null
    }
  })
}
