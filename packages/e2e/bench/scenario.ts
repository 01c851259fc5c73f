// The data every platform benchmark needs, made through the gateway as a client would: one admin,
// one test, and applicants invited in bulk (each e-mail its own, so the one-test-at-a-time rule never
// refuses a start), with started sessions where a benchmark needs them.
import { createApiClient, ok, type ApiClient } from '@repo/client'
import { inviteInBulk, startSessions, type Session } from '@repo/testing'

export { inParallel, type Session } from '@repo/testing'

export type Scenario = {
  gatewayUrl: string
  admin: ApiClient
  adminToken: string
  testId: string
  /** A full set of answers (every question answered), as an applicant autosaves and submits them. */
  answers: { question_id: string, answer: string }[]
}

const ADMIN = { email: 'bench-admin@example.com', password: 'benchmark password', full_name: 'Bea Bench' }

/** The first admin signs up and writes a small mixed test (two multiple-choice questions and an essay). */
export async function adminWithTest (gatewayUrl: string): Promise<Scenario> {
  const anonymous = createApiClient(gatewayUrl)
  await ok(anonymous.POST('/api/auth/register', { body: { ...ADMIN, role: 'admin' } }))
  const login = await ok(anonymous.POST('/api/auth/login', { body: { email: ADMIN.email, password: ADMIN.password } }))
  const admin = createApiClient(gatewayUrl, { token: login.access_token })
  const test = await ok(admin.POST('/api/tests', {
    body: {
      title: 'Platform benchmark',
      description: 'Two multiple-choice questions and an essay',
      duration_minutes: 60,
      questions: [
        { type: 'multiple_choice', question: 'Which port does Postgres use by default?', options: ['5432', '3306'], correct_answer: '5432', points: 2 },
        { type: 'multiple_choice', question: 'Which of these is a message broker?', options: ['NATS', 'Postgres'], correct_answer: 'NATS', points: 1 },
        { type: 'essay', question: 'Describe a migration you would not run on a Friday', points: 2 }
      ]
    }
  }))
  const given: Record<string, string> = { multiple_choice: '5432', essay: 'One that rewrites a large table while holding a lock.' }
  const answers = test.questions.map((question) => ({ question_id: question.id, answer: given[question.type] ?? '' }))
  return { gatewayUrl, admin, adminToken: login.access_token, testId: test.id, answers }
}

/** Invited and started: sessions an applicant can autosave and submit; `label` keeps the e-mails of separate pools apart. */
export async function startedSessions (scenario: Scenario, count: number, label: string): Promise<Session[]> {
  const sessions = await inviteInBulk(scenario.admin, scenario.testId, count, label)
  await startSessions(scenario.gatewayUrl, sessions)
  return sessions
}
