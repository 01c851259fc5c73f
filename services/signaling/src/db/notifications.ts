import { and, count, desc, eq, sql } from 'drizzle-orm'
import type { Executor } from '@repo/events'
import { admins, notifications } from './schema.js'

export type NotificationRow = typeof notifications.$inferSelect

/** The NOTIFY channel a notification's commit is announced on (every replica LISTENs; see notification-hub). */
export const NOTIFICATIONS_CHANNEL = 'signaling_notifications'

/** What the NOTIFY carries: small and fixed in size (a payload is limited to 8000 bytes). */
export type NotificationWake = { adminId: string, id: string }

/** An admin, from `identity.user.created.v1`; a repeat changes nothing. */
export async function upsertAdmin (db: Executor, admin: { userId: string, email: string, createdAt: Date }): Promise<void> {
  await db.insert(admins).values({ userId: admin.userId, email: admin.email.toLowerCase(), createdAt: admin.createdAt })
    .onConflictDoUpdate({ target: admins.userId, set: { email: admin.email.toLowerCase() } })
}

/** A deleted admin and their notifications. Answers whether the admin was known and how many notifications went. */
export async function eraseAdmin (db: Executor, userId: string): Promise<{ admin: boolean, notifications: number }> {
  const removed = await db.delete(admins).where(eq(admins.userId, userId)).returning({ userId: admins.userId })
  const erased = await db.delete(notifications).where(eq(notifications.adminId, userId)).returning({ id: notifications.id })
  return { admin: removed.length > 0, notifications: erased.length }
}

/**
 * One notification for every known admin, caused by one event. A notification that exists for an admin
 * and this event already is skipped (unique (admin_id, event_id)), so a redelivery never notifies twice.
 * Each new row is announced with `pg_notify`, which Postgres delivers only when the transaction commits
 * (and never if it rolls back). Answers how many were made.
 */
export async function notifyEveryAdmin (db: Executor, notification: { type: string, message: string, data: Record<string, unknown>, eventId: string, createdAt: Date }): Promise<number> {
  const { rows } = await db.execute<{ id: string }>(sql`
    WITH made AS (
      INSERT INTO ${notifications} (admin_id, type, message, data, event_id, created_at)
      SELECT ${admins.userId}, ${notification.type}, ${notification.message}, ${JSON.stringify(notification.data)}::jsonb, ${notification.eventId}, ${notification.createdAt.toISOString()}::timestamptz
      FROM ${admins}
      ON CONFLICT (admin_id, event_id) DO NOTHING
      RETURNING id, admin_id
    )
    SELECT id, pg_notify(${NOTIFICATIONS_CHANNEL}, json_build_object('adminId', admin_id, 'id', id)::text) FROM made`)
  return rows.length
}

/** An admin's latest notifications, newest first. */
export async function listNotifications (db: Executor, adminId: string, limit: number): Promise<NotificationRow[]> {
  return await db.select().from(notifications).where(eq(notifications.adminId, adminId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(limit)
}

export async function findNotification (db: Executor, adminId: string, id: string): Promise<NotificationRow | undefined> {
  const [row] = await db.select().from(notifications).where(and(eq(notifications.id, id), eq(notifications.adminId, adminId))).limit(1)
  return row
}

export async function countUnread (db: Executor, adminId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(notifications).where(and(eq(notifications.adminId, adminId), eq(notifications.isRead, false)))
  return row?.n ?? 0
}

/** Marks one of the admin's notifications read; false when the admin has no such notification. */
export async function markRead (db: Executor, adminId: string, id: string): Promise<boolean> {
  const rows = await db.update(notifications).set({ isRead: true })
    .where(and(eq(notifications.id, id), eq(notifications.adminId, adminId)))
    .returning({ id: notifications.id })
  return rows.length > 0
}

/** Deletes every notification of the admin; answers how many. */
export async function clearNotifications (db: Executor, adminId: string): Promise<number> {
  const rows = await db.delete(notifications).where(eq(notifications.adminId, adminId)).returning({ id: notifications.id })
  return rows.length
}
