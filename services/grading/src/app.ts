import type { FastifyBaseLogger } from 'fastify'
import { listenOnChannel } from '@repo/db'
import { createOutbox } from '@repo/events'
import { intervalJob, type ServiceApp } from '@repo/kit'
import { createDataService } from '@repo/platform'
import { createAssessmentClient } from './assessment-client.js'
import type { GradingConfig } from './config.js'
import type { GradingContext } from './context.js'
import { gradingDb } from './db/database.js'
import { PENDING_CHANNEL } from './db/pending-submissions.js'
import * as schema from './db/schema.js'
import { gradingSubscriptions } from './events/subscriptions.js'
import { mySubmissionsRoutes } from './routes/my-submissions-routes.js'
import { resultRoutes } from './routes/result-routes.js'
import { scoringRoutes } from './routes/scoring-routes.js'
import { resolvePending } from './use-cases/resolve-pending.js'

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
    // The same outbox as app.events.publish, which does not exist yet when the consumers are made.
    subscriptions: gradingSubscriptions({ publish: createOutbox(schema, 'grading', 'grading').publish }),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    ...(options.relayPollIntervalMs === undefined ? {} : { relayPollIntervalMs: options.relayPollIntervalMs })
  })

  const ctx: GradingContext = { db: gradingDb(app.pg), publish: app.events.publish, log: app.log.child({ component: 'grading' }) }
  resultRoutes(app, ctx)
  mySubmissionsRoutes(app, ctx)
  scoringRoutes(app, ctx)

  // Submissions whose version is not known here: graded once it is, asking assessment first (outside
  // any transaction). A NOTIFY from the transaction that queued one or stored a version wakes the pass
  // at once; the interval is the safety net. The LISTEN keeps one connection of DB_POOL_MAX, like the relay's.
  const pendingLog = app.log.child({ component: 'pending-submissions' })
  const assessment = config.INTERNAL_API_TOKEN === undefined
    ? undefined
    : createAssessmentClient({ baseUrl: config.ASSESSMENT_URL, token: config.INTERNAL_API_TOKEN, timeoutMs: config.ASSESSMENT_TIMEOUT_MS })
  let wokenDuringPass = false
  const pending = intervalJob('pending-submissions', config.PENDING_RETRY_INTERVAL_MS, async () => {
    do {
      wokenDuringPass = false
      await resolvePending({ db: ctx.db, publish: ctx.publish, log: pendingLog, assessment })
    } while (wokenDuringPass)
  }, pendingLog)
  // A pass on each wake, and once listening (for what was committed while nobody listened).
  const wake = (): void => {
    wokenDuringPass = true
    void pending.runNow()
  }
  const wakes = listenOnChannel({ pool: app.pg, channel: PENDING_CHANNEL, onNotification: wake, onListening: wake, log: pendingLog, what: 'wake listener' })
  app.addHook('onReady', async () => {
    pending.start()
    wakes.start()
  })
  // preClose: a pass under way finishes while the pool and the outbox are still open.
  app.addHook('preClose', async () => {
    await wakes.stop()
    await pending.stop()
  })
  return app
}
