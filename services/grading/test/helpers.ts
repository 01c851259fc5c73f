import { randomUUID } from 'node:crypto'
import type pg from 'pg'
import { catalog, type EventData } from '@repo/events'
import { createServiceHarness, type ServiceHarness } from '@repo/platform/testing'
import { bearer, injector, outboxWhere, startHttpStub, type HttpStub, type OutboxRow } from '@repo/testing'
import { buildGrading } from '../src/app.js'
import { GradingConfigSchema } from '../src/config.js'

/** The service credential the harness gives grading (INTERNAL_API_TOKEN); the stand-in assessment sees it. */
export const INTERNAL_TOKEN = 'test-internal-token-0123456789abcdef'

export type { Caller } from '@repo/platform/testing'
export type Published = EventData<typeof catalog.assessment.TestPublishedV1>
export type Submitted = EventData<typeof catalog.invitation.TestSubmittedV1>
export type Graded = EventData<typeof catalog.grading.SubmissionGradedV1>
export type AssessmentStub = HttpStub<{ path: string, internalToken: string | undefined }>

export type Harness = ServiceHarness & {
  /** Assessment's internal read (ASSESSMENT_URL), played by a stub that knows no test version unless told otherwise. */
  assessment: AssessmentStub
}

/**
 * One database, one stream prefix and one app per test file. Identity is played by a test issuer whose
 * JWKS is served on a free port, assessment by a stub HTTP server (its internal read) and, like
 * invitation and signaling, by publishing its events directly.
 */
export async function createHarness (env: Record<string, string> = {}): Promise<Harness> {
  const assessment = await startHttpStub({
    record: (request) => {
      const token = request.headers['x-internal-token']
      return { path: request.url ?? '', internalToken: Array.isArray(token) ? token[0] : token }
    },
    notFound: { detail: 'Test version not found', code: 'ASSESSMENT_TEST_VERSION_NOT_FOUND' }
  })
  const harness = await createServiceHarness({
    schema: 'grading',
    configSchema: GradingConfigSchema,
    build: async (config, options) => await buildGrading(config, options),
    defaults: {
      ASSESSMENT_URL: assessment.url,
      INTERNAL_API_TOKEN: INTERNAL_TOKEN,
      ASSESSMENT_TIMEOUT_MS: '1000'
    },
    env,
    closes: [assessment]
  })
  return { ...harness, assessment }
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
