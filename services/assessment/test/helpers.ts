import { randomUUID } from 'node:crypto'
import { connect, type NatsConnection } from 'nats'
import pg from 'pg'
import { createTestIssuer, startJwksServer, type JwksServer, type TestIssuer } from '@repo/auth/testing'
import { naming, type EventData, type EventDefinition } from '@repo/events'
import { publishAsProducer } from '@repo/events/testing'
import { loadConfig, type ServiceApp } from '@repo/kit'
import { bearer, createTestDatabase, deleteTestStreams, injector, outboxWhere, testNatsUrl, uniqueName, waitFor, type TestDatabase } from '@repo/testing'
import { buildAssessment } from '../src/app.js'
import { AssessmentConfigSchema } from '../src/config.js'

const ISSUER = 'pre-interview-platform/identity'
const AUDIENCE = 'pre-interview-platform'

export type Caller = { id: string, token: string }

/** The service credential (INTERNAL_API_TOKEN) the harness configures for the internal routes. */
export const INTERNAL_TOKEN = 'assessment-test-internal-token-0123456789'

export type Harness = {
  app: ServiceApp
  /** Administrator access to the run's database, to look at assessment's tables. */
  admin: pg.Pool
  issuer: TestIssuer
  /** Publishes an event straight to its producer's stream, as that producer's outbox relay would; answers the event id. */
  publish: <T extends EventDefinition>(definition: T, data: EventData<T>) => Promise<string>
  /** A fresh admin or applicant with a valid token from the test issuer (standing in for identity). */
  caller: (role?: 'admin' | 'applicant') => Caller
  cleanup: () => Promise<void>
}

/**
 * One database, one stream prefix and one app per test file. Identity is played by a test issuer whose
 * JWKS is served on a free port (IDENTITY_URL points at it), and by publishing its events directly.
 */
export async function createHarness (): Promise<Harness> {
  const database: TestDatabase = await createTestDatabase()
  const prefix = uniqueName('t')
  const natsUrl = testNatsUrl()
  const issuer = createTestIssuer({ issuer: ISSUER, audience: AUDIENCE })
  const jwks: JwksServer = await startJwksServer(issuer)
  const admin = new pg.Pool({ connectionString: database.adminUrl, max: 2 })
  const config = loadConfig(AssessmentConfigSchema, {
    DATABASE_URL: database.urlFor('assessment'),
    NATS_URL: natsUrl,
    EVENTS_PREFIX: prefix,
    LOG_LEVEL: 'silent',
    DB_POOL_MAX: '5',
    IDENTITY_URL: new URL(jwks.url).origin,
    INTERNAL_API_TOKEN: INTERNAL_TOKEN
  })
  const app = await buildAssessment(config)
  await app.ready()
  // The revocation list must have read identity's stream before tokens are judged by it.
  await waitFor('assessment to be ready', async () => (await app.inject({ url: '/ready' })).statusCode === 200 || undefined)

  const nats: NatsConnection = await connect({ servers: natsUrl })
  const names = naming(prefix)
  return {
    app,
    admin,
    issuer,
    publish: async (definition, data) => await publishAsProducer(nats, names, definition, data),
    caller: (role = 'admin') => {
      const id = randomUUID()
      return { id, token: issuer.sign({ sub: id, role, email: `${role}-${id}@example.com` }, { expiresInSeconds: 3600 }) }
    },
    cleanup: async () => {
      await app.close()
      await nats.close()
      await jwks.close()
      await admin.end()
      await deleteTestStreams(natsUrl, prefix).catch(() => {})
      await database.drop()
    }
  }
}

/** app.inject with an optional caller and JSON body. */
export const caller = injector
export { bearer }

/** A valid test body: one question of each type. */
export function testBody (overrides: Record<string, unknown> = {}) {
  return {
    title: 'Backend basics',
    description: 'A short screening test',
    duration_minutes: 45,
    questions: [
      { type: 'multiple_choice', question: 'Which is a SQL keyword?', options: ['SELECT', 'FETCHALL', 'GRAB'], correct_answer: 'SELECT', points: 2 },
      { type: 'coding', question: 'Reverse a string', expected_language: 'python', correct_answer: 's[::-1]', points: 5 },
      { type: 'essay', question: 'Describe an outage you handled' }
    ],
    ...overrides
  }
}

/** Outbox rows of one test, oldest first. */
export const outboxFor = async (admin: pg.Pool, testId: string) => await outboxWhere(admin, 'assessment', 'testId', testId)
