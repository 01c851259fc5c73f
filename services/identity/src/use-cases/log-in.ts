import type { IdentityContext } from '../context.js'
import { hit, peek } from '../db/rate-limits.js'
import { findUserByEmail, upgradeHash, type UserRow } from '../db/users.js'
import { AccountInactive, BadCredentials, RateLimited } from '../errors.js'

export type LoginAttempt = { email: string, password: string, clientIp: string }

export const ipKey = (ip: string) => `login-ip:${ip}`
export const accountKey = (email: string) => `login-account:${email.trim().toLowerCase()}`

/**
 * Checks a password and issues an access token (D5, D7).
 *
 * - Every attempt counts against the client address; failed ones also against the account (known or
 *   not, so the limit does not reveal which e-mails exist). The counters are rows in Postgres, so the
 *   limits hold across replicas.
 * - An unknown e-mail is checked against a dummy hash of the configured cost, so it answers the same
 *   401 in about the same time as a wrong password.
 * - A hash of another cost (imported from the original) is redone with the configured cost.
 */
export async function logIn (ctx: IdentityContext, attempt: LoginAttempt): Promise<{ token: string, user: UserRow }> {
  const { limits } = ctx
  const perIp = await hit(ctx.db, ipKey(attempt.clientIp), limits.ipWindowSeconds)
  if (perIp.hits > limits.perIp) throw RateLimited(perIp.retryAfterSeconds)
  const perAccount = await peek(ctx.db, accountKey(attempt.email), limits.accountWindowSeconds)
  if (perAccount.hits >= limits.perAccount) throw RateLimited(perAccount.retryAfterSeconds)

  const user = await findUserByEmail(ctx.db, attempt.email)
  const passwordOk = user === undefined
    ? (await ctx.passwords.burn(attempt.password), false)
    : await ctx.passwords.verify(attempt.password, user.passwordHash)
  if (user === undefined || !passwordOk) {
    await hit(ctx.db, accountKey(attempt.email), limits.accountWindowSeconds)
    throw BadCredentials()
  }
  // Only someone who knows the password learns that the account is deactivated.
  if (!user.isActive) throw AccountInactive()

  if (ctx.passwords.needsRehash(user.passwordHash)) {
    await upgradeHash(ctx.db, user.id, user.passwordHash, await ctx.passwords.hash(attempt.password))
  }
  return { token: await ctx.tokens.issue(user), user }
}
