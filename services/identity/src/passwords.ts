import bcrypt from 'bcrypt'

/**
 * Password hashing. bcrypt's async API runs on libuv's thread pool, so a login storm queues there
 * instead of blocking the event loop that serves every other route.
 */
export type Passwords = {
  hash: (password: string) => Promise<string>
  /** Compares with a stored hash of any cost (hashes imported from the original keep working). */
  verify: (password: string, hash: string) => Promise<boolean>
  /** Compares against a throw-away hash of the configured cost: an unknown e-mail costs what a wrong password costs (D5). */
  burn: (password: string) => Promise<void>
  /** True when the hash was made with another cost than the configured one and should be redone. */
  needsRehash: (hash: string) => boolean
}

export async function createPasswords (cost: number): Promise<Passwords> {
  const dummyHash = await bcrypt.hash('not-a-real-password-only-for-timing', cost)
  return {
    hash: (password) => bcrypt.hash(password, cost),
    verify: async (password, hash) => {
      // A malformed stored hash (e.g. imported data) is a failed login, not a 500.
      try {
        return await bcrypt.compare(password, hash)
      } catch {
        return false
      }
    },
    burn: async (password) => { await bcrypt.compare(password, dummyHash) },
    needsRehash: (hash) => {
      try {
        return bcrypt.getRounds(hash) !== cost
      } catch {
        return false
      }
    }
  }
}
