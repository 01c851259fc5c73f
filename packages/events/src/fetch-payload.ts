import type { EventData, EventDefinition } from './define-event.js'

/** What a service said when asked over HTTP for what one of its events carries. */
export type PayloadLookup<T extends EventDefinition> =
  | { status: 'found', data: EventData<T> }
  | { status: 'missing' }
  | { status: 'unavailable', reason: string }

/**
 * Reads an event's payload from another service's internal API, for the rare case ARCHITECTURE.md
 * allows (the event has not arrived yet). Never throws: 404 is `missing`; a refusal, a 5xx, a timeout
 * (which covers the body too: a peer that sends headers and then stalls is as down as one that never
 * answers) or a body that is not that event's payload is `unavailable`.
 */
export async function fetchEventPayload<T extends EventDefinition> (definition: T, url: string, options: { headers: Record<string, string>, timeoutMs: number }): Promise<PayloadLookup<T>> {
  let body: unknown
  try {
    const response = await fetch(url, { headers: { ...options.headers, accept: 'application/json' }, signal: AbortSignal.timeout(options.timeoutMs) })
    if (response.status !== 200) {
      await response.body?.cancel()
      return response.status === 404 ? { status: 'missing' } : { status: 'unavailable', reason: `status ${response.status}` }
    }
    body = await response.json()
  } catch (error) {
    // Refused, reset, timed out, or not JSON.
    return { status: 'unavailable', reason: error instanceof Error ? error.message : String(error) }
  }
  if (!definition.validator.Check(body)) return { status: 'unavailable', reason: `the answer is not a ${definition.type} payload` }
  return { status: 'found', data: body as EventData<T> }
}
