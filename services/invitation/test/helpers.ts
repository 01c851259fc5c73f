import { randomUUID } from 'node:crypto'
import { Writable } from 'node:stream'
import { connect, type NatsConnection } from 'nats'
import pg from 'pg'
import { pino } from 'pino'
import { createTestIssuer, startJwksServer, type JwksServer, type TestIssuer } from '@repo/auth/testing'
import { catalog, naming, type EventData, type EventDefinition } from '@repo/events'
import { publishAsProducer } from '@repo/events/testing'
import { loadConfig, type ServiceApp } from '@repo/kit'
import { bearer, createTestDatabase, deleteTestStreams, injector, outboxWhere, testNatsUrl, uniqueName, waitFor, type OutboxRow, type TestDatabase } from '@repo/testing'
import { buildInvitation } from '../src/app.js'
import { InvitationConfigSchema } from '../src/config.js'
import { startAssessmentStub, type AssessmentStub } from './assessment-stub.js'

const ISSUER = 'pre-interview-platform/identity'
const AUDIENCE = 'pre-interview-platform'
export const FRONTEND_DOMAIN = 'http://frontend.test'

export type Caller = { id: string, email: string, token: string }
export type Published = EventData<typeof catalog.assessment.TestPublishedV1>

export type Harness = {
  app: ServiceApp
  /** Administrator access to the run's database, to look at invitation's tables. */
  admin: pg.Pool
  issuer: TestIssuer
  /** Assessment's internal read (ASSESSMENT_URL), played by a stub that knows no test unless told otherwise. */
  assessment: AssessmentStub
  /** Every log line the app wrote, parsed. */
  logs: Record<string, unknown>[]
  /** Publishes an event straight to its producer's stream, as that producer's outbox relay would; answers the event id. */
  publish: <T extends EventDefinition>(definition: T, data: EventData<T>) => Promise<string>
  /** The envelopes in invitation's own stream on one registry subject, oldest first (what the relay published). */
  streamed: (subject: string) => Promise<{ id: string, data: Record<string, unknown> }[]>
  /** Waits until this service's consumer has handled the event (its id is in the inbox). */
  handled: (eventId: string) => Promise<void>
  /** A user with a valid token from the test issuer (standing in for identity). */
  caller: (role?: 'admin' | 'applicant', email?: string) => Caller
  /** Another instance of the app on the same database and stream prefix (a replica), closed by cleanup. */
  replica: (env?: Record<string, string>) => Promise<{ app: ServiceApp, logs: Record<string, unknown>[] }>
  cleanup: () => Promise<void>
}

/**
 * One database, one stream prefix and one app per test file. Identity is played by a test issuer whose
 * JWKS is served on a free port, assessment and identity by publishing their events directly.
 */
