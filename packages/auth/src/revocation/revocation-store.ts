import type { AuthUser } from '../auth-user.js'

/** What one of identity's events means for tokens. */
export type RevocationFact =
  /** Tokens of `userId` issued before `validFrom` (Unix seconds, compared with `iat`) are revoked. */
  | { kind: 'tokens_revoked', userId: string, validFrom: number }
  /** Every token of `userId` is revoked; `at` (Unix seconds) is when the user was deleted. */
  | { kind: 'deleted', userId: string, at: number }

/**
 * The revocations a process knows, kept in memory per user id. Entries are forgotten once every
 * token they could refuse has expired anyway (`lifetimeSeconds` after the cutoff or the deletion),
 * so memory stays bounded by the revocations of one token lifetime.
 */
export class RevocationStore {
  // user id -> cutoff: a token whose iat is before it is revoked. The largest cutoff seen wins.
  readonly #validFrom = new Map<string, number>()
  // user id -> deletion time. User ids are UUIDs that are never reused, so no later token is valid.
  readonly #deletedAt = new Map<string, number>()

  constructor (private readonly lifetimeSeconds: number) {}

  apply (fact: RevocationFact): void {
    if (fact.kind === 'tokens_revoked') {
      const known = this.#validFrom.get(fact.userId)
      if (known === undefined || fact.validFrom > known) this.#validFrom.set(fact.userId, fact.validFrom)
    } else {
      const known = this.#deletedAt.get(fact.userId)
      if (known === undefined || fact.at > known) this.#deletedAt.set(fact.userId, fact.at)
    }
  }

  isRevoked (user: AuthUser): boolean {
    if (this.#deletedAt.has(user.id)) return true
    const validFrom = this.#validFrom.get(user.id)
    return validFrom !== undefined && user.issuedAt < validFrom
  }

  /**
   * Drops entries that can no longer refuse a live token: a token issued before a cutoff expires at
   * most `lifetimeSeconds` after it (the lifetime includes a margin for clock skew between services).
   */
  prune (nowSeconds: number): void {
    const horizon = nowSeconds - this.lifetimeSeconds
    for (const [userId, validFrom] of this.#validFrom) if (validFrom < horizon) this.#validFrom.delete(userId)
    for (const [userId, at] of this.#deletedAt) if (at < horizon) this.#deletedAt.delete(userId)
  }

  get size (): number {
    return this.#validFrom.size + this.#deletedAt.size
  }
}
