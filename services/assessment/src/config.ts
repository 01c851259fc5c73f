import { Type, type Static } from 'typebox'
import { BaseConfigFields, DatabaseConfigFields, EventsConfigFields } from '@repo/kit'

export const AssessmentConfigSchema = Type.Object({
  ...BaseConfigFields,
  ...DatabaseConfigFields,
  ...EventsConfigFields,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8002 }),
  /** Identity's base URL: its JWKS (`/.well-known/jwks.json`) verifies access tokens. */
  IDENTITY_URL: Type.String({ pattern: '^https?://[^/]+', default: 'http://127.0.0.1:8001' }),
  /** Must equal identity's JWT_ISSUER. */
  JWT_ISSUER: Type.String({ minLength: 1, default: 'pre-interview-platform/identity' }),
  /** Must equal identity's JWT_AUDIENCE. */
  JWT_AUDIENCE: Type.String({ minLength: 1, default: 'pre-interview-platform' })
})

export type AssessmentConfig = Static<typeof AssessmentConfigSchema>
