import { catalog, fetchEventPayload, type EventData } from '@repo/events'

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
      const lookup = await fetchEventPayload(catalog.assessment.TestPublishedV1, url, { headers: { 'x-internal-token': options.token }, timeoutMs: options.timeoutMs })
      if (lookup.status !== 'found') return lookup
      const found = lookup.data
      if (found.testId !== testId || found.version !== version) return { status: 'unavailable', reason: `the answer is about ${found.testId} v${found.version}` }
      return { status: 'found', version: found }
    }
  }
}
