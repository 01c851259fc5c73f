import type { FastifyBaseLogger } from 'fastify'
import { authPlugin, createRevocationList } from '@repo/auth'
import { databasePlugin, migrationsFolderOf } from '@repo/db'
import { eventsPlugin, type EventTables, type Subscription } from '@repo/events'
import { createService, type ServiceApp } from '@repo/kit'

/** The configuration fields createDataService reads (the kit's Base, Database, Events and Token fields). */
export type DataServiceConfig = {
  LOG_LEVEL: string
  BODY_LIMIT_BYTES: number
  TRUST_PROXY: string
  DATABASE_URL: string
  DB_POOL_MAX: number
  SQL_DIR?: string | undefined
  NATS_URL: string
  EVENTS_PREFIX: string
  EVENTS_STREAM_REPLICAS: number
  EVENTS_ACK_WAIT_MS: number
  IDENTITY_URL: string
  JWT_ISSUER: string
  JWT_AUDIENCE: string
}

export type DataServiceOptions = {
  /** The service, its Postgres schema and role, and its migrations folder `sql/<name>`. */
  name: string
  config: DataServiceConfig
  /** The service's outbox, inbox and dead-letter tables. */
  tables: EventTables
  subscriptions?: Subscription[]
  logger?: FastifyBaseLogger
  /** Outbox relay poll interval (commits wake it through NOTIFY anyway). */
  relayPollIntervalMs?: number
}

/**
 * A service that owns a schema, built the way every such service is: migrations applied, the event
 * backbone with its outbox relay and subscriptions, and identity's access tokens checked against the
 * JWKS and the revocation list (so a deactivated user's token fails within seconds, D6). The service
 * adds its routes; nothing here listens.
 */
export async function createDataService (options: DataServiceOptions): Promise<ServiceApp> {
  const { name, config } = options
  const app = createService({
    name,
    logLevel: config.LOG_LEVEL,
    bodyLimitBytes: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    ...(options.logger === undefined ? {} : { logger: options.logger })
  })
  await app.register(databasePlugin, { url: config.DATABASE_URL, schema: name, migrationsFolder: migrationsFolderOf(name, config.SQL_DIR), poolMax: config.DB_POOL_MAX })
  await app.register(eventsPlugin, {
    natsUrl: config.NATS_URL,
    service: name,
    schemaName: name,
    tables: options.tables,
    prefix: config.EVENTS_PREFIX,
    stream: { replicas: config.EVENTS_STREAM_REPLICAS },
    produces: true,
    subscriptions: options.subscriptions ?? [],
    consumer: { ackWaitMs: config.EVENTS_ACK_WAIT_MS },
    ...(options.relayPollIntervalMs === undefined ? {} : { relay: { pollIntervalMs: options.relayPollIntervalMs } })
  })

  const revocations = createRevocationList({ link: app.events.link, prefix: config.EVENTS_PREFIX, streamOptions: { replicas: config.EVENTS_STREAM_REPLICAS }, log: app.log.child({ component: 'revocations' }) })
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
  return app
}
