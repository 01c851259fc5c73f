import { catalog, type Outbox } from '@repo/events'
import type { IdentityContext } from '../context.js'
import { lockFor, type IdentityTx } from '../db/database.js'
import { adminExists, emailExists, insertUser, type Role, type UserRow } from '../db/users.js'
import { AdminSignupClosed, EmailTaken } from '../errors.js'

export type Registration = { email: string, password: string, fullName: string, role: Role }

const UNIQUE_VIOLATION = '23505'

/** A Postgres unique violation (two registrations of one e-mail raced) is the same answer as a known e-mail. */
export function isUniqueViolation (error: unknown): boolean {
  const cause = (error as { cause?: unknown }).cause
  return (error as { code?: unknown }).code === UNIQUE_VIOLATION || (cause as { code?: unknown } | undefined)?.code === UNIQUE_VIOLATION
}

/**
 * Publishes `identity.user.created.v1` for a user just inserted, in the same transaction: signaling keeps
 * its list of admins (who get every notification) from these events.
 */
export async function announceUserCreated (publish: Outbox['publish'], tx: IdentityTx, user: UserRow): Promise<void> {
  await publish(tx, catalog.identity.UserCreatedV1, {
    userId: user.id,
    email: user.email.toLowerCase(),
    fullName: user.fullName,
    role: user.role,
    createdAt: user.createdAt.toISOString()
  })
}

/**
 * Self-registration (D5). `admin` is allowed only while no admin exists: the check and the insert run
 * under one advisory lock, so two concurrent first-admin sign-ups make exactly one admin.
 */
export async function registerUser (ctx: IdentityContext, registration: Registration): Promise<UserRow> {
  // Hashing happens before the transaction: no connection or lock is held for the ~200 ms it takes.
  const passwordHash = await ctx.passwords.hash(registration.password)
  try {
    return await ctx.db.transaction(async (tx) => {
      if (await emailExists(tx, registration.email)) throw EmailTaken()
      if (registration.role === 'admin') {
        await lockFor(tx, 'admin-signup')
        if (await adminExists(tx)) throw AdminSignupClosed()
      }
      const user = await insertUser(tx, { email: registration.email, fullName: registration.fullName, role: registration.role, passwordHash })
      await announceUserCreated(ctx.publish, tx, user)
      return user
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw EmailTaken()
    throw error
  }
}
