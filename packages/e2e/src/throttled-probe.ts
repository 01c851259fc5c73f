/**
 * Wraps a waitFor probe so it calls the API at most once per `intervalMs`: waitFor polls every 25 ms,
 * which a stack with the gateway's default rate limits (600 requests a minute per address) would
 * soon answer with 429. Between calls the wrapped probe answers undefined, which waitFor takes as
 * "not yet", so the wait stays bounded by waitFor's own timeout.
 */
export function throttled<T> (probe: () => Promise<T | undefined>, intervalMs = 200): () => Promise<T | undefined> {
  let last = 0
  return async () => {
    if (Date.now() - last < intervalMs) return undefined
    last = Date.now()
    return await probe()
  }
}
