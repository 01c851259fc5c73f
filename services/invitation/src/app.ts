import { join } from 'node:path'
import type { FastifyBaseLogger } from 'fastify'
import { authPlugin, createRevocationList } from '@repo/auth'
import { databasePlugin, findWorkspaceRoot } from '@repo/db'
import { eventsPlugin } from '@repo/events'
import { createService, type ServiceApp } from '@repo/kit'
import type { InvitationConfig } from './config.js'
import type { InvitationContext } from './context.js'
import { invitationDb } from './db/database.js'
import * as schema from './db/schema.js'
import { subscriptions } from './events/subscriptions.js'
import { inviteRoutes } from './routes/invite-routes.js'
import { myInvitesRoutes } from './routes/my-invites-routes.js'
import { takeTestRoutes } from './routes/take-test-routes.js'
import { tokenRoutes } from './routes/token-routes.js'
import { autoSubmitJob } from './use-cases/auto-submit.js'

/** Where drizzle-kit writes invitation's migrations (`sql/invitation` at the repository root). */
export function migrationsFolder (): string {
  return join(findWorkspaceRoot(import.meta.dirname), 'sql', 'invitation')
}

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
  const app = createService({
    name: 'invitation',
    logLevel: config.LOG_LEVEL,
    bodyLimitBytes: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    ...(options.logger === undefined ? {} : { logger: options.logger })
  })
  await app.register(databasePlugin, { url: config.DATABASE_URL, schema: 'invitation', migrationsFolder: migrationsFolder(), poolMax: config.DB_POOL_MAX })
  await app.register(eventsPlugin, {
    natsUrl: config.NATS_URL,
    service: 'invitation',
    schemaName: 'invitation',
    tables: schema,
    prefix: config.EVENTS_PREFIX,
    produces: true,
    subscriptions,
    ...(options.relayPollIntervalMs === undefined ? {} : { relay: { pollIntervalMs: options.relayPollIntervalMs } })
  })

  // Tokens of users identity deactivated, deleted or re-passworded are refused within seconds (D6).
  const revocations = createRevocationList({ link: app.events.link, prefix: config.EVENTS_PREFIX, log: app.log.child({ component: 'revocations' }) })
  app.readinessChecks.set('revocations', async () => {
    if (!revocations.caughtUp) throw new Error('still reading identity\'s revocations')
  })
  // preClose, not onClose: the list must stop while the events plugin's link is still open.
  app.addHook('preClose', async () => { await revocations.stop() })

  await app.register(authPlugin, {
    jwksUrl: `${config.IDENTITY_URL.replace(/\/+$/, '')}/.well-known/jwks.json`,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    isRevoked: revocations.isRevoked
  })

  const ctx: InvitationContext = {
    db: invitationDb(app.pg),
    publish: app.events.publish,
    log: app.log.child({ component: 'invites' }),
    frontendDomain: config.FRONTEND_DOMAIN.replace(/\/+$/, ''),
    takeTestWindowMinutes: config.TAKE_TEST_WINDOW_MINUTES,
    submitGraceSeconds: config.SUBMIT_GRACE_SECONDS
  }
  inviteRoutes(app, ctx)
  tokenRoutes(app, ctx)
  myInvitesRoutes(app, ctx)
  takeTestRoutes(app, ctx)

  // Sessions whose deadline passed are submitted with their saved answers (D11), by every replica safely.
  const job = autoSubmitJob({ ...ctx, log: app.log.child({ component: 'auto-submit' }) }, config.AUTO_SUBMIT_INTERVAL_MS)
  app.addHook('onReady', async () => { job.start() })
  // preClose: a pass under way finishes while the pool and the outbox are still open.
  app.addHook('preClose', async () => { await job.stop() })
  return app
}
