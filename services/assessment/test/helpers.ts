import type pg from 'pg'
import { createServiceHarness, type ServiceHarness } from '@repo/platform/testing'
import { bearer, injector, outboxWhere } from '@repo/testing'
import { buildAssessment } from '../src/app.js'
import { AssessmentConfigSchema } from '../src/config.js'

export type Caller = { id: string, token: string }

/** The service credential (INTERNAL_API_TOKEN) the harness configures for the internal routes. */
export const INTERNAL_TOKEN = 'assessment-test-internal-token-0123456789'

export type Harness = ServiceHarness

/**
 * One database, one stream prefix and one app per test file. Identity is played by a test issuer whose
 * JWKS is served on a free port (IDENTITY_URL points at it), and by publishing its events directly.
 */
export async function createHarness (): Promise<Harness> {
  return await createServiceHarness({
    schema: 'assessment',
    configSchema: AssessmentConfigSchema,
    // Assessment's tests read no logs: it logs nothing, with its own logger.
    build: async (config) => await buildAssessment(config),
    defaults: { LOG_LEVEL: 'silent', INTERNAL_API_TOKEN: INTERNAL_TOKEN }
  })
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
