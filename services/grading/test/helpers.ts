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
import { buildGrading } from '../src/app.js'
import { GradingConfigSchema } from '../src/config.js'
import { startAssessmentStub, type AssessmentStub } from './assessment-stub.js'

const ISSUER = 'pre-interview-platform/identity'
const AUDIENCE = 'pre-interview-platform'
/** The service credential the harness gives grading (INTERNAL_API_TOKEN); the stand-in assessment sees it. */
export const INTERNAL_TOKEN = 'test-internal-token-0123456789abcdef'

export type Caller = { id: string, email: string, token: string }
export type Published = EventData<typeof catalog.assessment.TestPublishedV1>
export type Submitted = EventData<typeof catalog.invitation.TestSubmittedV1>
export type Graded = EventData<typeof catalog.grading.SubmissionGradedV1>

export type Harness = {
  app: ServiceApp
  /** Administrator access to the run's database, to look at grading's tables. */
  admin: pg.Pool
  issuer: TestIssuer
  /** Assessment's internal read (ASSESSMENT_URL), played by a stub that knows no test unless told otherwise. */
  assessment: AssessmentStub
  /** Every log line the app wrote, parsed. */
  logs: Record<string, unknown>[]
  /** Publishes an event straight to its producer's stream, as that producer's outbox relay would; answers the event id. */
  publish: <T extends EventDefinition>(definition: T, data: EventData<T>) => Promise<string>
  /** The envelopes in grading's own stream on one registry subject, oldest first (what the relay published). */
  streamed: (subject: string) => Promise<{ id: string, data: Record<string, unknown> }[]>
  /** Waits until this service's consumer has handled the event (its id is in the inbox). */
  handled: (eventId: string, timeoutMs?: number) => Promise<void>
  /** A user with a valid token from the test issuer (standing in for identity). */
  caller: (role?: 'admin' | 'applicant', email?: string) => Caller
  /** Another instance of the app on the same database and stream prefix (a replica), closed by cleanup. */
  replica: (env?: Record<string, string>) => Promise<{ app: ServiceApp, logs: Record<string, unknown>[] }>
  cleanup: () => Promise<void>
}

/**
 * One database, one stream prefix and one app per test file. Identity is played by a test issuer whose
 * JWKS is served on a free port, assessment by a stub HTTP server (its internal read) and, like
 * invitation and signaling, by publishing its events directly.
 */
