import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm'
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

export async function setSchedule (tx: InvitationTx, id: string, scheduledDate: Date, status: InviteStatus): Promise<void> {
  await tx.update(invites).set({ scheduledDate, status }).where(eq(invites.id, id))
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

/** Erases a deleted user's invites (D17), in the consumer's transaction. Returns how many went. */
export async function deleteInvitesOf (db: Executor, email: string): Promise<number> {
  const erased = await db.delete(invites).where(byEmail(email)).returning({ id: invites.id })
  return erased.length
}
