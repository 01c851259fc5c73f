import { and, asc, desc, eq, inArray, lte, sql, type SQL } from 'drizzle-orm'
import type { Executor } from '@repo/events'
import type { InvitationQueryable, InvitationTx } from './database.js'
import { invites, testVersions, type InviteStatus } from './schema.js'
import type { TestVersionRow } from './test-versions.js'

export type InviteRow = typeof invites.$inferSelect
export type NewInvite = typeof invites.$inferInsert

const byEmail = (email: string) => sql`lower(${invites.applicantEmail}) = lower(${email})`

export async function insertInvite (tx: InvitationTx, values: NewInvite): Promise<InviteRow> {
  const [row] = await tx.insert(invites).values(values).returning()
  if (row === undefined) throw new Error('INSERT ... RETURNING gave no row')
  return row
}

export async function findInviteByToken (db: InvitationQueryable, token: string): Promise<InviteRow | undefined> {
  const [row] = await db.select().from(invites).where(eq(invites.inviteToken, token)).limit(1)
  return row
}

/** Reads an invite by token and locks it, so concurrent status changes happen one after another. */
export async function lockInviteByToken (tx: InvitationTx, token: string): Promise<InviteRow | undefined> {
  const [row] = await tx.select().from(invites).where(eq(invites.inviteToken, token)).for('update').limit(1)
  return row
}

/** Reads an invite by id and locks it, so an admin's action and the applicant's take turns. */
export async function lockInviteById (tx: InvitationTx, id: string): Promise<InviteRow | undefined> {
  const [row] = await tx.select().from(invites).where(eq(invites.id, id)).for('update').limit(1)
  return row
}

/** Sets the slot and the status, and moves `expires_at` (the caller makes sure it only moves later). */
export async function setSchedule (tx: InvitationTx, id: string, scheduledDate: Date, status: InviteStatus, expiresAt: Date): Promise<void> {
  await tx.update(invites).set({ scheduledDate, status, expiresAt }).where(eq(invites.id, id))
}

/** Changes an invite's row and answers it as it is now. */
export async function updateInvite (tx: InvitationTx, id: string, values: Partial<Pick<InviteRow, 'status' | 'revokedAt' | 'extraMinutes'>>): Promise<InviteRow> {
  const [row] = await tx.update(invites).set(values).where(eq(invites.id, id)).returning()
  if (row === undefined) throw new Error(`UPDATE ... RETURNING gave no row for invite ${id}`)
  return row
}

/**
 * Claims unstarted (sent or scheduled) invites whose `expires_at` is not after `now`, locked for this
 * transaction. SKIP LOCKED lets several replicas run the expiry job at once: each invite is taken by one.
 */
export async function claimExpiredInvites (tx: InvitationTx, now: Date, limit: number): Promise<InviteRow[]> {
  return tx.select().from(invites)
    // The status test is literal, as in the partial index invites_unstarted_expiry_idx, so the planner can use it.
    .where(and(sql`${invites.status} IN ('sent', 'scheduled')`, lte(invites.expiresAt, now)))
    .orderBy(asc(invites.expiresAt)).limit(limit)
    .for('update', { skipLocked: true })
}

export async function markExpired (tx: InvitationTx, ids: string[]): Promise<void> {
  if (ids.length === 0) return
  await tx.update(invites).set({ status: 'expired' }).where(inArray(invites.id, ids))
}

/** The pinned version of an invite (the foreign key guarantees it exists while the invite does). */
export async function findPinnedVersion (db: InvitationQueryable, invite: InviteRow): Promise<TestVersionRow | undefined> {
  const [row] = await db.select().from(testVersions)
    .where(and(eq(testVersions.testId, invite.testId), eq(testVersions.version, invite.testVersion))).limit(1)
  return row
}

/** The filters of the original's GET /invites (API.md 2.3); each is optional. */
export type InviteFilter = {
  /** A calendar day (UTC) that `created_at` falls on. */
  createdOn?: string
  statuses?: InviteStatus[] | string
  emailContains?: string
}

function filterConditions (filter: InviteFilter): SQL[] {
  const conditions: SQL[] = []
  if (filter.createdOn !== undefined) conditions.push(sql`(${invites.createdAt} AT TIME ZONE 'UTC')::date = ${filter.createdOn}::date`)
  if (Array.isArray(filter.statuses)) conditions.push(inArray(invites.status, filter.statuses))
  // An unknown status matches literally, as in the original: it finds nothing rather than failing.
  else if (filter.statuses !== undefined) conditions.push(sql`${invites.status} = ${filter.statuses}`)
  // strpos, not ILIKE: a `%` or `_` typed into the search box is matched as itself.
  if (filter.emailContains !== undefined) conditions.push(sql`strpos(lower(${invites.applicantEmail}), lower(${filter.emailContains})) > 0`)
  return conditions
}

/** Every admin's invites, newest first (the original's GET /invites, with D18 paging). */
export async function listInvites (db: InvitationQueryable, filter: InviteFilter, page: { limit: number, offset: number }): Promise<InviteRow[]> {
  return db.select().from(invites).where(and(...filterConditions(filter)))
    .orderBy(desc(invites.createdAt), desc(invites.id)).limit(page.limit).offset(page.offset)
}

export type InviteWithTest = { invite: InviteRow, version: TestVersionRow }

/** One applicant's invites, matched by e-mail case-insensitively, newest first, each with its pinned version. */
export async function listInvitesOf (db: InvitationQueryable, email: string, page: { limit: number, offset: number }): Promise<InviteWithTest[]> {
  return db.select({ invite: invites, version: testVersions }).from(invites)
    .innerJoin(testVersions, and(eq(testVersions.testId, invites.testId), eq(testVersions.version, invites.testVersion)))
    .where(byEmail(email))
    .orderBy(desc(invites.createdAt), desc(invites.id)).limit(page.limit).offset(page.offset)
}

/** How many invites an applicant's e-mail has (matched case-insensitively), whatever their status. */
export async function countInvitesOf (db: InvitationQueryable, email: string): Promise<number> {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(invites).where(byEmail(email))
  return row?.count ?? 0
}

/** Erases a deleted user's invites (D17), in the consumer's transaction. Returns how many went. */
export async function deleteInvitesOf (db: Executor, email: string): Promise<number> {
  const erased = await db.delete(invites).where(byEmail(email)).returning({ id: invites.id })
  return erased.length
}
