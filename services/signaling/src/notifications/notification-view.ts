import type { NotificationRow } from '../db/notifications.js'

/** A notification as the list route and the admin socket show it (API.md 2.6). */
export type NotificationView = {
  id: string
  type: string
  message: string
  data: Record<string, unknown>
  is_read: boolean
  created_at: string
}

export function notificationView (row: NotificationRow): NotificationView {
  return { id: row.id, type: row.type, message: row.message, data: row.data, is_read: row.isRead, created_at: row.createdAt.toISOString() }
}
