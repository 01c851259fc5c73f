import type { FastifyBaseLogger } from 'fastify'
import type { Outbox } from '@repo/events'
import type { SignalingDb } from './db/database.js'

/** What the use cases need, built once in app.ts; tests build their own. */
export type SignalingContext = {
  db: SignalingDb
  /** The transactional outbox (app.events.publish). */
  publish: Outbox['publish']
  log: FastifyBaseLogger
}

/** Who asked, for the events a request causes. */
export type RequestMeta = { traceId: string }
