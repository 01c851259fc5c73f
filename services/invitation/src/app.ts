import type { FastifyBaseLogger } from 'fastify'
import { intervalJob, type ServiceApp } from '@repo/kit'
import { createDataService } from '@repo/platform'
import { createAssessmentClient } from './assessment-client.js'
import type { InvitationConfig } from './config.js'
import type { InvitationContext } from './context.js'
import { invitationDb } from './db/database.js'
import * as schema from './db/schema.js'
import { subscriptions } from './events/subscriptions.js'
import { mailConfigFrom } from './mail/mail-config.js'
import { bulkInviteRoutes } from './routes/bulk-invite-routes.js'
import { emailSettingsRoutes } from './routes/email-settings-routes.js'
import { internalRoutes } from './routes/internal-routes.js'
import { inviteActionRoutes } from './routes/invite-action-routes.js'
import { inviteRoutes } from './routes/invite-routes.js'
import { myInvitesRoutes } from './routes/my-invites-routes.js'
import { takeTestRoutes } from './routes/take-test-routes.js'
import { tokenRoutes } from './routes/token-routes.js'
import { autoSubmitDue } from './use-cases/auto-submit.js'
import { republishUnconfirmed } from './use-cases/confirm-grading.js'
import { createMailDelivery } from './use-cases/deliver-mail.js'
import { expireDue } from './use-cases/invite-expiry.js'

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

  const db = invitationDb(app.pg)
  const frontendDomain = config.FRONTEND_DOMAIN.replace(/\/+$/, '')
  const ctx: InvitationContext = {
    db,
    publish: app.events.publish,
    log: app.log.child({ component: 'invites' }),
    frontendDomain,
    takeTestWindowMinutes: config.TAKE_TEST_WINDOW_MINUTES,
    submitGraceSeconds: config.SUBMIT_GRACE_SECONDS,
    inviteExpiryDays: config.INVITE_EXPIRY_DAYS,
    assessment: createAssessmentClient({ baseUrl: config.ASSESSMENT_URL, timeoutMs: config.ASSESSMENT_TIMEOUT_MS, log: app.log.child({ component: 'assessment-client' }) }),
    mail: createMailDelivery({ db, log: app.log.child({ component: 'mail' }), frontendDomain, config: mailConfigFrom(config) })
  }
  inviteRoutes(app, ctx)
  inviteActionRoutes(app, ctx)
  bulkInviteRoutes(app, ctx)
  emailSettingsRoutes(app, ctx)
  tokenRoutes(app, ctx)
  myInvitesRoutes(app, ctx)
  takeTestRoutes(app, ctx)
  internalRoutes(app, ctx)

  // Sessions whose deadline passed are submitted with their saved answers (D11), by every replica safely.
  const autoSubmitLog = app.log.child({ component: 'auto-submit' })
  const autoSubmit = intervalJob('auto-submit', config.AUTO_SUBMIT_INTERVAL_MS, async () => await autoSubmitDue({ ...ctx, log: autoSubmitLog }), autoSubmitLog)
  // Submissions grading has not confirmed are published again (issue 5's end-to-end confirmation).
  const republishLog = app.log.child({ component: 'grading-confirmation' })
  const republish = intervalJob('grading-confirmation', config.GRADING_CONFIRM_INTERVAL_MS,
    async () => await republishUnconfirmed({ ...ctx, log: republishLog }, config.GRADING_CONFIRM_TIMEOUT_MS), republishLog)
  // Unstarted invites past their `expires_at` become `expired`, each by one replica.
  const expiryLog = app.log.child({ component: 'invite-expiry' })
  const expiry = intervalJob('invite-expiry', config.EXPIRY_INTERVAL_MS, async () => await expireDue({ ...ctx, log: expiryLog }), expiryLog)
  // The mail outbox's retry worker (D14); stopping it also waits for first attempts still under way.
  const jobs = [autoSubmit, republish, expiry, ctx.mail]
  app.addHook('onReady', async () => { for (const each of jobs) each.start() })
  // preClose: a pass under way finishes while the pool and the outbox are still open.
  app.addHook('preClose', async () => { await Promise.all(jobs.map(async (each) => { await each.stop() })) })
  return app
}