export async function createHarness (env: Record<string, string> = {}): Promise<Harness> {
  const database: TestDatabase = await createTestDatabase()
  const prefix = uniqueName('t')
  const natsUrl = env.NATS_URL ?? testNatsUrl()
  const issuer = createTestIssuer({ issuer: ISSUER, audience: AUDIENCE })
  const jwks: JwksServer = await startJwksServer(issuer)
  const assessment = await startAssessmentStub()
  const admin = new pg.Pool({ connectionString: database.adminUrl, max: 2 })
  const baseEnv = {
    DATABASE_URL: database.urlFor('grading'),
    NATS_URL: natsUrl,
    EVENTS_PREFIX: prefix,
    LOG_LEVEL: 'info',
    DB_POOL_MAX: '5',
    IDENTITY_URL: new URL(jwks.url).origin,
    ASSESSMENT_URL: assessment.url,
    INTERNAL_API_TOKEN: INTERNAL_TOKEN,
    ASSESSMENT_TIMEOUT_MS: '1000'
  }
  const start = async (overrides: Record<string, string>) => {
    const logs: Record<string, unknown>[] = []
    const sink = new Writable({
      write (chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n')) if (line !== '') logs.push(JSON.parse(line) as Record<string, unknown>)
        done()
      }
    })
    const app = await buildGrading(loadConfig(GradingConfigSchema, { ...baseEnv, ...overrides }), { logger: pino({ level: 'info' }, sink) })
    await app.ready()
    await waitFor('grading to be ready', async () => (await app.inject({ url: '/ready' })).statusCode === 200 || undefined)
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
      const stream = names.streamName('grading')
      const state = await jsm.streams.info(stream).then((info) => info.state, () => undefined)
      const envelopes: { id: string, data: Record<string, unknown> }[] = []
      if (state === undefined) return envelopes
      for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
        const message = await jsm.streams.getMessage(stream, { seq }).catch(() => undefined)
        if (message?.subject === names.subject(subject)) envelopes.push(message.json<{ id: string, data: Record<string, unknown> }>())
      }
      return envelopes
    },
    handled: async (eventId, timeoutMs) => {
      await waitFor(`event ${eventId} to be handled`, async () => {
        const { rows } = await admin.query('SELECT 1 FROM grading.inbox WHERE event_id = $1', [eventId])
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

export type VersionKind = 'mixed' | 'mcq' | 'manual'

/**
 * A version as assessment publishes it, answer keys included. `mixed`: a 2-point multiple choice (key
 * "SELECT"), a 5-point coding and a 1-point essay question; `mcq`: two multiple choice questions (2 and
 * 3 points, keys "SELECT" and "B"); `manual`: the coding and essay questions only.
 */
export function publishedVersion (testId: string = randomUUID(), version = 1, kind: VersionKind = 'mixed'): Published {
  const now = new Date().toISOString()
  const mcq = { id: randomUUID(), type: 'multiple_choice' as const, question: 'Pick the key', options: ['SELECT', 'GRAB'], correctAnswer: 'SELECT', expectedLanguage: null, points: 2, order: 0 }
  const mcq2 = { id: randomUUID(), type: 'multiple_choice' as const, question: 'Pick B', options: ['A', 'B'], correctAnswer: 'B', expectedLanguage: null, points: 3, order: 1 }
  const coding = { id: randomUUID(), type: 'coding' as const, question: 'Reverse a string', options: null, correctAnswer: 'return s[::-1]', expectedLanguage: 'python', points: 5, order: 1 }
  const essay = { id: randomUUID(), type: 'essay' as const, question: 'Describe an outage', options: null, correctAnswer: null, expectedLanguage: null, points: 1, order: 2 }
  const questions = kind === 'mcq' ? [mcq, mcq2] : kind === 'manual' ? [{ ...coding, order: 0 }, { ...essay, order: 1 }] : [mcq, coding, essay]
  return {
    testId,
    version,
    title: `Backend basics v${version}`,
    description: 'A short screening test',
    durationMinutes: 30,
    createdBy: randomUUID(),
    createdAt: now,
    publishedAt: now,
    questions
  }
}

/** Publishes a version of a test (answer keys included) and waits until grading has handled it. */
export async function publishTest (harness: Harness, testId: string = randomUUID(), version = 1, kind: VersionKind = 'mixed'): Promise<Published> {
  const data = publishedVersion(testId, version, kind)
  await harness.handled(await harness.publish(catalog.assessment.TestPublishedV1, data))
  return data
}

/**
 * A submission of a version as invitation publishes it. `answers` by default gives the right answer to
 * every multiple choice question and a non-empty answer to every other one.
 */
export function submittedTest (version: Published, overrides: Partial<Submitted> = {}): Submitted {
  const startedAt = new Date(Date.now() - 10 * 60_000).toISOString()
  return {
    submissionId: randomUUID(),
    inviteId: randomUUID(),
    inviteToken: randomUUID().replaceAll('-', ''),
    testId: version.testId,
    testVersion: version.version,
    applicantEmail: `applicant-${randomUUID()}@example.com`,
    applicantName: 'Dee Applicant',
    invitedBy: randomUUID(),
    answers: version.questions.map((question) => ({ questionId: question.id, answer: question.correctAnswer ?? 'My answer' })),
    startedAt,
    submittedAt: new Date().toISOString(),
    autoSubmitted: false,
    ...overrides
  }
}

/** Publishes `invitation.test.submitted.v1` as invitation would and waits until grading has handled it. */
export async function submit (harness: Harness, data: Submitted): Promise<{ data: Submitted, eventId: string }> {
  const eventId = await harness.publish(catalog.invitation.TestSubmittedV1, data)
  await harness.handled(eventId)
  return { data, eventId }
}

/** The `grading.submission.graded.v1` events about one submission in grading's outbox, oldest first. */
export async function gradedEvents (admin: pg.Pool, submissionId: string): Promise<Graded[]> {
  const rows: OutboxRow[] = await outboxWhere(admin, 'grading', 'submissionId', submissionId)
  return rows.filter((row) => row.subject === catalog.grading.SubmissionGradedV1.subject).map((row) => row.data as Graded)
}
