import { and, asc, desc, eq, sql } from 'drizzle-orm'
import type { IdentityQueryable } from './database.js'
import { users } from './schema.js'

export type UserRow = typeof users.$inferSelect
export type Role = UserRow['role']

const byEmail = (email: string) => sql`lower(${users.email}) = lower(${email})`

export async function findUserByEmail (db: IdentityQueryable, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(byEmail(email)).limit(1)
  return row
}

export async function findUserById (db: IdentityQueryable, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1)
  return row
}

export async function emailExists (db: IdentityQueryable, email: string): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(byEmail(email)).limit(1)
  return row !== undefined
}

export async function adminExists (db: IdentityQueryable): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.role, 'admin')).limit(1)
  return row !== undefined
}

/** The superadmin: the earliest-created admin (ties broken by id so every replica agrees). */
export async function findSuperadmin (db: IdentityQueryable): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.role, 'admin')).orderBy(asc(users.createdAt), asc(users.id)).limit(1)
  return row
}

export type NewUser = { email: string, fullName: string, role: Role, passwordHash: string }

export async function insertUser (db: IdentityQueryable, user: NewUser): Promise<UserRow> {
  const [row] = await db.insert(users).values(user).returning()
  if (row === undefined) throw new Error('INSERT ... RETURNING gave no row')
  return row
}

export async function listUsersByRole (db: IdentityQueryable, role: Role, page: { limit: number, offset: number }, order: 'newest' | 'oldest'): Promise<UserRow[]> {
  return db.select().from(users).where(eq(users.role, role))
    .orderBy(order === 'newest' ? desc(users.createdAt) : asc(users.createdAt), asc(users.id))
    .limit(page.limit).offset(page.offset)
}

/** Sets is_active and, when deactivating, revokes earlier tokens; undefined when no such user has that role. */
export async function updateActive (db: IdentityQueryable, id: string, role: Role, isActive: boolean, tokensValidFrom: number | undefined): Promise<UserRow | undefined> {
  const [row] = await db.update(users)
    .set({ isActive, ...(tokensValidFrom === undefined ? {} : { tokensValidFrom }) })
    .where(and(eq(users.id, id), eq(users.role, role)))
    .returning()
  return row
}

export async function updatePassword (db: IdentityQueryable, id: string, passwordHash: string, tokensValidFrom: number): Promise<UserRow | undefined> {
  const [row] = await db.update(users).set({ passwordHash, tokensValidFrom }).where(eq(users.id, id)).returning()
  return row
}

/** Replaces a hash only if it is still the one that was checked (a concurrent password change wins). */
export async function upgradeHash (db: IdentityQueryable, id: string, oldHash: string, newHash: string): Promise<void> {
  await db.update(users).set({ passwordHash: newHash }).where(and(eq(users.id, id), eq(users.passwordHash, oldHash)))
}

export async function deleteUser (db: IdentityQueryable, id: string, role: Role): Promise<UserRow | undefined> {
  const [row] = await db.delete(users).where(and(eq(users.id, id), eq(users.role, role))).returning()
  return row
}

/** The Unix second from which tokens are valid again after a revocation: later than any token issued so far. */
export function revocationSecond (now = Date.now()): number {
  return Math.floor(now / 1000) + 1
}
