import { randomUUID } from 'node:crypto'
import type pg from 'pg'
import { catalog, type EventData } from '@repo/events'
import { createServiceHarness, type ServiceHarness } from '@repo/platform/testing'
import { bearer, injector, outboxWhere, startHttpStub, type HttpStub, type OutboxRow } from '@repo/testing'
import { buildInvitation } from '../src/app.js'
import { InvitationConfigSchema } from '../src/config.js'

export const FRONTEND_DOMAIN = 'http://frontend.test'

export type { Caller } from '@repo/platform/testing'
export type Published = EventData<typeof catalog.assessment.TestPublishedV1>
export type AssessmentStub = HttpStub<{ path: string, authorization: string | undefined }>

export type Harness = ServiceHarness & {
  /** Assessment's internal read (ASSESSMENT_URL), played by a stub that knows no test unless told otherwise. */
  assessment: AssessmentStub
}

/**
 * One database, one stream prefix and one app per test file. Identity is played by a test issuer whose
 * JWKS is served on a free port, assessment by a stub HTTP server (its internal read) and, like
 * identity, by publishing its events directly.
 */
export async function createHarness (env: Record<string, string> = {}): Promise<Harness> {
  const assessment = await startHttpStub({
    record: (request) => ({ path: request.url ?? '', authorization: request.headers.authorization }),
    notFound: { detail: 'Test not found', code: 'ASSESSMENT_TEST_NOT_FOUND' }
  })
  const harness = await createServiceHarness({
    schema: 'invitation',
    configSchema: InvitationConfigSchema,
    build: async (config, options) => await buildInvitation(config, options),
    defaults: {
      FRONTEND_DOMAIN,
      // The auto-submit and expiry jobs stay out of the way unless a test asks for them.
      AUTO_SUBMIT_INTERVAL_MS: '3600000',
      EXPIRY_INTERVAL_MS: '3600000',
      ASSESSMENT_URL: assessment.url
    },
    env,
    closes: [assessment]
  })
  return { ...harness, assessment }
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
