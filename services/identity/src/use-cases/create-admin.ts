import type { Outbox } from '@repo/events'
import type { IdentityContext } from '../context.js'
import type { IdentityDb } from '../db/database.js'
import { lockFor } from '../db/database.js'
import { adminExists, emailExists, insertUser, type UserRow } from '../db/users.js'
import { EmailTaken } from '../errors.js'
import type { Passwords } from '../passwords.js'
import { announceUserCreated, isUniqueViolation } from './register-user.js'
import { requireSuperadmin, superadminOnly } from './superadmin.js'

export type NewAdmin = { email: string, password: string, fullName: string }

const EMAIL_TAKEN = 'User with this email already exists'

/**
 * Inserts an admin. With `onlyIfNoAdmin` (start-up bootstrap) nothing happens once any admin exists;
 * the advisory lock is the one self-registration takes, so the two cannot both make a "first" admin.
 * `identity.user.created.v1` goes into the outbox in the same transaction (signaling keeps its admins
 * from it); the CLI passes an outbox of its own, published by the running service's relay.
 */
export async function insertAdmin (db: IdentityDb, passwords: Passwords, publish: Outbox['publish'], admin: NewAdmin, options: { onlyIfNoAdmin?: boolean } = {}): Promise<UserRow | undefined> {
  const passwordHash = await passwords.hash(admin.password)
  try {
    return await db.transaction(async (tx) => {
      await lockFor(tx, 'admin-signup')
      if (options.onlyIfNoAdmin === true && await adminExists(tx)) return undefined
      if (await emailExists(tx, admin.email)) throw EmailTaken(EMAIL_TAKEN)
      const user = await insertUser(tx, { email: admin.email, fullName: admin.fullName, role: 'admin', passwordHash })
      await announceUserCreated(publish, tx, user)
      return user
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw EmailTaken(EMAIL_TAKEN)
    throw error
  }
}

/** `POST /admin/create-admin`: the superadmin adds an admin. */
export async function createAdmin (ctx: IdentityContext, callerId: string, admin: NewAdmin): Promise<UserRow> {
  await requireSuperadmin(ctx.db, callerId, superadminOnly.create)
  const created = await insertAdmin(ctx.db, ctx.passwords, ctx.publish, admin)
  if (created === undefined) throw new Error('insertAdmin returned nothing without onlyIfNoAdmin')
  return created
}
