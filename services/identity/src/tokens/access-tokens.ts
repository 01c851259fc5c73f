import { randomUUID } from 'node:crypto'
import { createSigner } from 'fast-jwt'
import type { UserRow } from '../db/users.js'
import { ALGORITHM } from './key-material.js'
import type { KeyRing, Signer } from './key-ring.js'

export type AccessTokenOptions = { issuer: string, audience: string, lifetimeSeconds: number }

type SignSync = (payload: Record<string, unknown>) => string

/** Signs identity's access tokens (D7); the only place in the platform that holds a private key. */
export class AccessTokens {
  // One fast-jwt signer per key: building one parses the PEM, signing with it is cheap.
  private readonly signers = new Map<string, SignSync>()

  constructor (private readonly keys: KeyRing, private readonly options: AccessTokenOptions) {}

  private signerFor (key: Signer): SignSync {
    let sign = this.signers.get(key.kid)
    if (sign === undefined) {
      sign = createSigner<Record<string, unknown>>({ algorithm: ALGORITHM, key: key.privatePem, kid: key.kid, expiresIn: this.options.lifetimeSeconds * 1000 })
      this.signers.set(key.kid, sign)
    }
    return sign
  }

  /**
   * A token for the user. `iat` is never before the user's `tokens_valid_from`: a revocation in this
   * very second must not refuse the token of a login that follows it.
   */
  async issue (user: Pick<UserRow, 'id' | 'email' | 'role' | 'tokensValidFrom'>, now = Date.now()): Promise<string> {
    const iat = Math.max(Math.floor(now / 1000), user.tokensValidFrom)
    const sign = this.signerFor(await this.keys.signer())
    return sign({
      sub: user.id,
      email: user.email,
      role: user.role,
      iss: this.options.issuer,
      aud: this.options.audience,
      jti: randomUUID(),
      iat
    })
  }
}
