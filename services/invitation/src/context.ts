import type { FastifyBaseLogger } from 'fastify'
import type { Outbox } from '@repo/events'
import type { AssessmentClient } from './assessment-client.js'
import type { InvitationDb } from './db/database.js'
import type { MailDelivery } from './use-cases/deliver-mail.js'

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
  /** Assessment's internal read, for an invite whose test's published event has not arrived yet. */
  assessment: AssessmentClient
  /** The mail outbox's delivery (D14): first attempts right after a commit, the retry worker, the settings. */
  mail: MailDelivery
}

/** Who asked, for the events a request causes. */
export type RequestMeta = { traceId: string }

/**
 * An admin's request: also the `Authorization` header it came with, forwarded on the internal reads made
 * on the admin's behalf. Never stored, logged or put into an event.
 */
export type AdminRequestMeta = RequestMeta & { authorization: string }
