import type { IdentityDb } from '../db/database.js'
import { insertSigningKey, pruneSigningKeys } from '../db/signing-keys.js'
import { generateKeyMaterial } from '../tokens/key-material.js'

/**
 * Adds a new signing key that takes over `activationSeconds` from now. Until then verifiers can fetch
 * it from the JWKS (they refetch at most every 5 s), so its first token is never an unknown kid; the
 * replaced key stays listed until its tokens have expired. Keys no token can need any more are dropped.
 */
export async function rotateSigningKey (db: IdentityDb, options: { activationSeconds: number, tokenLifetimeSeconds: number }): Promise<{ kid: string, activeFrom: Date, pruned: number }> {
  const key = generateKeyMaterial()
  const activeFrom = new Date(Date.now() + options.activationSeconds * 1000)
  await insertSigningKey(db, key, { activeFrom, storePrivate: true })
  const pruned = await pruneSigningKeys(db, options.tokenLifetimeSeconds)
  return { kid: key.kid, activeFrom, pruned }
}
