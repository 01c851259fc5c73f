import { createPublicKey, type JsonWebKey } from 'node:crypto'
import type { AccessTokenAlgorithm } from './algorithms.js'

/** A public key from identity's JWKS, ready for fast-jwt (which takes PEM text, not KeyObjects). */
export type VerificationKey = { kid: string, alg: AccessTokenAlgorithm, pem: string }

/** The algorithm a key can verify follows from its type and curve; its optional `alg` may only agree. */
function algorithmOf (jwk: JsonWebKey): AccessTokenAlgorithm | undefined {
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') return 'EdDSA'
  if (jwk.kty === 'EC' && jwk.crv === 'P-256') return 'ES256'
  return undefined
}

function importKey (jwk: JsonWebKey, algorithms: readonly AccessTokenAlgorithm[]): VerificationKey | undefined {
  const { kid, use, alg: declared } = jwk as JsonWebKey & { kid?: unknown, use?: unknown, alg?: unknown }
  if (typeof kid !== 'string' || kid === '') return undefined
  if (use !== undefined && use !== 'sig') return undefined
  const alg = algorithmOf(jwk)
  if (alg === undefined || !algorithms.includes(alg)) return undefined
  if (declared !== undefined && declared !== alg) return undefined
  try {
    // Only the public members are imported: a private `d` published by mistake must not matter here.
    const publicPart: JsonWebKey = { kty: jwk.kty, crv: jwk.crv, x: jwk.x, ...(jwk.y === undefined ? {} : { y: jwk.y }) }
    const pem = createPublicKey({ key: publicPart, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString()
    return { kid, alg, pem }
  } catch {
    return undefined
  }
}

/**
 * The usable keys of a JWKS document, by kid. Keys this service may not accept (another algorithm, an
 * encryption key, a broken one) are left out, so a token naming them fails as an unknown kid.
 * Throws when the document is not a JWKS at all, which counts as a failed fetch.
 */
export function importJwks (document: unknown, algorithms: readonly AccessTokenAlgorithm[]): Map<string, VerificationKey> {
  const keys = (document as { keys?: unknown } | null)?.keys
  if (!Array.isArray(keys)) throw new Error('the JWKS document has no "keys" array')
  const byKid = new Map<string, VerificationKey>()
  for (const jwk of keys as unknown[]) {
    if (jwk === null || typeof jwk !== 'object') continue
    const key = importKey(jwk as JsonWebKey, algorithms)
    // A kid listed twice is ambiguous; the first one wins, as in most JWKS clients.
    if (key !== undefined && !byKid.has(key.kid)) byKid.set(key.kid, key)
  }
  return byKid
}
