import { Type } from 'typebox'
import { requireRoleWith } from '@repo/auth'
import { AppError, isUuid, type ServiceApp } from '@repo/kit'
import type { SignalingContext } from '../context.js'
import { clearNotifications, countUnread, listNotifications, markRead } from '../db/notifications.js'
import { NotificationNotFound } from '../errors.js'
import type { NotificationHub } from '../notifications/notification-hub.js'
import { notificationView } from '../notifications/notification-view.js'
import { CloseCodes } from '../rooms/room-messages.js'

/** The original returns the caller's latest 50 (API.md 2.6). */
const LIST_LIMIT = 50

const NotificationSchema = Type.Object({
  id: Type.String(),
  type: Type.String(),
  message: Type.String(),
  data: Type.Record(Type.String(), Type.Unknown()),
  is_read: Type.Boolean(),
  created_at: Type.String()
})
const NotificationList = Type.Object({ notifications: Type.Array(NotificationSchema) })
const UnreadCount = Type.Object({ unread_count: Type.Integer() })
const Message = Type.Object({ message: Type.String() })
// Not `format: uuid`: a malformed id is the same 404 as an unknown one (D2).
const NotificationParams = Type.Object({ id: Type.String() })

/**
 * The admin notifications (API.md 2.6, D16), all behind the original's inline check ("Admin access
 * required"): the list, the unread count, mark-read and clear-all over HTTP, and the live push on
 * `GET /api/ws/notifications?token=<admin access token>`.
 */
export function notificationRoutes (app: ServiceApp, ctx: SignalingContext, hub: NotificationHub): void {
  const adminStar = requireRoleWith({ roles: ['admin'], detail: 'Admin access required' })

  app.get('/api/admin/notifications', { onRequest: adminStar, schema: { response: { 200: NotificationList } } }, async (request) => {
    return { notifications: (await listNotifications(ctx.db, request.user.id, LIST_LIMIT)).map(notificationView) }
  })

  app.get('/api/admin/notifications/unread-count', { onRequest: adminStar, schema: { response: { 200: UnreadCount } } }, async (request) => {
    return { unread_count: await countUnread(ctx.db, request.user.id) }
  })

  // 404 for an unknown, malformed or another admin's id (the original answers 200 for all of them).
  app.post('/api/admin/notifications/:id/mark-read', { onRequest: adminStar, schema: { params: NotificationParams, response: { 200: Message } } }, async (request) => {
    const { id } = request.params
    if (!isUuid(id) || !await markRead(ctx.db, request.user.id, id.toLowerCase())) throw NotificationNotFound()
    return { message: 'Notification marked as read' }
  })

  app.delete('/api/admin/notifications/clear-all', { onRequest: adminStar, schema: { response: { 200: Message } } }, async (request) => {
    const cleared = await clearNotifications(ctx.db, request.user.id)
    request.log.info({ cleared }, 'notifications cleared')
    return { message: 'All notifications cleared' }
  })

  /**
   * D16. The upgrade is always accepted and a refusal is a close with a code and a reason, as the rooms
   * do (a browser cannot read the status of a refused upgrade): 4401 without a token or with a bad,
   * expired or revoked one, 4403 for a token that is not an admin's, 1013 while identity's keys are out
   * of reach. An accepted socket gets `{"type":"ready"}`, then `{"type":"notification","notification":
   * {…the list's shape…}}` for each new notification of that admin. What the client sends is ignored.
   */
  app.get('/api/ws/notifications', { websocket: true }, (socket, request) => {
    const { token } = request.query as { token?: unknown }
    let closed = false
    socket.on('close', () => { closed = true })
    socket.on('error', (error) => { request.log.warn({ err: error }, 'notification socket error') })

    const accept = async () => {
      if (typeof token !== 'string' || token === '') {
        socket.close(CloseCodes.unauthenticated, 'Not authenticated: pass ?token=<admin access token>')
        return
      }
      let user
      try {
        user = await app.verifyAccessToken(token)
      } catch (error) {
        if (closed) return
        if (error instanceof AppError && error.statusCode === 503) socket.close(CloseCodes.tryAgainLater, error.detail)
        else if (error instanceof AppError && error.statusCode === 401) socket.close(CloseCodes.unauthenticated, 'Could not validate credentials')
        else throw error
        return
      }
      if (closed) return
      if (user.role !== 'admin') {
        socket.close(CloseCodes.forbidden, 'Admin access required')
        return
      }
      hub.add(user.id, socket, token)
      socket.send(JSON.stringify({ type: 'ready' }))
      request.log.info({ adminId: user.id }, 'admin watching notifications')
    }
    accept().catch((error: unknown) => {
      request.log.error({ err: error }, 'notification socket failed')
      if (!closed) socket.close(CloseCodes.internal, 'Internal Server Error')
    })
  })
}
