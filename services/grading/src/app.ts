import type { FastifyBaseLogger } from 'fastify'
import type { ServiceApp } from '@repo/kit'
import { createDataService } from '@repo/platform'
import type { GradingConfig } from './config.js'
import type { GradingContext } from './context.js'
import { gradingDb } from './db/database.js'
import * as schema from './db/schema.js'
import { subscriptions } from './events/subscriptions.js'

export type BuildGradingOptions = {
  logger?: FastifyBaseLogger
  /** Outbox relay poll interval (it is woken by NOTIFY anyway). */
  relayPollIntervalMs?: number
}

/**
 * The grading app as server.ts runs it and tests drive it: applies migrations, follows identity's
 * revocations, keeps the answer keys of every test version, grades submitted tests and serves results
 * and manual review. It never listens.
 */
export async function buildGrading (config: GradingConfig, options: BuildGradingOptions = {}): Promise<ServiceApp> {
  const app = await createDataService({
    name: 'grading',
    config,
    tables: schema,
    subscriptions,
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    ...(options.relayPollIntervalMs === undefined ? {} : { relayPollIntervalMs: options.relayPollIntervalMs })
  })

  const ctx: GradingContext = { db: gradingDb(app.pg), publish: app.events.publish, log: app.log.child({ component: 'grading' }) }
  void ctx
  return app
}
