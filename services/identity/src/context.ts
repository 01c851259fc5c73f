import type { Outbox } from '@repo/events'
import type { IdentityDb } from './db/database.js'
import type { InvitationClient } from './invitation-client.js'
import type { Passwords } from './passwords.js'
import type { AccessTokens } from './tokens/access-tokens.js'
import type { KeyRing } from './tokens/key-ring.js'

export type LoginLimits = {
  perIp: number
  ipWindowSeconds: number
  perAccount: number
  accountWindowSeconds: number
}

/** What the use cases need, built once in app.ts; tests and the CLIs build their own. */
export type IdentityContext = {
  db: IdentityDb
  passwords: Passwords
  tokens: AccessTokens
  keys: KeyRing
  /** The transactional outbox (app.events.publish). */
  publish: Outbox['publish']
  limits: LoginLimits
  /** Invitation's internal invite count, read before an applicant is deleted. */
  invitation: InvitationClient
}

/** Who asked, for the events a request causes. */
export type RequestMeta = { traceId: string }

/**
 * An admin's request: also the `Authorization` header it came with, forwarded on the internal reads made
 * on the admin's behalf. Never stored, logged or put into an event.
 */
export type AdminRequestMeta = RequestMeta & { authorization: string }
