import { asc, isNotNull, sql } from 'drizzle-orm'
import type { KeyMaterial, PublicJwk } from '../tokens/key-material.js'
import { ALGORITHM } from '../tokens/key-material.js'
import type { IdentityQueryable } from './database.js'
import { signingKeys } from './schema.js'

export type StoredKey = { kid: string, publicJwk: PublicJwk, privatePem: string | null, activeFrom: Date }

export async function listSigningKeys (db: IdentityQueryable): Promise<StoredKey[]> {
  const rows = await db.select().from(signingKeys).orderBy(asc(signingKeys.activeFrom), asc(signingKeys.kid))
  return rows.map((row) => ({ kid: row.kid, publicJwk: row.publicJwk as PublicJwk, privatePem: row.privateKey, activeFrom: row.activeFrom }))
}

/** Records a key; a key already listed (same kid) is left as it is. */
export async function insertSigningKey (db: IdentityQueryable, key: KeyMaterial, options: { activeFrom: Date, storePrivate: boolean }): Promise<void> {
  await db.insert(signingKeys).values({
    kid: key.kid,
    algorithm: ALGORITHM,
    publicJwk: key.publicJwk,
    privateKey: options.storePrivate ? key.privatePem : null,
    activeFrom: options.activeFrom
  }).onConflictDoNothing()
}

export async function hasStoredPrivateKey (db: IdentityQueryable): Promise<boolean> {
  const [row] = await db.select({ kid: signingKeys.kid }).from(signingKeys).where(isNotNull(signingKeys.privateKey)).limit(1)
  return row !== undefined
}

/**
 * Deletes keys that no token can need any more: a newer key has been signing for longer than a
 * token lives (plus a day of slack for clock skew and configuration changes).
 */
export async function pruneSigningKeys (db: IdentityQueryable, tokenLifetimeSeconds: number): Promise<number> {
  const result = await db.execute(sql`
    DELETE FROM ${signingKeys} AS k
    WHERE EXISTS (
      SELECT 1 FROM ${signingKeys} AS newer
      WHERE newer.active_from > k.active_from
        AND newer.active_from < now() - make_interval(secs => ${tokenLifetimeSeconds + 86_400})
    )`)
  return result.rowCount ?? 0
}
