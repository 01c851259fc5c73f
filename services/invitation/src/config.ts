import { Type, type Static } from 'typebox'
import { BaseConfigFields, DatabaseConfigFields, EventsConfigFields, TokenConfigFields } from '@repo/kit'

export const InvitationConfigSchema = Type.Object({
  ...BaseConfigFields,
  ...DatabaseConfigFields,
  ...EventsConfigFields,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8003 }),
  ...TokenConfigFields,
  /** Where the frontend runs; invite links are `FRONTEND_DOMAIN/test-invite/<token>` (API.md section 5). */
  FRONTEND_DOMAIN: Type.String({ pattern: '^https?://[^/]+', default: 'http://localhost:3000' }),
  /** A scheduled test can be opened and started this many minutes either side of its slot (API.md rule 5). */
  TAKE_TEST_WINDOW_MINUTES: Type.Integer({ minimum: 1, maximum: 10080, default: 30 }),
  /** A submit this long after the deadline is still taken (D11). */
  SUBMIT_GRACE_SECONDS: Type.Integer({ minimum: 0, maximum: 3600, default: 30 }),
  /** How often the job looks for started sessions whose deadline and grace have passed (D11). */
  AUTO_SUBMIT_INTERVAL_MS: Type.Integer({ minimum: 10, maximum: 3_600_000, default: 5000 }),
  /** An invite not started this many days after it was made (or after its slot) becomes `expired`. */
  INVITE_EXPIRY_DAYS: Type.Integer({ minimum: 1, maximum: 3650, default: 30 })
})

export type InvitationConfig = Static<typeof InvitationConfigSchema>
