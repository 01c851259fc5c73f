import type { IdentityDb } from '../db/database.js'
import { lockFor } from '../db/database.js'
import { hasStoredPrivateKey, insertSigningKey, listSigningKeys, type StoredKey } from '../db/signing-keys.js'
import { generateKeyMaterial, type KeyMaterial, type PublicJwk } from './key-material.js'

export type Signer = { kid: string, privatePem: string }

export type KeyRingOptions = {
  /** The configured key (JWT_PRIVATE_KEY): it signs, and the table only lists its public half. */
  configured?: KeyMaterial
  /** How long a token lives: a replaced key stays in the JWKS this long after its successor took over. */
  tokenLifetimeSeconds: number
  /** How long the key list is reused for signing. Must stay below the activation delay of a rotation. */
  cacheMs?: number
}

// Clocks of replicas and verifiers differ a little; a replaced key stays listed this much longer.
const SKEW_SECONDS = 60

/**
 * The signing keys of every replica, kept in the `signing_keys` table. The signer is the newest key
 * whose `active_from` has passed; a rotation lists a key some seconds before it signs, so verifiers that
 * refetch the JWKS at most every 5 s already know it when its first token arrives.
 */
export class KeyRing {
  private cached: { keys: StoredKey[], at: number } | undefined

  constructor (private readonly db: IdentityDb, private readonly options: KeyRingOptions) {}

  /**
   * Makes sure a key exists: the configured one is listed, or one is generated and stored. The advisory
   * lock makes two replicas starting together agree on one generated key.
   */
  async init (): Promise<void> {
    const configured = this.options.configured
    await this.db.transaction(async (tx) => {
      await lockFor(tx, 'signing-keys')
      if (configured !== undefined) {
        await insertSigningKey(tx, configured, { activeFrom: new Date(), storePrivate: false })
      } else if (!await hasStoredPrivateKey(tx)) {
        await insertSigningKey(tx, generateKeyMaterial(), { activeFrom: new Date(), storePrivate: true })
      }
    })
    this.cached = undefined
  }

  private async keys (): Promise<StoredKey[]> {
    const now = Date.now()
    if (this.cached === undefined || now - this.cached.at >= (this.options.cacheMs ?? 2000)) {
      this.cached = { keys: await listSigningKeys(this.db), at: now }
    }
    return this.cached.keys
  }

  /** The key that signs now. */
  async signer (): Promise<Signer> {
    const configured = this.options.configured
    if (configured !== undefined) return { kid: configured.kid, privatePem: configured.privatePem }
    const now = Date.now()
    const usable = (await this.keys()).filter((key) => key.privatePem !== null && key.activeFrom.getTime() <= now)
    const newest = usable.at(-1)
    if (newest?.privatePem == null) throw new Error('no signing key is active; the key ring was not initialised')
    return { kid: newest.kid, privatePem: newest.privatePem }
  }

  /**
   * The JWKS: every key that signs now or will soon, and every replaced key until the tokens it signed
   * have expired. Read from the table each time, so a rotation shows up at once on every replica.
   */
  async jwks (): Promise<{ keys: PublicJwk[] }> {
    const keys = await listSigningKeys(this.db)
    const now = Date.now()
    const listed = keys.filter((key, index) => {
      // Keys are sorted by active_from; the first later key that has become active replaced this one.
      const successor = keys.slice(index + 1).find((later) => later.activeFrom.getTime() <= now)
      if (successor === undefined) return true
      return successor.activeFrom.getTime() + (this.options.tokenLifetimeSeconds + SKEW_SECONDS) * 1000 > now
    })
    return { keys: listed.map((key) => key.publicJwk) }
  }
}
