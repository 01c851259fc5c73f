import { Type, type Static } from 'typebox'
import { BaseConfigFields, DatabaseConfigFields, EventsConfigFields, TokenConfigFields } from '@repo/kit'

export const AssessmentConfigSchema = Type.Object({
  ...BaseConfigFields,
  ...DatabaseConfigFields,
  ...EventsConfigFields,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8002 }),
  ...TokenConfigFields
})

export type AssessmentConfig = Static<typeof AssessmentConfigSchema>
