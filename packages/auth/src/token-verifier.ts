import { createDecoder, createVerifier } from 'fast-jwt'
import { isSupportedAlgorithm, type AccessTokenAlgorithm } from './algorithms.js'
import { toAuthUser, type AuthUser } from './auth-user.js'
import { InvalidToken, KeysUnavailable } from './errors.js'
import type { VerificationKey } from './jwk-import.js'
import { createKeyStore, type WarnLogger } from './jwks-key-store.js'

export type TokenVerifierOptions = {
  /** Identity's JWKS, e.g. `http://127.0.0.1:8001/.well-known/jwks.json`. */
  jwksUrl: string
  /** Reads the JWKS without HTTP (identity verifies against its own key table); `jwksUrl` is then only a label. */
  loadJwks?: () => Promise<unknown>
  /** The only accepted `iss`. */
  issuer: string
  /** The `aud` the token must name. */
  audience: string
  /** The pinned algorithms (default `['EdDSA']`): a token whose header names another is rejected. */
  algorithms?: AccessTokenAlgorithm[]
  /** How long a fetched JWKS is trusted (default 10 minutes). */
  jwksCacheMs?: number
  /** Minimum time between two JWKS fetches (default 5 s); bounds the fetches made-up kids can cause. */
  jwksCooldownMs?: number
  /** Timeout of one JWKS fetch (default 3 s). */
  jwksTimeoutMs?: number
  /** Revocation hook (D6): true rejects the token as invalid. Called for every otherwise valid token. */
  isRevoked?: (user: AuthUser) => boolean | Promise<boolean>
  /** Where a failed JWKS fetch is reported. */
  log?: WarnLogger
}

/** Checks an access token and returns its user, or throws the kit's AppError (401, or 503 when keys are out of reach). */
export type VerifyAccessToken = (token: string) => Promise<AuthUser>

const REQUIRED_CLAIMS = ['iss', 'aud', 'sub', 'email', 'role', 'jti', 'iat', 'exp']
// A kid is an opaque label; anything longer than this is not one of identity's.
const MAX_KID_LENGTH = 256
const decodeComplete = createDecoder({ complete: true })

type VerifySync = (token: string) => Record<string, unknown>

/** Reads the header without trusting it: only to choose the key and to refuse unpinned algorithms early. */
function headerOf (token: string): { alg: unknown, kid: unknown } | undefined {
  try {
    const decoded: unknown = decodeComplete(token)
    const header = (decoded as { header?: unknown }).header
    return header !== null && typeof header === 'object' ? header as { alg: unknown, kid: unknown } : undefined
  } catch {
    return undefined
  }
}

/**
 * Builds the one function that decides whether an access token is good, shared by the HTTP hook and
 * anything outside routes (WebSocket handshakes pass `?token=`). Order matters: the algorithm pin is
 * checked before any key lookup, so an `alg: none` or HS256 token never even causes a JWKS fetch.
 */
export function createTokenVerifier (options: TokenVerifierOptions): VerifyAccessToken {
  const algorithms = options.algorithms ?? ['EdDSA']
  // Options may come from untyped config: refuse anything but the asymmetric algorithms at start-up.
  if (algorithms.length === 0 || !algorithms.every(isSupportedAlgorithm)) {
    throw new Error(`@repo/auth: algorithms must be a non-empty subset of EdDSA, ES256 (got ${JSON.stringify(algorithms)})`)
  }
  const store = createKeyStore({
    jwksUrl: options.jwksUrl,
    ...(options.loadJwks === undefined ? {} : { loadJwks: options.loadJwks }),
    algorithms,
    cacheMs: options.jwksCacheMs ?? 10 * 60_000,
    cooldownMs: options.jwksCooldownMs ?? 5_000,
    timeoutMs: options.jwksTimeoutMs ?? 3_000,
    ...(options.log === undefined ? {} : { log: options.log })
  })

  // One fast-jwt verifier per key, each pinned to that key's single algorithm. Keys are new objects
  // after every JWKS fetch, so the WeakMap forgets verifiers of keys identity no longer lists.
  const verifiers = new WeakMap<VerificationKey, VerifySync>()
  function verifierFor (key: VerificationKey): VerifySync {
    let verify = verifiers.get(key)
    if (verify === undefined) {
      verify = createVerifier({
        key: key.pem,
        algorithms: [key.alg],
        allowedIss: options.issuer,
        allowedAud: options.audience,
        requiredClaims: REQUIRED_CLAIMS
      }) as VerifySync
      verifiers.set(key, verify)
    }
    return verify
  }

  return async function verifyAccessToken (token: string): Promise<AuthUser> {
    const header = headerOf(token)
    if (header === undefined || !algorithms.includes(header.alg as AccessTokenAlgorithm)) throw InvalidToken()
    const { kid } = header
    if (typeof kid !== 'string' || kid === '' || kid.length > MAX_KID_LENGTH) throw InvalidToken()

    const found = await store.lookup(kid)
    if (found.status === 'unavailable') throw KeysUnavailable()
    if (found.status === 'unknown' || found.key.alg !== header.alg) throw InvalidToken()

    let payload: Record<string, unknown>
    try {
      // Signature, alg, iss, aud, exp, nbf (when present) and the presence of every required claim.
      payload = verifierFor(found.key)(token)
    } catch {
      // The reason stays here: fast-jwt's messages are for us, and one answer for all keeps probing blind.
      throw InvalidToken()
    }
    const user = toAuthUser(payload)
    if (user === undefined) throw InvalidToken()
    if (options.isRevoked !== undefined && await options.isRevoked(user)) throw InvalidToken()
    return user
  }
}
