/**
 * GETs `path` (JSON) from the first of `urls` that answers 200, each asked in turn with its own
 * `timeoutMs`; throws the last failure when none does. For the gateway's own reads from a service
 * with replicas (its OpenAPI document, identity's JWKS): any replica has the same answer.
 */
export async function fetchJsonFromReplicas (urls: readonly string[], path: string, timeoutMs: number): Promise<unknown> {
  let failure: unknown = new Error('no replica')
  for (const url of urls) {
    try {
      const response = await fetch(new URL(path, url), { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) })
      if (response.ok) return await response.json()
      await response.body?.cancel()
      failure = new Error(`HTTP ${response.status}`)
    } catch (error) {
      failure = error
    }
  }
  throw failure
}
