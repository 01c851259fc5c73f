import type { FastifyBaseLogger } from 'fastify'
import type { ServiceApp } from '@repo/kit'
import { createDataService } from '@repo/platform'
import type { SignalingConfig } from './config.js'
import type { SignalingContext } from './context.js'
import { signalingDb } from './db/database.js'
import * as schema from './db/schema.js'
import { subscriptions } from './events/subscriptions.js'

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
  void ctx
  return app
}
