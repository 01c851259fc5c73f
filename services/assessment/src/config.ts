import { Type, type Static } from 'typebox'
import { BaseConfigFields, DatabaseConfigFields, EventsConfigFields, TokenConfigFields } from '@repo/kit'

export const AssessmentConfigSchema = Type.Object({
  ...BaseConfigFields,
  ...DatabaseConfigFields,
  ...EventsConfigFields,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8002 }),
  ...TokenConfigFields,
  /**
   * A service credential for the internal routes (`/internal/*`): a caller that sends it as header
   * `x-internal-token` needs no admin token (grading reads a version's answer keys from a consumer,
   * with no user behind it). Unset: only an admin token is accepted there.
   */
  INTERNAL_API_TOKEN: Type.Optional(Type.String({ minLength: 32 }))
})

export type AssessmentConfig = Static<typeof AssessmentConfigSchema>
