import type { FastifyBaseLogger } from 'fastify'
import { intervalJob, type ServiceApp } from '@repo/kit'
import { createDataService } from '@repo/platform'
import type { InvitationConfig } from './config.js'
import type { InvitationContext } from './context.js'
import { invitationDb } from './db/database.js'
import * as schema from './db/schema.js'
import { subscriptions } from './events/subscriptions.js'
import { inviteRoutes } from './routes/invite-routes.js'
import { myInvitesRoutes } from './routes/my-invites-routes.js'
import { takeTestRoutes } from './routes/take-test-routes.js'
import { tokenRoutes } from './routes/token-routes.js'
import { autoSubmitDue } from './use-cases/auto-submit.js'

export type BuildInvitationOptions = {
  logger?: FastifyBaseLogger
  /** Outbox relay poll interval (it is woken by NOTIFY anyway). */
  relayPollIntervalMs?: number
}

/**
 * The invitation app as server.ts runs it and tests drive it: applies migrations, follows identity's
 * revocations, keeps copies of assessment's test versions, erases deleted tests and users, and serves
 * the invite routes. It never listens.
 */
export async function buildInvitation (config: InvitationConfig, options: BuildInvitationOptions = {}): Promise<ServiceApp> {
  const app = await createDataService({
    name: 'invitation',
    config,
    tables: schema,
    subscriptions,
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    ...(options.relayPollIntervalMs === undefined ? {} : { relayPollIntervalMs: options.relayPollIntervalMs })
  })

  const ctx: InvitationContext = {
    db: invitationDb(app.pg),
    publish: app.events.publish,
    log: app.log.child({ component: 'invites' }),
    frontendDomain: config.FRONTEND_DOMAIN.replace(/\/+$/, ''),
    takeTestWindowMinutes: config.TAKE_TEST_WINDOW_MINUTES,
    submitGraceSeconds: config.SUBMIT_GRACE_SECONDS,
    inviteExpiryDays: config.INVITE_EXPIRY_DAYS
  }
  inviteRoutes(app, ctx)
  tokenRoutes(app, ctx)
  myInvitesRoutes(app, ctx)
  takeTestRoutes(app, ctx)

  // Sessions whose deadline passed are submitted with their saved answers (D11), by every replica safely.
  const autoSubmitLog = app.log.child({ component: 'auto-submit' })
  const job = intervalJob('auto-submit', config.AUTO_SUBMIT_INTERVAL_MS, async () => await autoSubmitDue({ ...ctx, log: autoSubmitLog }), autoSubmitLog)
  app.addHook('onReady', async () => { job.start() })
  // preClose: a pass under way finishes while the pool and the outbox are still open.
  app.addHook('preClose', async () => { await job.stop() })
  return app
}
