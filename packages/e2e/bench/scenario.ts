// The data every platform benchmark needs, made through the gateway as a client would: one admin,
// one test, and applicants invited in bulk (each e-mail its own, so the one-test-at-a-time rule never
// refuses a start), with started sessions where a benchmark needs them.
import { createApiClient, ok, type ApiClient } from '@repo/client'

/** An invite an applicant holds: its id and the link's token. */
export type Session = { inviteId: string, token: string }

export type Scenario = {
  gatewayUrl: string
  admin: ApiClient
  adminToken: string
  testId: string
  /** A full set of answers (every question answered), as an applicant autosaves and submits them. */
  answers: { question_id: string, answer: string }[]
}

const ADMIN = { email: 'bench-admin@example.com', password: 'benchmark password', full_name: 'Bea Bench' }
// The API's limit per bulk call.
const BULK = 500

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

/** Runs `work` over `items` with at most `concurrency` at once; answers the results in input order. */
export async function inParallel<T, R> (items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++
      results[index] = await work(items[index] as T, index)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker))
  return results
}

/** `count` applicants invited in bulk; `label` keeps the e-mails of separate pools apart. */
export async function invite (scenario: Scenario, count: number, label: string): Promise<Session[]> {
  const sessions: Session[] = []
  for (let first = 0; first < count; first += BULK) {
    const applicants = Array.from({ length: Math.min(BULK, count - first) }, (_, offset) => ({ applicant_email: `${label}-${first + offset}@example.com`, applicant_name: `Applicant ${label} ${first + offset}` }))
    const bulk = await ok(scenario.admin.POST('/api/invites/bulk', { body: { test_id: scenario.testId, applicants } }))
    for (const result of bulk.results) {
      if (result.status !== 'created') throw new Error(`inviting ${result.applicant_email} failed: ${JSON.stringify(result.error)}`)
      sessions.push({ inviteId: result.invite.id, token: result.invite.invite_token })
    }
  }
  return sessions
}

/** Starts every session (POST /api/start-test/{token}), a few at a time: setup, not measured. */
export async function start (scenario: Scenario, sessions: readonly Session[]): Promise<void> {
  const anonymous = createApiClient(scenario.gatewayUrl)
  await inParallel(sessions, 8, async (session) => await ok(anonymous.POST('/api/start-test/{token}', { params: { path: { token: session.token } } })))
}

/** Invited and started: sessions an applicant can autosave and submit. */
export async function startedSessions (scenario: Scenario, count: number, label: string): Promise<Session[]> {
  const sessions = await invite(scenario, count, label)
  await start(scenario, sessions)
  return sessions
}
