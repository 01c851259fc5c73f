import { catalog, type EventData } from '@repo/events'

export type PublishedVersion = EventData<typeof catalog.assessment.TestPublishedV1>

/** What assessment said about one version: here it is, it does not exist (404), or no usable answer. */
export type VersionLookup =
  | { status: 'found', version: PublishedVersion }
  | { status: 'missing' }
  | { status: 'unavailable', reason: string }

export type AssessmentClient = {
  /**
   * One exact version with its answer keys, as `assessment.test.published.v1` carries it, read from
   * assessment's internal API with the service credential. Never throws: down, timeout, 5xx, a refusal,
   * or an answer that is not that payload (or is about another version) is `unavailable`.
   */
  testVersion: (testId: string, version: number) => Promise<VersionLookup>
}

export type AssessmentClientOptions = { baseUrl: string, token: string, timeoutMs: number }

/**
 * The only synchronous call grading makes (ARCHITECTURE.md): the answer keys of a version whose
 * published event has not arrived yet. Called by the pending pass, never inside a transaction.
 */
export function createAssessmentClient (options: AssessmentClientOptions): AssessmentClient {
  const base = options.baseUrl.replace(/\/+$/, '')
  return {
    testVersion: async (testId, version) => {
      const url = `${base}/internal/tests/${encodeURIComponent(testId)}/versions/${version}`
      let body: unknown
      try {
        // The deadline covers the body too: a peer that sends headers and then stalls is as down as one that never answers.
        const response = await fetch(url, {
          headers: { 'x-internal-token': options.token, accept: 'application/json' },
          signal: AbortSignal.timeout(options.timeoutMs)
        })
        if (response.status !== 200) {
          await response.body?.cancel()
          return response.status === 404 ? { status: 'missing' } : { status: 'unavailable', reason: `status ${response.status}` }
        }
        body = await response.json()
      } catch (error) {
        return { status: 'unavailable', reason: error instanceof Error ? error.message : String(error) }
      }
      if (!catalog.assessment.TestPublishedV1.validator.Check(body)) return { status: 'unavailable', reason: 'the answer is not a test.published payload' }
      const found = body as PublishedVersion
      if (found.testId !== testId || found.version !== version) return { status: 'unavailable', reason: `the answer is about ${found.testId} v${found.version}` }
      return { status: 'found', version: found }
    }
  }
}
