import type { AccessTokenAlgorithm } from './algorithms.js'
import { importJwks, type VerificationKey } from './jwk-import.js'

export type WarnLogger = { warn: (details: object, message: string) => void }

export type KeyStoreOptions = {
  jwksUrl: string
  /** Reads the JWKS some other way (identity reads its own keys without HTTP); replaces the fetch. */
  loadJwks?: () => Promise<unknown>
  algorithms: readonly AccessTokenAlgorithm[]
  /** How long a fetched JWKS is trusted before it is fetched again. */
  cacheMs: number
  /** No fetch starts sooner than this after the previous one, whatever the kids asked for. */
  cooldownMs: number
  timeoutMs: number
  log?: WarnLogger
}

export type KeyLookup =
  | { status: 'found', key: VerificationKey }
  /** The latest fetch worked and does not list this kid. */
  | { status: 'unknown' }
  /** The latest fetch failed and this kid is not cached: nobody can tell whether the key exists. */
  | { status: 'unavailable' }

/**
 * Identity's public keys, fetched from its JWKS and kept by kid.
 *
 * - A kid that is not cached (a rotated key) or a cache older than `cacheMs` triggers a fetch, but at
 *   most one fetch runs at a time and none starts within `cooldownMs` of the previous attempt, so a
 *   flood of made-up kids costs identity one request per cooldown. A new key is therefore picked up
 *   at once as long as identity lists it in its JWKS at least `cooldownMs` before signing with it:
 *   any fetch inside the cooldown already saw it.
 * - When a fetch fails, the keys already cached stay in use (identity being down must not log
 *   everybody out); only a kid with no cached key is "unavailable".
 */
export function createKeyStore (options: KeyStoreOptions) {
  let keys = new Map<string, VerificationKey>()
  // performance.now() is monotonic: a wall-clock jump must not open the cooldown or freeze the cache.
  let fetchedAt = Number.NEGATIVE_INFINITY
  let attemptedAt = Number.NEGATIVE_INFINITY
  let lastAttemptFailed = false
  let inFlight: Promise<void> | undefined

  async function fetchJwks (): Promise<unknown> {
    const response = await fetch(options.jwksUrl, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(options.timeoutMs)
    })
    if (!response.ok) throw new Error(`the JWKS endpoint answered ${response.status}`)
    return await response.json()
  }

  async function load (): Promise<void> {
    attemptedAt = performance.now()
    try {
      keys = importJwks(await (options.loadJwks ?? fetchJwks)(), options.algorithms)
      fetchedAt = performance.now()
      lastAttemptFailed = false
    } catch (error) {
      lastAttemptFailed = true
      options.log?.warn({ err: error, jwksUrl: options.jwksUrl, cachedKeys: keys.size }, 'could not fetch the JWKS; keeping the cached keys')
    }
  }

  function refresh (): Promise<void> {
    inFlight ??= load().finally(() => { inFlight = undefined })
    return inFlight
  }

  async function lookup (kid: string): Promise<KeyLookup> {
    // A fetch already on its way may bring this kid; wait for it rather than judge on old keys.
    if (inFlight !== undefined) await inFlight
    const now = performance.now()
    const fresh = now - fetchedAt < options.cacheMs
    if (!(fresh && keys.has(kid)) && now - attemptedAt >= options.cooldownMs) await refresh()
    const key = keys.get(kid)
    if (key !== undefined) return { status: 'found', key }
    return lastAttemptFailed ? { status: 'unavailable' } : { status: 'unknown' }
  }

  return { lookup }
}

export type KeyStore = ReturnType<typeof createKeyStore>
