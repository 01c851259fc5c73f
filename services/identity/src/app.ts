import type { FastifyBaseLogger } from 'fastify'
import { authPlugin } from '@repo/auth'
import { databasePlugin, migrationsFolderOf } from '@repo/db'
import { eventsPlugin } from '@repo/events'
import { createService, type ServiceApp } from '@repo/kit'
import type { IdentityConfig } from './config.js'
import type { IdentityContext } from './context.js'
import { identityDb } from './db/database.js'
import { pruneWindows } from './db/rate-limits.js'
import * as schema from './db/schema.js'
import { createInvitationClient } from './invitation-client.js'
import { createPasswords } from './passwords.js'
import { adminRoutes } from './routes/admin-routes.js'
import { authRoutes } from './routes/auth-routes.js'
import { jwksRoutes } from './routes/jwks-routes.js'
import { superadminRoutes } from './routes/superadmin-routes.js'
import { AccessTokens } from './tokens/access-tokens.js'
import { keyMaterialFromPem } from './tokens/key-material.js'
import { KeyRing } from './tokens/key-ring.js'
import { insertAdmin } from './use-cases/create-admin.js'
import { isTokenRevoked } from './use-cases/is-token-revoked.js'

export type BuildIdentityOptions = {
  logger?: FastifyBaseLogger
  /** Outbox relay poll interval (it is woken by NOTIFY anyway); tests shorten nothing else. */
  relayPollIntervalMs?: number
}

const PRUNE_EVERY_MS = 10 * 60_000
// Rate-limit windows are at most a few minutes long; an hour-old one is certainly over.
const PRUNE_OLDER_THAN_MS = 60 * 60_000

/**
 * The identity app as server.ts runs it and tests drive it: applies migrations, makes sure a signing
 * key exists, creates the first admin from ADMIN_EMAIL/ADMIN_PASSWORD when there is none, and serves
 * the routes. It never listens.
 */
export async function buildIdentity (config: IdentityConfig, options: BuildIdentityOptions = {}): Promise<ServiceApp> {
  const app = createService({
    name: 'identity',
    logLevel: config.LOG_LEVEL,
    bodyLimitBytes: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    ...(options.logger === undefined ? {} : { logger: options.logger })
  })
  await app.register(databasePlugin, { url: config.DATABASE_URL, schema: 'identity', migrationsFolder: migrationsFolderOf('identity', config.SQL_DIR), poolMax: config.DB_POOL_MAX })
  await app.register(eventsPlugin, {
    natsUrl: config.NATS_URL,
    service: 'identity',
    schemaName: 'identity',
    tables: schema,
    prefix: config.EVENTS_PREFIX,
    stream: { replicas: config.EVENTS_STREAM_REPLICAS },
    produces: true,
    ...(options.relayPollIntervalMs === undefined ? {} : { relay: { pollIntervalMs: options.relayPollIntervalMs } })
  })

  const db = identityDb(app.pg)
  const lifetimeSeconds = config.ACCESS_TOKEN_EXPIRE_MINUTES * 60
  const keys = new KeyRing(db, {
    tokenLifetimeSeconds: lifetimeSeconds,
    ...(config.JWT_PRIVATE_KEY === undefined ? {} : { configured: keyMaterialFromPem(config.JWT_PRIVATE_KEY) })
  })
  await keys.init()
  const passwords = await createPasswords(config.BCRYPT_COST)
  const ctx: IdentityContext = {
    db,
    passwords,
    keys,
    tokens: new AccessTokens(keys, { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE, lifetimeSeconds }),
    publish: app.events.publish,
    limits: {
      perIp: config.LOGIN_RATE_LIMIT_PER_IP,
      ipWindowSeconds: config.LOGIN_RATE_LIMIT_IP_WINDOW_SECONDS,
      perAccount: config.LOGIN_RATE_LIMIT_PER_ACCOUNT,
      accountWindowSeconds: config.LOGIN_RATE_LIMIT_ACCOUNT_WINDOW_SECONDS
    },
    invitation: createInvitationClient({ baseUrl: config.INVITATION_URL, timeoutMs: config.INVITATION_TIMEOUT_MS, log: app.log.child({ component: 'invitation-client' }) })
  }

  if (config.ADMIN_EMAIL !== undefined && config.ADMIN_PASSWORD !== undefined) {
    const created = await insertAdmin(db, passwords, app.events.publish, { email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD, fullName: config.ADMIN_NAME }, { onlyIfNoAdmin: true })
    if (created !== undefined) app.log.info({ adminId: created.id }, 'first admin created from ADMIN_EMAIL')
  }

  // Identity checks its own tokens like every service, but reads the keys from its table, and the
  // revocation check reads the user row itself (deactivated, deleted or password changed: D6).
  await app.register(authPlugin, {
    jwksUrl: 'identity:signing_keys',
    loadJwks: () => keys.jwks(),
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    // A local read is cheap; this must stay below SIGNING_KEY_ACTIVATION_SECONDS (see KeyRing).
    jwksCooldownMs: 1000,
    isRevoked: (user) => isTokenRevoked(db, user)
  })

  authRoutes(app, ctx)
  jwksRoutes(app, ctx)
  adminRoutes(app, ctx)
  superadminRoutes(app, ctx)

  const pruneTimer = setInterval(() => {
    pruneWindows(db, new Date(Date.now() - PRUNE_OLDER_THAN_MS)).catch((error: unknown) => app.log.warn({ err: error }, 'pruning rate-limit windows failed'))
  }, PRUNE_EVERY_MS)
  pruneTimer.unref()
  app.addHook('onClose', (_instance, done) => {
    clearInterval(pruneTimer)
    done()
  })
  return app
}