export async function createHarness (env: Record<string, string> = {}): Promise<Harness> {
  const database: TestDatabase = await createTestDatabase()
  const prefix = uniqueName('t')
  // A test that stops NATS passes its private server's URL.
  const natsUrl = env.NATS_URL ?? testNatsUrl()
  const issuer = createTestIssuer({ issuer: ISSUER, audience: AUDIENCE })
  const jwks: JwksServer = await startJwksServer(issuer)
  const assessment = await startAssessmentStub()
  const admin = new pg.Pool({ connectionString: database.adminUrl, max: 2 })
  const baseEnv = {
    DATABASE_URL: database.urlFor('invitation'),
    NATS_URL: natsUrl,
    EVENTS_PREFIX: prefix,
    LOG_LEVEL: 'info',
    DB_POOL_MAX: '5',
    IDENTITY_URL: new URL(jwks.url).origin,
    FRONTEND_DOMAIN,
    // The auto-submit and expiry jobs stay out of the way unless a test asks for them.
    AUTO_SUBMIT_INTERVAL_MS: '3600000',
    EXPIRY_INTERVAL_MS: '3600000',
    ASSESSMENT_URL: assessment.url
  }
  const start = async (overrides: Record<string, string>) => {
    const logs: Record<string, unknown>[] = []
    const sink = new Writable({
      write (chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n')) if (line !== '') logs.push(JSON.parse(line) as Record<string, unknown>)
        done()
      }
    })
    const app = await buildInvitation(loadConfig(InvitationConfigSchema, { ...baseEnv, ...overrides }), { logger: pino({ level: 'info' }, sink) })
    await app.ready()
    await waitFor('invitation to be ready', async () => (await app.inject({ url: '/ready' })).statusCode === 200 || undefined)
    return { app, logs }
  }
  const { app, logs } = await start(env)
  const replicas: ServiceApp[] = []

  const nats: NatsConnection = await connect({ servers: natsUrl })
  const names = naming(prefix)
  return {
    app,
    admin,
    issuer,
    assessment,
    logs,
    publish: async (definition, data) => await publishAsProducer(nats, names, definition, data),
    streamed: async (subject) => {
      const jsm = await nats.jetstreamManager()
      const stream = names.streamName('invitation')
      const state = await jsm.streams.info(stream).then((info) => info.state, () => undefined)
      const envelopes: { id: string, data: Record<string, unknown> }[] = []
      if (state === undefined) return envelopes
      for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
        const message = await jsm.streams.getMessage(stream, { seq }).catch(() => undefined)
        if (message?.subject === names.subject(subject)) envelopes.push(message.json<{ id: string, data: Record<string, unknown> }>())
      }
      return envelopes
    },
    handled: async (eventId) => {
      await waitFor(`event ${eventId} to be handled`, async () => {
        const { rows } = await admin.query('SELECT 1 FROM invitation.inbox WHERE event_id = $1', [eventId])
        return rows.length === 1 ? true : undefined
      })
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
      await assessment.close()
      await admin.end()
      await deleteTestStreams(natsUrl, prefix).catch(() => {})
      await database.drop()
    }
  }
}

/** app.inject with an optional caller and JSON body. */
export const caller = injector
export { bearer }

/** An answer key found nowhere else in a version: a serialised applicant response must not contain it (D4). */
export const SECRET_ANSWER = 'SECRET-CODING-KEY'

/** D4, checked on the serialised body: no answer key, and no field that could hold one. */
export function expectNoAnswers (body: string): void {
  if (body.includes(SECRET_ANSWER) || /correct_?answer/i.test(body)) throw new Error(`an applicant-facing response leaks an answer: ${body}`)
}

/** A version as assessment publishes it, answer keys included. */
export function publishedVersion (testId: string, version: number, title = `Backend basics v${version}`): Published {
  const now = new Date().toISOString()
  return {
    testId,
    version,
    title,
    description: 'A short screening test',
    durationMinutes: 30 + version,
    createdBy: randomUUID(),
    createdAt: now,
    publishedAt: now,
    questions: [
      { id: randomUUID(), type: 'coding', question: 'Reverse a string', options: null, correctAnswer: SECRET_ANSWER, expectedLanguage: 'python', points: 5, order: 1 },
      { id: randomUUID(), type: 'multiple_choice', question: 'Pick the key', options: ['SELECT', 'GRAB'], correctAnswer: 'SELECT', expectedLanguage: null, points: 2, order: 0 },
      { id: randomUUID(), type: 'essay', question: 'Describe an outage', options: null, correctAnswer: null, expectedLanguage: null, points: 1, order: 2 }
    ]
  }
}

/** Publishes a version of a test and waits until invitation has handled it. */
export async function publishTest (harness: Harness, testId: string = randomUUID(), version = 1, title?: string): Promise<Published> {
  const data = publishedVersion(testId, version, title)
  await harness.handled(await harness.publish(catalog.assessment.TestPublishedV1, data))
  return data
}

/** The status events (`invite.status_changed`) about one invite in the outbox, oldest first. */
export async function outboxFor (admin: pg.Pool, inviteId: string): Promise<OutboxRow[]> {
  return (await outboxWhere(admin, 'invitation', 'inviteId', inviteId)).filter((row) => row.subject === catalog.invitation.InviteStatusChangedV1.subject)
}
