import type { FastifyBaseLogger } from 'fastify'
import type { Outbox } from '@repo/events'
import type { InvitationDb } from './db/database.js'

/** What the use cases need, built once in app.ts; tests build their own. */
export type InvitationContext = {
  db: InvitationDb
  /** The transactional outbox (app.events.publish). */
  publish: Outbox['publish']
  log: FastifyBaseLogger
  /** Base of the invite links (config FRONTEND_DOMAIN, without a trailing slash). */
  frontendDomain: string
  /** Minutes either side of `scheduled_date` in which a scheduled test can be opened and started. */
  takeTestWindowMinutes: number
  /** Seconds after the deadline in which a submit or autosave is still taken. */
  submitGraceSeconds: number
  /** Days after creation (or after the chosen slot) at which an unstarted invite expires. */
  inviteExpiryDays: number
}

/** Who asked, for the events a request causes. */
export type RequestMeta = { traceId: string }
