import { randomUUID } from 'node:crypto'
import { Writable } from 'node:stream'
import type { FastifyBaseLogger } from 'fastify'
import { connect, type NatsConnection } from 'nats'
import pg from 'pg'
import { pino } from 'pino'
import type { Static, TObject } from 'typebox'
import { createTestIssuer, startJwksServer, type TestIssuer } from '@repo/auth/testing'
import { naming, type EventData, type EventDefinition, type Naming } from '@repo/events'
import { publishAsProducer } from '@repo/events/testing'
import { loadConfig, type ServiceApp } from '@repo/kit'
import { createTestDatabase, deleteTestStreams, testNatsUrl, uniqueName, waitFor, type TestDatabase } from '@repo/testing'

const ISSUER = 'pre-interview-platform/identity'
const AUDIENCE = 'pre-interview-platform'

export type Caller = { id: string, email: string, token: string }
export type LogLine = Record<string, unknown>
export type Envelope = { id: string, data: Record<string, unknown> }

export type ServiceHarnessOptions<S extends TObject> = {
  /** The service: its Postgres schema (DATABASE_URL's role, the inbox `handled` polls) and its stream (`streamed`). */
  schema: string
  configSchema: S
  /** Builds the app from its configuration, logging to the harness's logger (a service may ignore it). */
  build: (config: Readonly<Static<S>>, options: { logger: FastifyBaseLogger }) => Promise<ServiceApp>
  /** The service's own defaults, over the common ones (LOG_LEVEL 'info', DB_POOL_MAX '5', ...). */
  defaults?: Record<string, string>
  /** What the test file asks for, over the defaults (NATS_URL here also sets the harness's own connection). */
  env?: Record<string, string>
  /** Stand-ins the service's helpers started (e.g. an HTTP stub), closed by cleanup once the apps are. */
  closes?: { close: () => Promise<void> }[]
}

export type ServiceHarness = {
  app: ServiceApp
  /** Administrator access to the run's database, to look at the service's tables. */
  admin: pg.Pool
  issuer: TestIssuer
  database: TestDatabase
  natsUrl: string
  /** The run's EVENTS_PREFIX. */
  prefix: string
  /** The run's NATS connection and names (EVENTS_PREFIX), e.g. to watch a core subject. */
  nats: NatsConnection
  names: Naming
  /** Every log line the app wrote, parsed. */
  logs: LogLine[]
  /** Publishes an event straight to its producer's stream, as that producer's outbox relay would; answers the event id. */
  publish: <T extends EventDefinition>(definition: T, data: EventData<T>) => Promise<string>
  /** The envelopes in the service's own stream on one registry subject, oldest first (what the relay published). */
  streamed: (subject: string) => Promise<Envelope[]>
  /** Waits until this service's consumer has handled the event (its id is in the inbox). */
  handled: (eventId: string, timeoutMs?: number) => Promise<void>
  /** A user with a valid token from the test issuer (standing in for identity). */
  caller: (role?: 'admin' | 'applicant', email?: string) => Caller
  /** Another instance of the app on the same database and stream prefix (a replica), closed by cleanup. */
  replica: (env?: Record<string, string>) => Promise<{ app: ServiceApp, logs: LogLine[] }>
  cleanup: () => Promise<void>
}

/**
 * One database, one stream prefix and one app per test file, for a service built on createDataService.
 * Identity is played by a test issuer whose JWKS is served on a free port (IDENTITY_URL points at it),
 * other producers by publishing their events straight to their streams.
 */
export async function createServiceHarness<S extends TObject> (options: ServiceHarnessOptions<S>): Promise<ServiceHarness> {
  const { schema, env = {} } = options
  const database = await createTestDatabase()
  const prefix = uniqueName('t')
  // A test that stops NATS passes its private server's URL.
  const natsUrl = env.NATS_URL ?? testNatsUrl()
  const issuer = createTestIssuer({ issuer: ISSUER, audience: AUDIENCE })
  const jwks = await startJwksServer(issuer)
  const admin = new pg.Pool({ connectionString: database.adminUrl, max: 2 })
  const baseEnv = {
    DATABASE_URL: database.urlFor(schema),
    NATS_URL: natsUrl,
    EVENTS_PREFIX: prefix,
    LOG_LEVEL: 'info',
    DB_POOL_MAX: '5',
    IDENTITY_URL: new URL(jwks.url).origin,
    ...options.defaults
  }
  const start = async (overrides: Record<string, string>) => {
    const logs: LogLine[] = []
    const sink = new Writable({
      write (chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n')) if (line !== '') logs.push(JSON.parse(line) as LogLine)
        done()
      }
    })
    const app = await options.build(loadConfig(options.configSchema, { ...baseEnv, ...overrides }), { logger: pino({ level: 'info' }, sink) })
    await app.ready()
    // The revocation list must have read identity's stream before tokens are judged by it.
    await waitFor(`${schema} to be ready`, async () => (await app.inject({ url: '/ready' })).statusCode === 200 || undefined)
    return { app, logs }
  }
  const { app, logs } = await start(env)
  const replicas: ServiceApp[] = []

  const nats = await connect({ servers: natsUrl })
  const names = naming(prefix)
  return {
    app,
    admin,
    issuer,
    database,
    natsUrl,
    prefix,
    nats,
    names,
    logs,
    publish: async (definition, data) => await publishAsProducer(nats, names, definition, data),
    streamed: async (subject) => {
      const jsm = await nats.jetstreamManager()
      const stream = names.streamName(schema)
      const state = await jsm.streams.info(stream).then((info) => info.state, () => undefined)
      const envelopes: Envelope[] = []
      if (state === undefined) return envelopes
      for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
        const message = await jsm.streams.getMessage(stream, { seq }).catch(() => undefined)
        if (message?.subject === names.subject(subject)) envelopes.push(message.json<Envelope>())
      }
      return envelopes
    },
    handled: async (eventId, timeoutMs) => {
      await waitFor(`event ${eventId} to be handled`, async () => {
        const { rows } = await admin.query(`SELECT 1 FROM ${schema}.inbox WHERE event_id = $1`, [eventId])
        return rows.length === 1 ? true : undefined
      }, timeoutMs)
    },
    caller: (role = 'admin', email) => {
      const id = randomUUID()
      const address = email ?? `${role}-${id}@example.com`
      return { id, email: address, token: issuer.sign({ sub: id, role, email: address }, { expiresInSeconds: 3600 }) }
    },
    replica: async (overrides = {}) => {
      const started = await start({ ...env, ...overrides })
      replicas.push(started.app)
      return started
    },
    cleanup: async () => {
      for (const replica of replicas) await replica.close()
      await app.close()
      await nats.close()
      await jwks.close()
      for (const other of options.closes ?? []) await other.close()
      await admin.end()
      await deleteTestStreams(natsUrl, prefix).catch(() => {})
      await database.drop()
    }
  }
}
