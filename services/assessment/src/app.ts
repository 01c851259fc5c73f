import type { FastifyBaseLogger } from 'fastify'
import type { ServiceApp } from '@repo/kit'
import { createDataService } from '@repo/platform'
import type { AssessmentConfig } from './config.js'
import type { AssessmentContext } from './context.js'
import { assessmentDb } from './db/database.js'
import * as schema from './db/schema.js'
import { subscriptions } from './events/subscriptions.js'
import { internalRoutes } from './routes/internal-routes.js'
import { testRoutes } from './routes/test-routes.js'

export type BuildAssessmentOptions = {
  logger?: FastifyBaseLogger
  /** Outbox relay poll interval (it is woken by NOTIFY anyway). */
  relayPollIntervalMs?: number
}

/**
 * The assessment app as server.ts runs it and tests drive it: applies migrations, follows identity's
 * revocations, consumes invitation's invite statuses, and serves /api/tests and the internal read.
 * It never listens.
 */
export async function buildAssessment (config: AssessmentConfig, options: BuildAssessmentOptions = {}): Promise<ServiceApp> {
  const app = await createDataService({
    name: 'assessment',
    config,
    tables: schema,
    subscriptions,
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    ...(options.relayPollIntervalMs === undefined ? {} : { relayPollIntervalMs: options.relayPollIntervalMs })
  })

  const ctx: AssessmentContext = { db: assessmentDb(app.pg), publish: app.events.publish }
  testRoutes(app, ctx)
  internalRoutes(app, ctx, { internalToken: config.INTERNAL_API_TOKEN })
  return app
}
