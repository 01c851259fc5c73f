import type { Outbox } from '@repo/events'
import type { IdentityDb } from './db/database.js'
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
}

/** Who asked, for the events a request causes. */
export type RequestMeta = { traceId: string }
