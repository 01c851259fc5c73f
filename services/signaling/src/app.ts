import type { FastifyBaseLogger } from 'fastify'
import websocket from '@fastify/websocket'
import { naming } from '@repo/events'
import { AppError, intervalJob, type ServiceApp } from '@repo/kit'
import { createDataService } from '@repo/platform'
import type { SignalingConfig } from './config.js'
import type { SignalingContext } from './context.js'
import { signalingDb } from './db/database.js'
import * as schema from './db/schema.js'
import { subscriptions } from './events/subscriptions.js'
import { RoomHub } from './rooms/room-hub.js'
import { roomRoutes } from './routes/room-routes.js'
import { webrtcRoutes } from './routes/webrtc-routes.js'
import { NotificationHub } from './notifications/notification-hub.js'
import { notificationRoutes } from './routes/notification-routes.js'
import { markConnected } from './use-cases/post-signal.js'
import { pruneEndedSignals } from './use-cases/sessions.js'

export type BuildSignalingOptions = {
  logger?: FastifyBaseLogger
  /** Outbox relay poll interval (it is woken by NOTIFY anyway). */
  relayPollIntervalMs?: number
}

/**
 * The signaling app as server.ts runs it and tests drive it: applies migrations, follows identity's
 * revocations and admins and invitation's sessions, serves the WebRTC mailbox, the WebSocket rooms and
 * the admin notifications. It never listens.
 */
export async function buildSignaling (config: SignalingConfig, options: BuildSignalingOptions = {}): Promise<ServiceApp> {
  const app = await createDataService({
    name: 'signaling',
    config,
    tables: schema,
    subscriptions,
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    ...(options.relayPollIntervalMs === undefined ? {} : { relayPollIntervalMs: options.relayPollIntervalMs })
  })

  const ctx: SignalingContext = { db: signalingDb(app.pg), publish: app.events.publish, log: app.log.child({ component: 'signaling' }) }

  // A frame well past WS_MAX_MESSAGE_BYTES is cut off by ws itself (1009); up to this cap the rooms
  // read it and answer the clearer 4413.
  await app.register(websocket, {
    options: { maxPayload: config.WS_MAX_MESSAGE_BYTES * 4 },
    // Every socket is told why it closes (the plugin's default closes without a code).
    preClose: (done) => {
      for (const client of app.websocketServer.clients) client.close(1001, 'Server shutting down')
      app.websocketServer.close()
      done()
    }
  })

  webrtcRoutes(app, ctx, { signalRetentionMs: config.SIGNAL_RETENTION_MS })

  const hub = new RoomHub({
    link: app.events.link,
    names: naming(config.EVENTS_PREFIX),
    log: app.log.child({ component: 'rooms' }),
    maxMessageBytes: config.WS_MAX_MESSAGE_BYTES,
    ratePerSecond: config.WS_RATE_LIMIT_PER_SECOND,
    pingIntervalMs: config.WS_PING_INTERVAL_MS,
    onAnswer: async (inviteId) => {
      await ctx.db.transaction(async (tx) => { await markConnected(tx, ctx, inviteId, null) })
    },
    reverify: async (accessToken) => { await app.verifyAccessToken(accessToken) },
    isCredentialFailure: (error) => error instanceof AppError && error.statusCode === 401
  })
  roomRoutes(app, ctx, hub, { ratePerSecond: config.WS_RATE_LIMIT_PER_SECOND })

  // Admin notifications: the routes, and the push to admin sockets on every replica (D16).
  const notificationHub = new NotificationHub({
    pool: app.pg,
    db: ctx.db,
    verify: app.verifyAccessToken,
    log: app.log.child({ component: 'notifications' }),
    pingIntervalMs: config.WS_PING_INTERVAL_MS
  })
  notificationRoutes(app, ctx, notificationHub)

  // Signals of sessions ended more than SIGNAL_RETENTION_MS ago (API.md 2.8: an hour).
  const cleanupLog = app.log.child({ component: 'signal-cleanup' })
  const cleanup = intervalJob('signal-cleanup', config.SIGNAL_CLEANUP_INTERVAL_MS, async () => {
    const deleted = await pruneEndedSignals(ctx.db, config.SIGNAL_RETENTION_MS)
    if (deleted > 0) cleanupLog.info({ deleted }, 'deleted the signals of ended sessions')
  }, cleanupLog)

  app.addHook('onReady', async () => {
    hub.start()
    notificationHub.start()
    cleanup.start()
  })
  // preClose: sockets close and rooms leave their subjects while the NATS link is still open.
  app.addHook('preClose', async () => {
    hub.close()
    await notificationHub.close()
    await cleanup.stop()
  })
  return app
}
