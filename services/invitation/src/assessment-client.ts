import type { FastifyBaseLogger } from 'fastify'
import { catalog, fetchEventPayload, type EventData } from '@repo/events'
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

/** The only synchronous call invitation makes (ARCHITECTURE.md): to assessment's internal read. */
export function createAssessmentClient (options: AssessmentClientOptions): AssessmentClient {
  const unavailable = (testId: string, reason: string, extra: Record<string, unknown> = {}) => {
    options.log.warn({ testId, reason, ...extra }, 'could not read a test from assessment')
    return AssessmentUnavailable()
  }
  return {
    currentTest: async (testId, authorization) => {
      const url = `${options.baseUrl.replace(/\/+$/, '')}/internal/tests/${encodeURIComponent(testId)}/current`
      const lookup = await fetchEventPayload(catalog.assessment.TestPublishedV1, url, { headers: { authorization }, timeoutMs: options.timeoutMs })
      if (lookup.status === 'missing') return null
      if (lookup.status === 'unavailable') throw unavailable(testId, lookup.reason)
      if (lookup.data.testId !== testId) throw unavailable(testId, 'the answer is about another test', { answered: lookup.data.testId })
      return lookup.data
    }
  }
}
