import { createApiClient, ok, type ApiClient } from '@repo/client'
import { inviteInBulk, startSessions, type Session } from '@repo/testing'

export { inParallel, type Session } from '@repo/testing'

export type Scenario = {
  gatewayUrl: string
  admin: ApiClient
  /** The admin's access token, for what the API client does not cover (e.g. a WebSocket's `?token=`). */
  adminToken: string
  testId: string
  /** The answers that score 100 on the test (one multiple-choice question). */
  answers: { question_id: string, answer: string }[]
}

const ADMIN = { email: 'faults-admin@example.com', password: 'fault tolerant password', full_name: 'Fay Faults' }

/** The first admin signs up and writes a one-question test, everything through the gateway. */
export async function adminWithTest (gatewayUrl: string): Promise<Scenario> {
  const anonymous = createApiClient(gatewayUrl)
  await ok(anonymous.POST('/api/auth/register', { body: { ...ADMIN, role: 'admin' } }))
  const login = await ok(anonymous.POST('/api/auth/login', { body: { email: ADMIN.email, password: ADMIN.password } }))
  const admin = createApiClient(gatewayUrl, { token: login.access_token })
  const test = await ok(admin.POST('/api/tests', {
    body: {
      title: 'Fault tolerance',
      description: 'One question, many applicants',
      duration_minutes: 30,
      questions: [{ type: 'multiple_choice', question: 'Which port does Postgres use by default?', options: ['5432', '3306'], correct_answer: '5432', points: 1 }]
    }
  }))
  const answers = test.questions.map((question) => ({ question_id: question.id, answer: '5432' }))
  return { gatewayUrl, admin, adminToken: login.access_token, testId: test.id, answers }
}

/** `count` applicants invited in bulk, each with a started session. */
export async function startedSessions (scenario: Scenario, count: number, label = 'applicant'): Promise<Session[]> {
  const sessions = await inviteInBulk(scenario.admin, scenario.testId, count, label)
  await startSessions(scenario.gatewayUrl, sessions)
  return sessions
}

/** Submits a session's answers through the gateway; answers the HTTP status (a fault test decides what is acceptable). */
export async function submit (scenario: Scenario, session: Session): Promise<number> {
  const response = await fetch(`${scenario.gatewayUrl}/api/submit-test/${session.token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ answers: scenario.answers })
  })
  await response.body?.cancel()
  return response.status
}
