import { Type, type Static } from 'typebox'
import { BaseConfigFields, DatabaseConfigFields, EventsConfigFields, TokenConfigFields } from '@repo/kit'

export const GradingConfigSchema = Type.Object({
  ...BaseConfigFields,
  ...DatabaseConfigFields,
  ...EventsConfigFields,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8004 }),
  ...TokenConfigFields,
  /**
   * Assessment's base URL, for the one synchronous read (ARCHITECTURE.md): the answer keys of a version
   * whose `assessment.test.published.v1` has not arrived here yet when a submission for it does.
   */
  ASSESSMENT_URL: Type.String({ pattern: '^https?://[^/]+', default: 'http://127.0.0.1:8002' }),
  /**
   * The service credential assessment's internal routes accept (header `x-internal-token`). Unset: that
   * read is skipped, and such a submission waits in pending_submissions until the version's event comes.
   */
  INTERNAL_API_TOKEN: Type.Optional(Type.String({ minLength: 32 })),
  /** How long that read may take; it runs outside any database transaction. */
  ASSESSMENT_TIMEOUT_MS: Type.Integer({ minimum: 50, maximum: 60_000, default: 2000 }),
  /**
   * How often pending submissions are looked at again (assessment asked for their version, and those
   * whose version has arrived graded). Every new pending submission and every stored version also wake
   * that pass at once; the interval is the safety net.
   */
  PENDING_RETRY_INTERVAL_MS: Type.Integer({ minimum: 10, maximum: 3_600_000, default: 30_000 })
})

export type GradingConfig = Static<typeof GradingConfigSchema>
