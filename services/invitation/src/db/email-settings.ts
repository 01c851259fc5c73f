import { eq } from 'drizzle-orm'
import type { Executor } from '@repo/events'
import type { InvitationQueryable } from './database.js'
import { emailSettings } from './schema.js'

export type EmailSettingsRow = typeof emailSettings.$inferSelect
export type NewEmailSettings = typeof emailSettings.$inferInsert

export async function findEmailSettings (db: InvitationQueryable, adminId: string): Promise<EmailSettingsRow | undefined> {
  const [row] = await db.select().from(emailSettings).where(eq(emailSettings.adminId, adminId)).limit(1)
  return row
}

/** Creates or replaces an admin's settings (API.md 2.7: PUT upserts). */
export async function upsertEmailSettings (db: InvitationQueryable, adminId: string, values: Omit<NewEmailSettings, 'adminId'>): Promise<void> {
  await db.insert(emailSettings).values({ adminId, ...values }).onConflictDoUpdate({ target: emailSettings.adminId, set: values })
}

/** Erases a deleted admin's settings (D17), in the consumer's transaction. */
export async function deleteEmailSettingsOf (db: Executor, adminId: string): Promise<boolean> {
  const erased = await db.delete(emailSettings).where(eq(emailSettings.adminId, adminId)).returning({ adminId: emailSettings.adminId })
  return erased.length > 0
}
