import { Type, type Static } from 'typebox'
import { BaseConfigFields, DatabaseConfigFields, EventsConfigFields, TokenConfigFields } from '@repo/kit'

export const InvitationConfigSchema = Type.Object({
  ...BaseConfigFields,
  ...DatabaseConfigFields,
  ...EventsConfigFields,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8003 }),
  ...TokenConfigFields,
  /** Where the frontend runs; invite links are `FRONTEND_DOMAIN/test-invite/<token>` (API.md section 5). */
  FRONTEND_DOMAIN: Type.String({ pattern: '^https?://[^/]+', default: 'http://localhost:3000' })
})

export type InvitationConfig = Static<typeof InvitationConfigSchema>
