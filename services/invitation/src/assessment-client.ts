import type { FastifyBaseLogger } from 'fastify'
import { catalog, type EventData } from '@repo/events'
import { AssessmentUnavailable } from './errors.js'

export type PublishedTest = EventData<typeof catalog.assessment.TestPublishedV1>

export type AssessmentClient = {
  /**
   * The current version of an active test as `assessment.test.published.v1` carries it, read with the
   * admin's own `Authorization` header (the request has one; INTERNAL_API_TOKEN is for consumers, which do not); null when assessment answers
   * 404 (missing or soft-deleted). Anything else (down, timeout, 5xx, a refusal, a body that is not that
   * payload) throws AssessmentUnavailable (503): it never becomes "not found", nor a 500.
   */
  currentTest: (testId: string, authorization: string) => Promise<PublishedTest | null>
}

export type AssessmentClientOptions = { baseUrl: string, timeoutMs: number, log: FastifyBaseLogger }

type Answer = { status: number, body: unknown }

/** GET with a deadline that covers the body too: a peer that sends headers and then stalls is as down as one that never answers. */
async function getJson (url: URL, authorization: string, timeoutMs: number): Promise<Answer> {
  const response = await fetch(url, { headers: { authorization, accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) })
  if (response.status !== 200) {
    await response.body?.cancel()
    return { status: response.status, body: undefined }
  }
  return { status: 200, body: await response.json() }
}

/** The only synchronous call invitation makes (ARCHITECTURE.md): to assessment's internal read. */
export function createAssessmentClient (options: AssessmentClientOptions): AssessmentClient {
  const unavailable = (testId: string, reason: string, extra: Record<string, unknown> = {}) => {
    options.log.warn({ testId, reason, ...extra }, 'could not read a test from assessment')
    return AssessmentUnavailable()
  }
  return {
    currentTest: async (testId, authorization) => {
      const url = new URL(`${options.baseUrl.replace(/\/+$/, '')}/internal/tests/${encodeURIComponent(testId)}/current`)
      let answer: Answer
      try {
        answer = await getJson(url, authorization, options.timeoutMs)
      } catch (error) {
        // Refused, reset, timed out, or not JSON.
        throw unavailable(testId, error instanceof Error ? error.message : String(error))
      }
      if (answer.status === 404) return null
      if (answer.status !== 200) throw unavailable(testId, 'unexpected status', { status: answer.status })
      if (!catalog.assessment.TestPublishedV1.validator.Check(answer.body)) throw unavailable(testId, 'the answer is not a test.published payload')
      const test = answer.body as PublishedTest
      if (test.testId !== testId) throw unavailable(testId, 'the answer is about another test', { answered: test.testId })
      return test
    }
  }
}
